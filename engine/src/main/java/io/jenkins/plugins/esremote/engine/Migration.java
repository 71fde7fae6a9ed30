package io.jenkins.plugins.esremote.engine;

import java.util.Map;

/**
 * Migrates one remote cluster alias on one local cluster from certificate trust to a cross-cluster
 * API key, phase by phase, and undoes it. Every phase journals what it is about to change before
 * writing to a cluster and the outcome afterwards, is safe to run twice, and returns a result whose
 * {@code toMap()} holds no secret.
 *
 * <p>A full run: {@link #plan}, {@link #createCrossClusterKey}, {@link #pauseTasks},
 * {@link #grantRemotePrivileges}, {@link #disconnect}, {@link #reloadSecureSettings},
 * {@link #reconnect}, {@link #verify}, {@link #resumeTasks}, then (after approval)
 * {@link #disableCertificateAccess}. {@link #rollback} works from any point.
 */
public final class Migration implements AutoCloseable {

    private Migration() {}

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
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** The key of this migration's journal (local cluster UUID and alias). */
    public JournalKey journalKey() {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** The current journal as plain values; it never holds a secret. */
    public Map<String, Object> journal() {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Checks both clusters and previews every phase; changes nothing. */
    public PlanResult plan(PlanRequest request) throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /**
     * Creates the cross-cluster API key on the remote cluster and hands its encoded form to
     * {@code sink} once (and to the local keystores when a {@link KeystoreAccess} is configured).
     * A second run returns the key recorded in the journal without creating another.
     */
    public CreateKeyResult createCrossClusterKey(CreateKeyRequest request, KeySink sink)
            throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Pauses the running tasks that read through the alias, recording each prior state. */
    public TasksResult pauseTasks() throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Adds {@code remote_indices} / {@code remote_cluster} privileges for the alias to roles. */
    public GrantPrivilegesResult grantRemotePrivileges(GrantPrivilegesRequest request)
            throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /**
     * Records the alias's persistent and transient settings; under the documented order it also
     * removes them (sets them to {@code null}).
     */
    public SettingsResult disconnect() throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /**
     * Loads the keystore credentials: deferred to {@link #reconnect} under
     * {@link SwitchOrder#RELOAD_AND_REPOINT}, a reload on 8.13+ under the documented order, and a
     * restart request for the operator before 8.13.
     */
    public SettingsResult reloadSecureSettings() throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Points the alias at the remote cluster server port and waits until it connects. */
    public SettingsResult reconnect(ReconnectRequest request) throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Checks the alias: connected, API key in use, probe search, followers, key expiry. */
    public VerifyResult verify(VerifyRequest request) throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Resumes exactly the tasks that {@link #pauseTasks} paused. */
    public TasksResult resumeTasks() throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /** Blocks certificate-based access on the remote cluster; run only after approval. */
    public DisableCertificateAccessResult disableCertificateAccess(
            DisableCertificateAccessRequest request) throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    /**
     * Undoes the journaled phases in reverse and checks that the alias is connected without
     * {@code cluster_credentials}.
     */
    public RollbackResult rollback(RollbackRequest request) throws MigrationException {
        throw new UnsupportedOperationException("TODO: not implemented yet");
    }

    @Override
    public void close() {}
}
