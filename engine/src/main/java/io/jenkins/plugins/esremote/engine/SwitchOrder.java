package io.jenkins.plugins.esremote.engine;

/** The order in which the alias is switched from certificates to the API key (and back). */
public enum SwitchOrder {
    /**
     * Elasticsearch 8.13 and later: keystore entry first while the alias still works, then one
     * secure settings reload and one cluster settings update back to back inside
     * {@code reconnect}. {@code disconnect} only records the original settings.
     */
    RELOAD_AND_REPOINT("reload-and-repoint"),

    /**
     * The documented order: remove the alias, write the keystore, load it, re-add the alias. On
     * 8.10 to 8.12, which cannot reload remote cluster credentials, loading it means restarting
     * the local nodes; on 8.13+ (when this order is chosen explicitly) a reload does it.
     */
    DOCUMENTED("documented");

    private final String id;

    SwitchOrder(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
