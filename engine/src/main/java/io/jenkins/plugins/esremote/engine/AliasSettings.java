package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.cluster.GetClusterSettingsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the alias's {@code cluster.remote.<alias>.*} settings and reads its state from
 * {@code _remote/info}.
 */
final class AliasSettings {

    /** Keys that belong to one connection mode and must be cleared when switching to the other. */
    private static final List<String> MODE_KEYS = List.of(
            "mode", "seeds", "node_connections", "proxy_address", "proxy_socket_connections",
            "server_name");

    private final Context context;

    AliasSettings(Context context) {
        this.context = context;
    }

    /** Reads the alias's dynamic settings: {@code {persistent: {...}, transient: {...}}}, flat keys. */
    Map<String, Object> readDynamic(Phase phase) throws MigrationException {
        return readDynamic(phase, context.alias);
    }

    /** Reads the dynamic settings of the remote cluster alias {@code name}, shaped as {@link #readDynamic(Phase)}. */
    Map<String, Object> readDynamic(Phase phase, String name) throws MigrationException {
        GetClusterSettingsResponse response = context.local.call(phase, context.alias,
                "reading the cluster settings", null,
                client -> client.cluster().getSettings(r -> r.flatSettings(true)));
        Map<String, Object> all = context.local.toMap(response);
        String prefix = "cluster.remote." + name + ".";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("persistent", filter(all.get("persistent"), prefix));
        result.put("transient", filter(all.get("transient"), prefix));
        return result;
    }

    /**
     * The alias's settings from each node's {@code elasticsearch.yml} (node name to flat keys);
     * nodes without any are left out. The typed node info does not expose arbitrary settings.
     */
    Map<String, Object> readStatic(Phase phase) throws MigrationException {
        Map<String, Object> response = context.local.raw(phase, context.alias, "GET",
                "/_nodes/settings?flat_settings=true", null, "reading the node settings", null);
        Map<String, Object> result = new TreeMap<>();
        Object nodes = response == null ? null : response.get("nodes");
        if (nodes instanceof Map) {
            for (Object node : ((Map<?, ?>) nodes).values()) {
                Map<?, ?> info = (Map<?, ?>) node;
                Map<String, Object> settings = filter(info.get("settings"), context.settingPrefix());
                if (!settings.isEmpty()) {
                    result.put(String.valueOf(info.get("name")), settings);
                }
            }
        }
        return result;
    }

    /** {@code persistent}, {@code transient}, {@code static} or {@code absent}. */
    static String configuration(Map<String, Object> dynamic, Map<String, Object> staticSettings) {
        if (!((Map<?, ?>) dynamic.get("persistent")).isEmpty()) {
            return "persistent";
        }
        if (!((Map<?, ?>) dynamic.get("transient")).isEmpty()) {
            return "transient";
        }
        return staticSettings.isEmpty() ? "absent" : "static";
    }

    /** Reads the alias's entry in {@code _remote/info}, raw because the typed sniff info lacks credentials. */
    RemoteStatus status(Phase phase) throws MigrationException {
        return status(phase, context.alias);
    }

    /** Reads the {@code _remote/info} entry of the remote cluster alias {@code name}. */
    RemoteStatus status(Phase phase, String name) throws MigrationException {
        Map<String, Object> info = context.local.raw(phase, context.alias, "GET", "/_remote/info",
                null, "reading _remote/info", null);
        Object entry = info == null ? null : info.get(name);
        if (!(entry instanceof Map)) {
            return new RemoteStatus(false, false, false, null, null, Map.of());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) entry;
        return new RemoteStatus(true, Boolean.TRUE.equals(map.get("connected")),
                map.containsKey("cluster_credentials"), (String) map.get("mode"),
                (Boolean) map.get("skip_unavailable"), map);
    }

    /**
     * Sends one cluster settings update. The typed request cannot carry {@code null} values, which
     * is how Elasticsearch removes a setting, so this one is raw JSON.
     */
    void apply(Phase phase, Map<String, Object> persistent, Map<String, Object> transientSettings,
            String nextStep) throws MigrationException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!persistent.isEmpty()) {
            body.put("persistent", persistent);
        }
        if (!transientSettings.isEmpty()) {
            body.put("transient", transientSettings);
        }
        if (body.isEmpty()) {
            return;
        }
        context.local.raw(phase, context.alias, "PUT", "/_cluster/settings", body,
                "updating the cluster settings of the alias", nextStep);
    }

    /** Settings that remove every key in {@code current} (values {@code null}). */
    static Map<String, Object> removal(Map<?, ?> current) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object key : current.keySet()) {
            result.put(String.valueOf(key), null);
        }
        return result;
    }

    /**
     * Builds the persistent settings that point the alias at the remote cluster server: the new mode's
     * keys set, the other mode's keys cleared, every other original key (such as
     * {@code skip_unavailable}) kept.
     */
    Map<String, Object> target(ReconnectRequest request, List<String> addresses, Map<?, ?> original) {
        String prefix = context.settingPrefix();
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : original.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!isModeKey(key)) {
                result.put(key, entry.getValue());
            }
        }
        for (String key : MODE_KEYS) {
            result.put(prefix + key, null);
        }
        result.put(prefix + "mode", request.mode().id());
        if (request.mode() == ReconnectRequest.Mode.PROXY) {
            result.put(prefix + "proxy_address", addresses.get(0));
            if (request.serverName() != null) {
                result.put(prefix + "server_name", request.serverName());
            }
        } else {
            result.put(prefix + "seeds", new ArrayList<>(addresses));
        }
        return result;
    }

    /** Returns whether the current settings already contain every value of {@code target}. */
    static boolean matches(Map<?, ?> current, Map<String, Object> target) {
        for (Map.Entry<String, Object> entry : target.entrySet()) {
            Object actual = current.get(entry.getKey());
            Object expected = entry.getValue();
            if (expected == null ? actual != null : !String.valueOf(expected).equals(String.valueOf(actual))) {
                return false;
            }
        }
        return true;
    }

    private boolean isModeKey(String key) {
        for (String modeKey : MODE_KEYS) {
            if (key.equals(context.settingPrefix() + modeKey)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> filter(Object settings, String prefix) {
        Map<String, Object> result = new TreeMap<>();
        if (settings instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) settings).entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (key.startsWith(prefix)) {
                    result.put(key, entry.getValue());
                }
            }
        }
        return result;
    }

    /** The alias as {@code _remote/info} shows it. */
    record RemoteStatus(boolean exists, boolean connected, boolean credentials, String mode,
            Boolean skipUnavailable, Map<String, Object> raw) {}
}
