package io.jenkins.plugins.esremote.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Undoes what the journal records, newest first: certificate access, resumed tasks, the alias's
 * settings and credentials, role definitions and the key; then starts the tasks that were running
 * before and checks that the alias is connected without {@code cluster_credentials}.
 */
final class RollbackPhase {

    private static final Phase PHASE = Phase.ROLLBACK;

    private final Context context;
    private final AliasSettings settings;
    private final TaskCatalog catalog;

    RollbackPhase(Context context) {
        this.context = context;
        this.settings = new AliasSettings(context);
        this.catalog = new TaskCatalog(context);
    }

    RollbackResult run(RollbackRequest request) throws MigrationException {
        Journal journal = context.journal;
        List<String> undone = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (journal.entries.isEmpty() || journal.rolledBack) {
            AliasSettings.RemoteStatus status = settings.status(PHASE);
            context.info(PHASE, context.local.name(), "nothing to roll back");
            return new RollbackResult(context.local.name(), context.alias, PhaseResult.Outcome.ALREADY_DONE,
                    warnings, undone, List.of(), settings.readDynamic(PHASE), status.connected(),
                    status.credentials(), null, null);
        }
        restoreCertificateAccess(undone);
        removePortCheckAlias(undone);
        stopResumedTasks(undone);

        boolean credentialsMayBeLoaded = journal.credentialsLoaded || journal.aliasRepointed;
        String instructions = removeKeystoreEntry(request, credentialsMayBeLoaded, undone, warnings);
        if (instructions != null) {
            return actionRequired(undone, warnings, instructions);
        }
        Long outage = null;
        if (journal.aliasRemoved || journal.aliasRepointed || credentialsMayBeLoaded) {
            if (!context.canReload() && credentialsMayBeLoaded && !request.keystoreEntryRemoved()) {
                removeAliasForRestart(undone);
                return actionRequired(undone, warnings, "local cluster " + context.localVersion
                        + " cannot unload remote cluster credentials without a restart: on every local "
                        + "node run bin/elasticsearch-keystore remove " + context.keystoreSetting()
                        + ", restart every local node, then run rollback again with keystoreEntryRemoved");
            }
            outage = restoreSettings(credentialsMayBeLoaded && context.canReload(), undone);
        }
        restoreRoles(undone);
        invalidateKey(request, undone, warnings);
        List<RemoteTask> tasks = restartTasks(undone);

        AliasSettings.RemoteStatus status = settings.status(PHASE);
        if (status.credentials()) {
            throw new MigrationException(PHASE, context.local.name(), context.alias, null,
                    "_remote/info still shows cluster_credentials after rollback",
                    "remove " + context.keystoreSetting() + " from every local node's keystore, reload "
                            + "secure settings or restart, and run rollback again", null);
        }
        journal.rolledBack = true;
        journal.phases.put(PHASE.id(), "done");
        context.save(PHASE);
        context.info(PHASE, context.local.name(), "rolled back " + undone.size() + " changes; alias "
                + (status.connected() ? "connected" : "not connected") + " without API key credentials");
        return new RollbackResult(context.local.name(), context.alias,
                undone.isEmpty() ? PhaseResult.Outcome.ALREADY_DONE : PhaseResult.Outcome.DONE, warnings,
                undone, tasks, settings.readDynamic(PHASE), status.connected(), status.credentials(),
                outage, null);
    }

    /** Removes the remote cluster port check's temporary alias when a failed reconnect left it. */
    private void removePortCheckAlias(List<String> undone) throws MigrationException {
        String name = context.journal.portCheckAlias;
        if (name == null) {
            return;
        }
        context.intent(PHASE, context.local, "remove temporary alias '" + name + "'");
        new RemotePortCheck(context, settings).remove(PHASE, name);
        context.outcome(PHASE, context.local, "remove temporary alias '" + name + "'", "done", null);
        undone.add("removed temporary alias '" + name + "'");
    }

    private void restoreCertificateAccess(List<String> undone) throws MigrationException {
        Journal.CertificateRecord record = context.journal.certificateAccess;
        if (record == null || record.restored) {
            return;
        }
        EsClient remote = context.requireRemote(PHASE);
        if (record.filterApplied != null) {
            Map<?, ?> before = (Map<?, ?>) record.filterBefore.get("persistent");
            Map<String, Object> persistent = new LinkedHashMap<>();
            for (String key : record.filterApplied.keySet()) {
                persistent.put(key, before.get(key));
            }
            context.intent(PHASE, remote, "restore the transport IP filter");
            remote.raw(PHASE, context.alias, "PUT", "/_cluster/settings", Map.of("persistent", persistent),
                    "restoring the transport IP filter", "run rollback again");
            context.outcome(PHASE, remote, "restore the transport IP filter", "done", null);
            undone.add("transport IP filter on " + remote.name());
        }
        RoleEditor roles = new RoleEditor(context);
        for (Map.Entry<String, Map<String, Object>> role : record.deletedRoles.entrySet()) {
            if (roles.read(PHASE, remote, List.of(role.getKey())).isEmpty()) {
                context.intent(PHASE, remote, "re-create role " + role.getKey());
                roles.put(PHASE, remote, role.getKey(), role.getValue());
                context.outcome(PHASE, remote, "re-create role " + role.getKey(), "done", null);
                undone.add("role " + role.getKey() + " on " + remote.name());
            }
        }
        record.restored = true;
        context.save(PHASE);
    }

    /** Pauses the tasks the engine paused and something (resume-tasks) started again. */
    private void stopResumedTasks(List<String> undone) throws MigrationException {
        if (context.journal.tasks == null) {
            return;
        }
        List<TaskCatalog.Found> current = catalog.find(PHASE);
        for (TaskCatalog.Found task : current) {
            Journal.TaskRecord record = record(task.type(), task.id());
            if (record != null && record.paused && task.running()) {
                context.intent(PHASE, context.local, "pause " + task.type().id() + " " + task.id());
                catalog.pause(PHASE, task.type(), task.id());
                record.resumed = false;
                context.outcome(PHASE, context.local, "pause " + task.type().id() + " " + task.id(), "done", null);
                undone.add("paused " + task.type().id() + " " + task.id() + " while switching back");
            }
        }
    }

    /** Returns instructions for the operator when the entry must go and the engine cannot do it. */
    private String removeKeystoreEntry(RollbackRequest request, boolean credentialsMayBeLoaded,
            List<String> undone, List<String> warnings) throws MigrationException {
        Journal.KeyRecord key = context.journal.key;
        boolean written = key != null && key.keystoreWritten && !key.keystoreRemoved;
        if (!written && !credentialsMayBeLoaded) {
            if (key != null && !key.keystoreWritten && !key.keystoreRemoved) {
                warnings.add("if " + context.keystoreSetting() + " was added to the local keystores by "
                        + "hand, remove it on every node: bin/elasticsearch-keystore remove "
                        + context.keystoreSetting());
            }
            return null;
        }
        KeystoreAccess keystore = context.options.keystoreAccess();
        if (keystore != null) {
            if (key == null || !key.keystoreRemoved) {
                context.intent(PHASE, context.local, "remove keystore setting " + context.keystoreSetting());
                try {
                    keystore.removeSecureSetting(context.keystoreSetting());
                } catch (IOException e) {
                    throw new MigrationException(PHASE, context.local.name(), context.alias, null,
                            "removing " + context.keystoreSetting() + " through " + keystore.description()
                                    + " failed: " + e.getMessage(),
                            "remove it by hand on every local node and run rollback again with "
                                    + "keystoreEntryRemoved", e);
                }
                if (key != null) {
                    key.keystoreRemoved = true;
                }
                context.outcome(PHASE, context.local, "remove keystore setting " + context.keystoreSetting(),
                        "done", null);
                undone.add("keystore setting " + context.keystoreSetting());
            }
            return null;
        }
        if (request.keystoreEntryRemoved()) {
            if (key != null) {
                key.keystoreRemoved = true;
            }
            return null;
        }
        if (!credentialsMayBeLoaded) {
            warnings.add("remove " + context.keystoreSetting() + " from every local node's keystore: "
                    + "bin/elasticsearch-keystore remove " + context.keystoreSetting());
            return null;
        }
        return "on every local node run: bin/elasticsearch-keystore remove " + context.keystoreSetting()
                + " ; then run rollback again with keystoreEntryRemoved";
    }

    private void removeAliasForRestart(List<String> undone) throws MigrationException {
        Map<String, Object> current = settings.readDynamic(PHASE);
        context.intent(PHASE, context.local, "remove the alias until the nodes restart");
        settings.apply(PHASE, AliasSettings.removal((Map<?, ?>) current.get("persistent")),
                AliasSettings.removal((Map<?, ?>) current.get("transient")), "run rollback again");
        context.journal.aliasRemoved = true;
        context.journal.aliasRepointed = false;
        context.outcome(PHASE, context.local, "remove the alias until the nodes restart", "done", null);
        undone.add("removed the API key alias settings");
    }

    /**
     * Puts the original settings back in one update, right after a reload when credentials were
     * loaded, and waits for the certificate connection. Returns the outage in milliseconds.
     */
    private Long restoreSettings(boolean reload, List<String> undone) throws MigrationException {
        Map<String, Object> original = context.journal.originalSettings;
        Map<String, Object> current = settings.readDynamic(PHASE);
        Map<String, Object> persistent = AliasSettings.removal((Map<?, ?>) current.get("persistent"));
        Map<String, Object> transientSettings = AliasSettings.removal((Map<?, ?>) current.get("transient"));
        @SuppressWarnings("unchecked")
        Map<String, Object> originalPersistent = (Map<String, Object>) original.get("persistent");
        @SuppressWarnings("unchecked")
        Map<String, Object> originalTransient = (Map<String, Object>) original.get("transient");
        persistent.putAll(originalPersistent);
        transientSettings.putAll(originalTransient);

        SwitchPhases switchPhases = new SwitchPhases(context);
        context.intent(PHASE, context.local, (reload ? "reload secure settings and " : "")
                + "restore the alias's original settings");
        long started = System.nanoTime();
        if (reload) {
            switchPhases.reload(PHASE);
        }
        settings.apply(PHASE, persistent, transientSettings, "run rollback again");
        context.journal.credentialsLoaded = false;
        context.journal.aliasRemoved = false;
        context.journal.aliasRepointed = false;
        context.outcome(PHASE, context.local, "restore the alias's original settings", "done", null);
        undone.add("alias settings" + (reload ? " and credentials" : ""));
        switchPhases.awaitConnection(PHASE, false,
                "check the original certificate trust between the clusters, then run rollback again");
        return (System.nanoTime() - started) / 1_000_000;
    }

    private void restoreRoles(List<String> undone) throws MigrationException {
        RoleEditor roles = new RoleEditor(context);
        for (Map.Entry<String, Journal.RoleRecord> entry : context.journal.roles.entrySet()) {
            Journal.RoleRecord record = entry.getValue();
            if (record.restored) {
                continue;
            }
            context.intent(PHASE, context.local, "restore role " + entry.getKey());
            roles.put(PHASE, context.local, entry.getKey(), record.original);
            record.restored = true;
            context.outcome(PHASE, context.local, "restore role " + entry.getKey(), "done", null);
            undone.add("role " + entry.getKey());
        }
    }

    private void invalidateKey(RollbackRequest request, List<String> undone, List<String> warnings)
            throws MigrationException {
        Journal.KeyRecord key = context.journal.key;
        if (key == null || key.id == null || key.invalidated) {
            return;
        }
        if (!request.invalidateKey()) {
            warnings.add("cross-cluster key " + key.id + " stays valid on the remote cluster");
            return;
        }
        if (context.remote == null) {
            warnings.add("cross-cluster key " + key.id + " stays valid: no remote connection was given "
                    + "to invalidate it (DELETE /_security/api_key with its id)");
            return;
        }
        context.intent(PHASE, context.remote, "invalidate key " + key.id);
        context.remote.call(PHASE, context.alias, "invalidating key " + key.id, null,
                client -> client.security().invalidateApiKey(r -> r.ids(key.id)));
        key.invalidated = true;
        context.outcome(PHASE, context.remote, "invalidate key " + key.id, "done", null);
        undone.add("key " + key.id);
    }

    /** Starts again the tasks the engine paused (those were running before the migration). */
    private List<RemoteTask> restartTasks(List<String> undone) throws MigrationException {
        List<RemoteTask> outcomes = new ArrayList<>();
        if (context.journal.tasks == null) {
            return outcomes;
        }
        List<TaskCatalog.Found> current = catalog.find(PHASE);
        for (Journal.TaskRecord record : TaskPhases.resumeOrder(context.journal.tasks)) {
            RemoteTask.Type type = record.kind();
            String state = TaskPhases.stateOf(current, type, record.id);
            if (!record.paused || state == null) {
                outcomes.add(new RemoteTask(type, record.id, state, "leave-as-is"));
                continue;
            }
            if (TaskCatalog.isRunning(type, state)) {
                outcomes.add(new RemoteTask(type, record.id, state, "already-running"));
            } else {
                context.intent(PHASE, context.local, "resume " + type.id() + " " + record.id);
                catalog.resume(PHASE, type, record.id);
                context.outcome(PHASE, context.local, "resume " + type.id() + " " + record.id, "done", null);
                outcomes.add(new RemoteTask(type, record.id, state, "resume"));
                undone.add("resumed " + type.id() + " " + record.id);
            }
            record.resumed = true;
            record.paused = false;
        }
        context.save(PHASE);
        return outcomes;
    }

    private RollbackResult actionRequired(List<String> undone, List<String> warnings, String instructions)
            throws MigrationException {
        context.journal.phases.put(PHASE.id(), "action-required");
        context.save(PHASE);
        context.info(PHASE, context.local.name(), "waiting for the operator: " + instructions);
        return new RollbackResult(context.local.name(), context.alias, PhaseResult.Outcome.ACTION_REQUIRED,
                warnings, undone, List.of(), settings.readDynamic(PHASE), null, null, null, instructions);
    }

    private Journal.TaskRecord record(RemoteTask.Type type, String id) {
        for (Journal.TaskRecord record : context.journal.tasks) {
            if (record.kind() == type && record.id.equals(id)) {
                return record;
            }
        }
        return null;
    }
}
