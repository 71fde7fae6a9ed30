package io.jenkins.plugins.esremote.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migrates one remote cluster alias on one local cluster from certificate trust to a cross-cluster
 * API key, phase by phase, and undoes it. Every phase journals what it is about to change before
 * writing to a cluster and the outcome afterwards, is safe to run twice, and returns a result whose
 * {@code toMap()} contains no secret.
 *
 * <p>A full run: {@link #plan}, {@link #createCrossClusterKey}, {@link #pauseTasks},
 * {@link #grantRemotePrivileges}, {@link #disconnect}, {@link #reloadSecureSettings},
 * {@link #reconnect}, {@link #verify}, {@link #resumeTasks}, then (after approval)
 * {@link #disableCertificateAccess}. {@link #rollback} works from any point.
 */
public final class Migration implements AutoCloseable {

    private final Context context;
    private final Closeable journalLock;

    private Migration(Opened opened) {
        this.context = opened.context();
        this.journalLock = opened.journalLock();
    }

    /** A connected context and the claim on its journal, released by {@link #close()}. */
    private record Opened(Context context, Closeable journalLock) {}

    /**
     * Opens the migration of {@code alias} on {@code local}. {@code remote} may be {@code null}
     * when only local phases will run; phases that need it then fail with a clear error.
     */
    public static Migration open(ClusterConnection local, ClusterConnection remote, String alias,
            JournalStore journal, MigrationListener listener) throws MigrationException {
        return open(local, remote, alias, journal, listener, MigrationOptions.defaults());
    }

    public static Migration open(ClusterConnection local, ClusterConnection remote, String alias,
            JournalStore journal, MigrationListener listener, MigrationOptions options)
            throws MigrationException {
        if (local == null) {
            throw new IllegalArgumentException("Missing local cluster connection.");
        }
        if (alias == null || alias.isBlank()) {
            throw new IllegalArgumentException("Missing remote cluster alias.");
        }
        JournalKey.requireValidAlias(alias);
        if (journal == null) {
            throw new IllegalArgumentException("Missing journal store.");
        }
        EsClient localClient = new EsClient(local);
        EsClient remoteClient = remote == null ? null : new EsClient(remote);
        try {
            return new Migration(connect(localClient, remoteClient, alias, journal,
                    listener == null ? MigrationListener.NONE : listener,
                    options == null ? MigrationOptions.defaults() : options));
        } catch (MigrationException | RuntimeException e) {
            localClient.close();
            if (remoteClient != null) {
                remoteClient.close();
            }
            throw e;
        }
    }

    private static Opened connect(EsClient local, EsClient remote, String alias, JournalStore store,
            MigrationListener listener, MigrationOptions options) throws MigrationException {
        String next = "check the URL, credentials and CA certificate of connection '" + local.name() + "'";
        EsClient.Nodes nodes = local.nodes(null, alias, next);
        EsVersion version = null;
        for (String text : nodes.versions().values()) {
            EsVersion nodeVersion = EsVersion.parse(text);
            version = version == null || nodeVersion.compareTo(version) < 0 ? nodeVersion : version;
        }
        String clusterUuid = clusterUuid(local, alias, next);
        if (options.switchOrder() == SwitchOrder.RELOAD_AND_REPOINT
                && !version.atLeast(EsVersion.RELOADABLE_CREDENTIALS)) {
            throw new MigrationException(null, local.name(), alias, null,
                    "switch order reload-and-repoint needs 8.13 or later on every local node, and the "
                            + "oldest runs " + version,
                    "leave the switch order unset so the documented order is used", null);
        }
        JournalKey key = new JournalKey(clusterUuid, alias);
        Closeable lock = lock(store, key, local, alias);
        try {
            Journal journal = load(store, key, local, alias);
            if (journal == null) {
                journal = fresh(key, nodes.clusterName());
            }
            if (remote != null && journal.remoteCluster == null) {
                journal.remoteCluster = remote.nodes(null, alias,
                        "check the URL, credentials and CA certificate of connection '" + remote.name() + "'")
                        .clusterName();
            }
            return new Opened(new Context(local, remote, alias, key, store, listener, options, version,
                    nodes.clusterName(), journal), lock);
        } catch (MigrationException | RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    private static Closeable lock(JournalStore store, JournalKey key, EsClient local, String alias)
            throws MigrationException {
        try {
            return store.lock(key);
        } catch (IOException e) {
            throw new MigrationException(null, local.name(), alias, null, e.getMessage(),
                    e.getCause() == null
                            ? "wait until the other run on this alias ends, then run this one again"
                            : "fix the journal directory " + store + ", then run again",
                    e);
        }
    }

    private static void release(Closeable lock) {
        try {
            lock.close();
        } catch (IOException e) {
            // The operating system releases the lock with the file handle in any case.
        }
    }

    /**
     * Reads {@code metadata.cluster_uuid}, which identifies the journal. Raw because the typed
     * cluster state response is untyped JSON anyway; {@code GET /} is avoided because clusters
     * without the rest-root module (embedded test nodes) do not serve it.
     */
    private static String clusterUuid(EsClient local, String alias, String next) throws MigrationException {
        Map<String, Object> state = local.raw(null, alias, "GET",
                "/_cluster/state/metadata?filter_path=metadata.cluster_uuid", null,
                "reading the local cluster UUID", next);
        Object metadata = state == null ? null : state.get("metadata");
        Object uuid = metadata instanceof Map ? ((Map<?, ?>) metadata).get("cluster_uuid") : null;
        if (uuid == null || "_na_".equals(uuid)) {
            throw new MigrationException(null, local.name(), alias, null,
                    "the local cluster has no cluster UUID yet (it has not elected a master)",
                    "wait until the cluster is formed and try again", null);
        }
        return String.valueOf(uuid);
    }

    private static Journal load(JournalStore store, JournalKey key, EsClient local, String alias)
            throws MigrationException {
        try {
            Optional<String> json = store.read(key);
            if (json.isEmpty()) {
                return null;
            }
            Journal journal = Journal.fromJson(json.get());
            if ((journal.clusterUuid != null && !journal.clusterUuid.equals(key.clusterUuid()))
                    || (journal.alias != null && !journal.alias.equals(key.alias()))) {
                throw new MigrationException(null, local.name(), alias, null,
                        "the journal " + key + " records cluster '" + journal.clusterUuid
                                + "' and alias '" + journal.alias + "', not this migration",
                        "restore the journal file from the build that migrated this alias", null);
            }
            return journal;
        } catch (JsonProcessingException | IllegalStateException e) {
            throw new MigrationException(null, local.name(), alias, null,
                    "the journal " + key + " is unreadable: " + e.getMessage(),
                    "restore the journal file from the build that wrote it", e);
        } catch (IOException e) {
            throw new MigrationException(null, local.name(), alias, null,
                    "reading the journal " + key + " failed: " + e.getMessage(),
                    "check the journal storage", e);
        }
    }

    private static Journal fresh(JournalKey key, String clusterName) {
        Journal journal = new Journal();
        journal.clusterUuid = key.clusterUuid();
        journal.alias = key.alias();
        journal.localCluster = clusterName;
        return journal;
    }

    /** Returns the key of this migration's journal (local cluster UUID and alias). */
    public JournalKey journalKey() {
        return context.key;
    }

    /** Returns the current journal as plain values, which never contain a secret. */
    public Map<String, Object> journal() {
        return context.journal.toMap();
    }

    /** Returns the switch order, fixed in the journal once a phase has written. */
    public SwitchOrder switchOrder() {
        return context.switchOrder();
    }

    /** Checks both clusters and previews every phase; changes nothing. */
    public PlanResult plan(PlanRequest request) throws MigrationException {
        start(Phase.PLAN);
        return guarded(Phase.PLAN, () -> new PlanPhase(context).run(request == null ? PlanRequest.defaults() : request));
    }

    /**
     * Creates the cross-cluster API key on the remote cluster and hands its encoded form to
     * {@code sink} once (and to the local keystores when a {@link KeystoreAccess} is configured).
     * A second run returns the key recorded in the journal without creating another.
     */
    public CreateKeyResult createCrossClusterKey(CreateKeyRequest request, KeySink sink)
            throws MigrationException {
        beginWrite(Phase.CREATE_KEY);
        return guarded(Phase.CREATE_KEY,
                () -> new KeyPhase(context).run(request == null ? CreateKeyRequest.derived() : request, sink));
    }

    /** Pauses the running tasks that read through the alias, recording each prior state. */
    public TasksResult pauseTasks() throws MigrationException {
        beginWrite(Phase.PAUSE_TASKS);
        return guarded(Phase.PAUSE_TASKS, () -> new TaskPhases(context).pause());
    }

    /** Adds {@code remote_indices} / {@code remote_cluster} privileges for the alias to roles. */
    public GrantPrivilegesResult grantRemotePrivileges(GrantPrivilegesRequest request)
            throws MigrationException {
        beginWrite(Phase.GRANT_REMOTE_PRIVILEGES);
        return guarded(Phase.GRANT_REMOTE_PRIVILEGES, () -> new PrivilegesPhase(context)
                .run(request == null ? GrantPrivilegesRequest.none() : request));
    }

    /**
     * Records the alias's persistent and transient settings; under the documented order it also
     * removes them (sets them to {@code null}).
     */
    public SettingsResult disconnect() throws MigrationException {
        beginWrite(Phase.DISCONNECT);
        return guarded(Phase.DISCONNECT, () -> new SwitchPhases(context).disconnect());
    }

    /**
     * Loads the keystore credentials: deferred to {@link #reconnect} under
     * {@link SwitchOrder#RELOAD_AND_REPOINT}, a reload on 8.13+ under the documented order, and a
     * restart request for the operator before 8.13.
     */
    public SettingsResult reloadSecureSettings() throws MigrationException {
        beginWrite(Phase.RELOAD_SECURE_SETTINGS);
        return guarded(Phase.RELOAD_SECURE_SETTINGS, () -> new SwitchPhases(context).reloadSecureSettings());
    }

    /** Points the alias at the remote cluster server port and waits until it connects. */
    public SettingsResult reconnect(ReconnectRequest request) throws MigrationException {
        beginWrite(Phase.RECONNECT);
        ReconnectRequest effective = request == null ? ReconnectRequest.defaults() : request;
        return guarded(Phase.RECONNECT, () -> {
            List<String> addresses = new ArrayList<>();
            if (effective.addresses().isEmpty()) {
                addresses.addAll(new Preflight(context).remoteClusterAddresses(Phase.RECONNECT));
            }
            return new SwitchPhases(context).reconnect(effective, addresses);
        });
    }

    /** Checks the alias: connected, API key in use, probe search, followers, key expiry. */
    public VerifyResult verify(VerifyRequest request) throws MigrationException {
        start(Phase.VERIFY);
        return guarded(Phase.VERIFY, () -> new VerifyPhase(context).run(request == null ? VerifyRequest.defaults() : request));
    }

    /** Resumes exactly the tasks that {@link #pauseTasks} paused. */
    public TasksResult resumeTasks() throws MigrationException {
        start(Phase.RESUME_TASKS);
        return guarded(Phase.RESUME_TASKS, () -> new TaskPhases(context).resume());
    }

    /** Blocks certificate-based access on the remote cluster; run only after approval. */
    public DisableCertificateAccessResult disableCertificateAccess(
            DisableCertificateAccessRequest request) throws MigrationException {
        if (request == null) {
            throw new IllegalArgumentException("Missing request: say which access to disable.");
        }
        start(Phase.DISABLE_CERTIFICATE_ACCESS);
        return guarded(Phase.DISABLE_CERTIFICATE_ACCESS, () -> new CertificatePhase(context).run(request));
    }

    /**
     * Undoes the journaled phases in reverse and checks that the alias is connected without
     * {@code cluster_credentials}.
     */
    public RollbackResult rollback(RollbackRequest request) throws MigrationException {
        start(Phase.ROLLBACK);
        return guarded(Phase.ROLLBACK,
                () -> new RollbackPhase(context).run(request == null ? RollbackRequest.defaults() : request));
    }

    @FunctionalInterface
    private interface PhaseBody<T> {
        T run() throws MigrationException;
    }

    /** Runs a phase and logs its failure, journaling it when a journal exists (never for plan). */
    private <T> T guarded(Phase phase, PhaseBody<T> body) throws MigrationException {
        try {
            return body.run();
        } catch (MigrationException e) {
            if (phase != Phase.PLAN && !context.journal.entries.isEmpty()) {
                context.failed(phase, e);
            }
            context.listener.warning(e.getMessage());
            throw e;
        }
    }

    private void start(Phase phase) {
        context.info(phase, context.local.name(), "starting (switch order " + context.switchOrder().id() + ")");
    }

    /** Starts a new journal after a rollback when a phase moves the migration forward again. */
    private void beginWrite(Phase phase) {
        if (context.journal.rolledBack) {
            Journal previous = context.journal;
            context.journal = fresh(context.key, previous.localCluster);
            context.journal.remoteCluster = previous.remoteCluster;
        }
        start(phase);
    }

    @Override
    public void close() {
        context.local.close();
        if (context.remote != null) {
            context.remote.close();
        }
        release(journalLock);
    }

    static Map<String, Object> newMap() {
        return new LinkedHashMap<>();
    }
}
