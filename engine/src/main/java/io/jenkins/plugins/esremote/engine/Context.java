package io.jenkins.plugins.esremote.engine;

import java.io.IOException;
import java.time.Instant;

/** What every phase shares: the clients, the alias, the journal and where lines go. */
final class Context {

    final EsClient local;
    final EsClient remote;
    final String alias;
    final JournalKey key;
    final JournalStore store;
    final MigrationListener listener;
    final MigrationOptions options;
    final EsVersion localVersion;
    final String localClusterName;
    Journal journal;

    Context(EsClient local, EsClient remote, String alias, JournalKey key, JournalStore store,
            MigrationListener listener, MigrationOptions options, EsVersion localVersion,
            String localClusterName, Journal journal) {
        this.local = local;
        this.remote = remote;
        this.alias = alias;
        this.key = key;
        this.store = store;
        this.listener = listener;
        this.options = options;
        this.localVersion = localVersion;
        this.localClusterName = localClusterName;
        this.journal = journal;
    }

    String settingPrefix() {
        return "cluster.remote." + alias + ".";
    }

    String keystoreSetting() {
        return "cluster.remote." + alias + ".credentials";
    }

    /** The switch order: fixed in the journal once chosen, else from the options or the version. */
    SwitchOrder switchOrder() {
        if (journal.switchOrder != null) {
            return journal.switchOrder.equals(SwitchOrder.DOCUMENTED.id())
                    ? SwitchOrder.DOCUMENTED
                    : SwitchOrder.RELOAD_AND_REPOINT;
        }
        if (options.switchOrder() != null) {
            return options.switchOrder();
        }
        return canReload() ? SwitchOrder.RELOAD_AND_REPOINT : SwitchOrder.DOCUMENTED;
    }

    boolean canReload() {
        return localVersion.atLeast(EsVersion.RELOADABLE_CREDENTIALS);
    }

    String switchOrderReason() {
        SwitchOrder order = switchOrder();
        if (order == SwitchOrder.RELOAD_AND_REPOINT) {
            return "the local cluster runs " + localVersion + " (8.13 or later reloads remote cluster "
                    + "credentials), so the keystore entry is written while the alias still works and "
                    + "reconnect then reloads secure settings and re-points the alias in one cluster "
                    + "settings update; the alias is unusable only between those two calls";
        }
        if (canReload()) {
            return "the documented order was chosen explicitly: the alias is removed, the "
                    + "credentials are reloaded and the alias is re-added, so it is unusable from "
                    + "disconnect until reconnect";
        }
        return "the local cluster runs " + localVersion + ", which cannot reload remote cluster "
                + "credentials (added in 8.13): the alias is removed, the keystore written, the local "
                + "nodes restarted by the operator, and the alias re-added";
    }

    EsClient requireRemote(Phase phase) throws MigrationException {
        if (remote == null) {
            throw new MigrationException(phase, null, alias, null,
                    "this phase needs a connection to the remote cluster and none was given",
                    "configure the remote cluster connection and run the phase again", null);
        }
        return remote;
    }

    /** Writes the journal; called before each cluster write and after its outcome. */
    void save(Phase phase) throws MigrationException {
        journal.updated = Instant.now().toString();
        if (journal.created == null) {
            journal.created = journal.updated;
        }
        try {
            store.write(key, journal.toJson());
        } catch (IOException e) {
            throw new MigrationException(phase, local.name(), alias, null,
                    "failed to write the journal " + key + ": " + e.getMessage(),
                    "fix the journal storage (disk space, permissions) and run the phase again; "
                            + "nothing further was changed",
                    e);
        }
    }

    /** Journals an intended cluster write, then saves, before the write is sent. */
    void intent(Phase phase, EsClient cluster, String action) throws MigrationException {
        journal.record(phase, cluster.name(), action, "intent", null);
        save(phase);
        info(phase, cluster.name(), action);
    }

    /** Journals a failed phase (best effort, the original error matters more) for the operator. */
    void failed(Phase phase, MigrationException error) {
        journal.record(phase, error.cluster(), "phase", "failed", error.getMessage());
        journal.phases.put(phase.id(), "failed");
        try {
            store.write(key, journal.toJson());
        } catch (IOException | RuntimeException e) {
            listener.warning("[" + phase.id() + "] failed to journal the error: " + e.getMessage());
        }
    }

    void outcome(Phase phase, EsClient cluster, String action, String status, String detail)
            throws MigrationException {
        journal.record(phase, cluster.name(), action, status, detail);
        save(phase);
    }

    void info(Phase phase, String cluster, String message) {
        listener.info("[" + phase.id() + "] alias '" + alias + "' on " + cluster + ": " + message);
    }

    void warn(Phase phase, String cluster, String message) {
        listener.warning("[" + phase.id() + "] alias '" + alias + "' on " + cluster + ": " + message);
    }
}
