package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.nodes.NodeReloadResult;
import co.elastic.clients.elasticsearch.nodes.ReloadSecureSettingsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Switches the alias's connection: {@code disconnect}, {@code reloadSecureSettings} and
 * {@code reconnect}, in the order {@link SwitchOrder} describes.
 */
final class SwitchPhases {

    private final Context context;
    private final AliasSettings settings;

    SwitchPhases(Context context) {
        this.context = context;
        this.settings = new AliasSettings(context);
    }

    SettingsResult disconnect() throws MigrationException {
        Phase phase = Phase.DISCONNECT;
        SwitchOrder order = context.switchOrder();
        context.journal.switchOrder = order.id();
        Map<String, Object> original = recordOriginalSettings(phase);
        if (order == SwitchOrder.RELOAD_AND_REPOINT) {
            context.journal.phases.put(phase.id(), "done");
            context.save(phase);
            context.info(phase, context.local.name(), "recorded the original settings; the alias stays "
                    + "connected until reconnect re-points it (switch order " + order.id() + ")");
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.DEFERRED, List.of(), order, original, original, null, null,
                    null, null, null);
        }
        Map<String, Object> current = settings.readDynamic(phase);
        if (context.journal.aliasRepointed || isEmpty(current)) {
            context.journal.aliasRemoved = true;
            context.journal.phases.put(phase.id(), "done");
            context.save(phase);
            context.info(phase, context.local.name(), "the alias is already removed; nothing to do");
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.ALREADY_DONE, List.of(), order, original, current, null, null,
                    null, null, null);
        }
        context.journal.aliasRemoved = true;
        context.intent(phase, context.local, "remove the alias's settings");
        context.journal.aliasRemovedAtMillis = System.currentTimeMillis();
        settings.apply(phase, AliasSettings.removal((Map<?, ?>) current.get("persistent")),
                AliasSettings.removal((Map<?, ?>) current.get("transient")),
                "run rollback to restore the original settings, or disconnect again");
        context.journal.aliasRemoved = true;
        context.journal.phases.put(phase.id(), "done");
        context.outcome(phase, context.local, "remove the alias's settings", "done", null);
        context.info(phase, context.local.name(), "removed the alias (" + count(original)
                + " settings recorded for rollback); it is unusable until reconnect");
        return new SettingsResult(phase, context.local.name(), context.alias, PhaseResult.Outcome.DONE,
                List.of(), order, original, settings.readDynamic(phase), null, null, null, null, null);
    }

    SettingsResult reloadSecureSettings() throws MigrationException {
        Phase phase = Phase.RELOAD_SECURE_SETTINGS;
        SwitchOrder order = context.switchOrder();
        context.journal.switchOrder = order.id();
        if (order == SwitchOrder.RELOAD_AND_REPOINT) {
            context.journal.phases.put(phase.id(), "deferred");
            context.save(phase);
            context.info(phase, context.local.name(), "deferred: reconnect reloads secure settings "
                    + "immediately before it re-points the alias, so the outage stays short");
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.DEFERRED, List.of(), order, null, null, null, null, null, null,
                    null);
        }
        if (!context.journal.aliasRemoved && !context.journal.aliasRepointed) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    "under the documented order the alias must be removed before the credentials "
                            + "are loaded, and disconnect has not run",
                    "run disconnect first", null);
        }
        if (context.journal.credentialsLoaded) {
            context.info(phase, context.local.name(), "credentials already loaded; nothing to do");
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.ALREADY_DONE, List.of(), order, null, null, null, null, null,
                    null, null);
        }
        if (!context.canReload()) {
            String instructions = restartInstructions();
            context.journal.phases.put(phase.id(), "action-required");
            context.save(phase);
            context.info(phase, context.local.name(), "restart required: " + instructions);
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.ACTION_REQUIRED, List.of(), order, null, null, null, null,
                    null, null, instructions);
        }
        context.journal.credentialsLoaded = true;
        context.intent(phase, context.local, "reload secure settings");
        Map<String, Object> reload = reload(phase);
        context.journal.phases.put(phase.id(), "done");
        context.outcome(phase, context.local, "reload secure settings", "done", reload.keySet().toString());
        context.info(phase, context.local.name(), "reloaded secure settings on " + reload.size() + " nodes");
        return new SettingsResult(phase, context.local.name(), context.alias, PhaseResult.Outcome.DONE,
                List.of(), order, null, null, reload, null, null, null, null);
    }

    SettingsResult reconnect(ReconnectRequest request, List<String> serverAddresses)
            throws MigrationException {
        Phase phase = Phase.RECONNECT;
        SwitchOrder order = context.switchOrder();
        context.journal.switchOrder = order.id();
        List<String> warnings = new ArrayList<>();
        Map<String, Object> original = recordOriginalSettings(phase);
        List<String> addresses = request.addresses().isEmpty() ? serverAddresses : request.addresses();
        if (addresses.isEmpty()) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    "no remote cluster server address is known",
                    "give the remote cluster address (host:9443) or a remote cluster connection", null);
        }
        Map<String, Object> target = settings.target(request,
                request.mode() == ReconnectRequest.Mode.PROXY ? addresses.subList(0, 1) : addresses,
                (Map<?, ?>) original.get("persistent"));
        Map<String, Object> transientRemoval = AliasSettings.removal((Map<?, ?>) original.get("transient"));
        Map<String, Object> current = settings.readDynamic(phase);
        AliasSettings.RemoteStatus status = settings.status(phase);
        if (AliasSettings.matches((Map<?, ?>) current.get("persistent"), target)
                && ((Map<?, ?>) current.get("transient")).isEmpty()
                && status.connected() && status.credentials()) {
            context.journal.aliasRepointed = true;
            context.journal.credentialsLoaded = true;
            context.journal.phases.put(phase.id(), "done");
            context.save(phase);
            context.info(phase, context.local.name(), "already connected with API key credentials");
            return new SettingsResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.ALREADY_DONE, warnings, order, original, current, null, true,
                    true, null, null);
        }
        Map<String, Object> reload = null;
        Map<String, Object> timings = new LinkedHashMap<>();
        long started;
        if (order == SwitchOrder.RELOAD_AND_REPOINT) {
            Journal.KeyRecord key = context.journal.key;
            if (key == null || !key.keystoreWritten) {
                warnings.add("the engine did not write " + context.keystoreSetting() + " itself; it "
                        + "assumes every local node's keystore holds it");
            }
            if (context.options.remotePortCheck()) {
                List<String> checked = request.mode() == ReconnectRequest.Mode.PROXY
                        ? addresses.subList(0, 1) : addresses;
                for (String warning : new RemotePortCheck(context, settings).run(phase, checked,
                        request.serverName())) {
                    warnings.add(warning);
                    context.warn(phase, context.local.name(), warning);
                }
            }
            // Journaled as done before the calls: if one fails half-way, rollback still restores.
            context.journal.credentialsLoaded = true;
            context.journal.aliasRepointed = true;
            context.intent(phase, context.local, "reload secure settings and point the alias at "
                    + addresses);
            started = System.nanoTime();
            reload = reload(phase);
            long reloaded = System.nanoTime();
            settings.apply(phase, target, transientRemoval,
                    "run reconnect again, or rollback to return to certificates");
            timings.put("reloadMillis", (reloaded - started) / 1_000_000);
            timings.put("settingsUpdateMillis", (System.nanoTime() - reloaded) / 1_000_000);
        } else {
            if (!context.journal.aliasRemoved) {
                throw new MigrationException(phase, context.local.name(), context.alias, null,
                        "under the documented order the alias must be removed first",
                        "run disconnect and reload-secure-settings first", null);
            }
            if (context.canReload() && !context.journal.credentialsLoaded) {
                throw new MigrationException(phase, context.local.name(), context.alias, null,
                        "the credentials have not been loaded", "run reload-secure-settings first", null);
            }
            context.journal.aliasRepointed = true;
            context.intent(phase, context.local, "point the alias at " + addresses);
            started = System.nanoTime();
            settings.apply(phase, target, transientRemoval,
                    "run reconnect again, or rollback to return to certificates");
        }
        context.journal.reconnectSettings = target;
        context.journal.aliasRepointed = true;
        context.outcome(phase, context.local, "point the alias at " + addresses, "done", null);
        AliasSettings.RemoteStatus connected = awaitConnection(phase, true,
                "check that " + context.keystoreSetting() + " holds the key on every local node, that "
                        + addresses + " is reachable from the local nodes, and both licences; or run "
                        + "rollback"
                        + (context.canReload() ? "" : "; on " + context.localVersion
                                + " the local nodes must be restarted after the keystore is written"));
        long outage = (System.nanoTime() - started) / 1_000_000;
        if (order != SwitchOrder.RELOAD_AND_REPOINT && context.journal.aliasRemovedAtMillis != null) {
            // Under the documented order the alias has been unusable since disconnect removed it.
            outage = Math.max(outage, System.currentTimeMillis() - context.journal.aliasRemovedAtMillis);
        }
        context.journal.phases.put(phase.id(), "done");
        context.save(phase);
        context.info(phase, context.local.name(), "connected to " + addresses + " in " + request.mode().id()
                + " mode with API key credentials after " + outage + " ms " + timings);
        return new SettingsResult(phase, context.local.name(), context.alias, PhaseResult.Outcome.DONE,
                warnings, order, original, settings.readDynamic(phase), reload, connected.connected(),
                connected.credentials(), outage, null);
    }

    /**
     * Polls {@code _remote/info} until the alias is connected and shows {@code cluster_credentials}
     * ({@code withCredentials}) or does not, failing after the configured timeout.
     */
    AliasSettings.RemoteStatus awaitConnection(Phase phase, boolean withCredentials, String nextStep)
            throws MigrationException {
        long deadline = System.nanoTime() + context.options.connectionTimeout().toNanos();
        AliasSettings.RemoteStatus status;
        while (true) {
            status = settings.status(phase);
            if (status.connected() && status.credentials() == withCredentials) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(context.options.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new MigrationException(phase, context.local.name(), context.alias, null,
                "the alias did not connect " + (withCredentials ? "with" : "without")
                        + " API key credentials within " + context.options.connectionTimeout()
                        + " (_remote/info: connected=" + status.connected() + ", cluster_credentials "
                        + (status.credentials() ? "present" : "absent") + ")",
                nextStep, null);
    }

    /** Reloads secure settings on every local node; fails naming the nodes that failed. */
    Map<String, Object> reload(Phase phase) throws MigrationException {
        if (!context.canReload()) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    restartInstructions(), "restart the local nodes instead of reloading", null);
        }
        ReloadSecureSettingsResponse response = context.local.call(phase, context.alias,
                "reloading secure settings", "check the keystore on every local node",
                client -> client.nodes().reloadSecureSettings(r -> r));
        Map<String, Object> result = new TreeMap<>();
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, NodeReloadResult> node : response.nodes().entrySet()) {
            NodeReloadResult value = node.getValue();
            String name = value.name() == null ? node.getKey() : value.name();
            if (value.reloadException() != null) {
                result.put(name, value.reloadException().type() + ": " + value.reloadException().reason());
                failed.add(name);
            } else {
                result.put(name, "reloaded");
            }
        }
        if (!failed.isEmpty()) {
            throw new MigrationException(phase, context.local.name(), context.alias, "reload_failed",
                    "reloading secure settings failed on nodes " + failed + ": " + result,
                    "fix the keystore on those nodes (it must not need a password) and run the phase "
                            + "again, or run rollback",
                    null);
        }
        return result;
    }

    /**
     * Records the alias's original dynamic settings once (the first phase that needs them does).
     * An alias in {@code elasticsearch.yml} cannot be switched over the API, so that stops here.
     */
    Map<String, Object> recordOriginalSettings(Phase phase) throws MigrationException {
        if (context.journal.originalSettings != null) {
            return context.journal.originalSettings;
        }
        Map<String, Object> dynamic = settings.readDynamic(phase);
        Map<String, Object> staticSettings = settings.readStatic(phase);
        String configuration = AliasSettings.configuration(dynamic, staticSettings);
        if (configuration.equals("static")) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    new Preflight(context).staticInstructions(staticSettings),
                    "edit elasticsearch.yml as described, then run the phase again", null);
        }
        if (configuration.equals("absent")) {
            throw new MigrationException(phase, context.local.name(), context.alias, null,
                    "alias '" + context.alias + "' is not configured on the local cluster",
                    "check the alias name", null);
        }
        context.journal.originalSettings = dynamic;
        context.journal.aliasConfiguration = configuration;
        context.outcome(phase, context.local, "record the original settings", "done", null);
        return dynamic;
    }

    private String restartInstructions() {
        return "local cluster " + context.localVersion + " cannot reload remote cluster credentials: "
                + "make sure every local node's keystore holds " + context.keystoreSetting()
                + " (bin/elasticsearch-keystore add " + context.keystoreSetting() + "), restart every "
                + "local node, then run reconnect";
    }

    private static boolean isEmpty(Map<String, Object> dynamic) {
        return ((Map<?, ?>) dynamic.get("persistent")).isEmpty()
                && ((Map<?, ?>) dynamic.get("transient")).isEmpty();
    }

    private static int count(Map<String, Object> dynamic) {
        return ((Map<?, ?>) dynamic.get("persistent")).size() + ((Map<?, ?>) dynamic.get("transient")).size();
    }

    static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? null : new LinkedHashMap<>(map);
    }
}
