package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the preflight checks and previews every phase without changing anything. */
final class PlanPhase {

    private static final Phase PHASE = Phase.PLAN;

    private final Context context;

    PlanPhase(Context context) {
        this.context = context;
    }

    PlanResult run(PlanRequest request) throws MigrationException {
        Preflight.Facts facts = new Preflight(context).run(PHASE);
        List<String> blockers = new ArrayList<>(facts.blockers);

        TaskCatalog catalog = new TaskCatalog(context);
        List<TaskCatalog.Found> found = catalog.find(PHASE);
        List<RemoteTask> tasks = new ArrayList<>();
        for (TaskCatalog.Found task : found) {
            tasks.add(new RemoteTask(task.type(), task.id(), task.state(),
                    task.running() ? "pause" : "leave-as-is"));
        }

        boolean derived = request.key().access() == null;
        KeyAccess access = derived ? catalog.deriveAccess(found) : request.key().access();
        if (access.isEmpty()) {
            blockers.add("nothing on the local cluster uses the alias, so the key's access cannot be "
                    + "derived: give it explicitly");
        }

        Map<String, Object> rolesBefore = new LinkedHashMap<>();
        Map<String, Object> rolesAfter = new LinkedHashMap<>();
        try {
            rolesAfter = new PrivilegesPhase(context).preview(request.privileges(), rolesBefore);
        } catch (MigrationException e) {
            blockers.add(e.reason());
        }
        Map<String, Object> usingAlias = new LinkedHashMap<>(new RoleEditor(context).usingAlias(PHASE));
        ((Map<String, Object>) facts.clusters.get("local")).put("rolesUsingAlias",
                new ArrayList<>(usingAlias.keySet()));

        Map<String, Object> settingsBefore = facts.aliasConfiguration.equals("static")
                ? Map.of("elasticsearch.yml", facts.staticSettings)
                : facts.dynamicSettings;
        Map<String, Object> settingsAfter = new LinkedHashMap<>();
        List<String> addresses = request.reconnect().addresses().isEmpty()
                ? facts.remoteClusterAddresses
                : request.reconnect().addresses();
        if (addresses.isEmpty()) {
            blockers.add("no remote cluster server address is known: give the reconnect address "
                    + "(host:9443) or a remote cluster connection");
        } else if (!facts.aliasConfiguration.equals("static")) {
            Map<String, Object> target = new AliasSettings(context).target(request.reconnect(),
                    request.reconnect().mode() == ReconnectRequest.Mode.PROXY ? addresses.subList(0, 1) : addresses,
                    (Map<?, ?>) facts.dynamicSettings.get("persistent"));
            target.values().removeIf(value -> value == null);
            settingsAfter.put("persistent", target);
            settingsAfter.put("transient", Map.of());
        }

        SwitchOrder order = context.switchOrder();
        PlanResult result = new PlanResult(context.local.name(), context.alias, facts.warnings, order,
                context.switchOrderReason(), blockers, facts.clusters, facts.aliasConfiguration,
                settingsBefore, settingsAfter, tasks, rolesBefore, rolesAfter, access, derived,
                steps(order, tasks, request));
        context.info(PHASE, context.local.name(), (blockers.isEmpty() ? "ready" : blockers.size() + " blockers")
                + "; switch order " + order.id() + "; " + tasks.size() + " tasks ("
                + tasks.stream().filter(t -> t.action().equals("pause")).count() + " to pause); "
                + request.privileges().grants().size() + " roles to update; key access " + access.toMap());
        for (String blocker : blockers) {
            context.warn(PHASE, context.local.name(), "blocker: " + blocker);
        }
        for (String warning : facts.warnings) {
            context.warn(PHASE, context.local.name(), warning);
        }
        return result;
    }

    private List<String> steps(SwitchOrder order, List<RemoteTask> tasks, PlanRequest request) {
        List<String> steps = new ArrayList<>();
        String keystore = context.options.keystoreAccess() != null
                ? "the engine writes " + context.keystoreSetting() + " on every local node"
                : "write " + context.keystoreSetting() + " into every local node's keystore";
        steps.add("create-key: create the cross-cluster API key on the remote cluster; " + keystore);
        steps.add("pause-tasks: pause " + tasks.stream().filter(t -> t.action().equals("pause")).count()
                + " running tasks; leave " + tasks.stream().filter(t -> t.action().equals("leave-as-is")).count()
                + " stopped ones as they are");
        steps.add("grant-remote-privileges: update " + request.privileges().grants().size() + " roles");
        if (order == SwitchOrder.RELOAD_AND_REPOINT) {
            steps.add("disconnect: record the alias's settings (the alias keeps working)");
            steps.add("reload-secure-settings: deferred to reconnect");
            steps.add("reconnect: reload secure settings, then one cluster settings update to "
                    + request.reconnect().mode().id() + " mode at the remote cluster port; wait until connected");
        } else {
            steps.add("disconnect: record and remove the alias's settings (outage starts)");
            steps.add(context.canReload()
                    ? "reload-secure-settings: reload secure settings on every local node"
                    : "reload-secure-settings: the operator restarts every local node");
            steps.add("reconnect: re-add the alias in " + request.reconnect().mode().id()
                    + " mode at the remote cluster port; wait until connected (outage ends)");
        }
        steps.add("verify: _remote/info connected with cluster_credentials, followers, key expiry");
        steps.add("resume-tasks: resume exactly the tasks paused above");
        steps.add("disable-certificate-access (after approval): transport IP filter on the remote cluster");
        return steps;
    }
}
