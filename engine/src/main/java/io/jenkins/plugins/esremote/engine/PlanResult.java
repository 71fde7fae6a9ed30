package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/**
 * The preflight checks and the plan a person reviews before the migration: which switch order
 * and why, what blocks the migration, the tasks to pause, roles and settings before and after,
 * and the key's access.
 */
public final class PlanResult extends PhaseResult {

    private final SwitchOrder switchOrder;
    private final String switchOrderReason;
    private final List<String> blockers;
    private final Map<String, Object> clusters;
    private final String aliasConfiguration;
    private final Map<String, Object> settingsBefore;
    private final Map<String, Object> settingsAfter;
    private final List<RemoteTask> tasks;
    private final Map<String, Object> rolesBefore;
    private final Map<String, Object> rolesAfter;
    private final KeyAccess keyAccess;
    private final boolean keyAccessDerived;
    private final List<String> steps;

    PlanResult(
            String cluster,
            String alias,
            List<String> warnings,
            SwitchOrder switchOrder,
            String switchOrderReason,
            List<String> blockers,
            Map<String, Object> clusters,
            String aliasConfiguration,
            Map<String, Object> settingsBefore,
            Map<String, Object> settingsAfter,
            List<RemoteTask> tasks,
            Map<String, Object> rolesBefore,
            Map<String, Object> rolesAfter,
            KeyAccess keyAccess,
            boolean keyAccessDerived,
            List<String> steps) {
        super(Phase.PLAN, cluster, alias, Outcome.CHECKED, warnings);
        this.switchOrder = switchOrder;
        this.switchOrderReason = switchOrderReason;
        this.blockers = List.copyOf(blockers);
        this.clusters = clusters;
        this.aliasConfiguration = aliasConfiguration;
        this.settingsBefore = settingsBefore;
        this.settingsAfter = settingsAfter;
        this.tasks = List.copyOf(tasks);
        this.rolesBefore = rolesBefore;
        this.rolesAfter = rolesAfter;
        this.keyAccess = keyAccess;
        this.keyAccessDerived = keyAccessDerived;
        this.steps = List.copyOf(steps);
    }

    /** Whether nothing blocks the migration. */
    public boolean ready() {
        return blockers.isEmpty();
    }

    public List<String> blockers() {
        return blockers;
    }

    public SwitchOrder switchOrder() {
        return switchOrder;
    }

    public String switchOrderReason() {
        return switchOrderReason;
    }

    /** {@code persistent}, {@code transient}, {@code static} or {@code absent}. */
    public String aliasConfiguration() {
        return aliasConfiguration;
    }

    public List<RemoteTask> tasks() {
        return tasks;
    }

    public KeyAccess keyAccess() {
        return keyAccess;
    }

    public Map<String, Object> settingsBefore() {
        return settingsBefore;
    }

    public Map<String, Object> settingsAfter() {
        return settingsAfter;
    }

    public Map<String, Object> rolesBefore() {
        return rolesBefore;
    }

    public Map<String, Object> rolesAfter() {
        return rolesAfter;
    }

    /** The phases in the order they will run, one line each. */
    public List<String> steps() {
        return steps;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("ready", ready());
        map.put("blockers", blockers);
        map.put("switchOrder", switchOrder == null ? null : switchOrder.id());
        map.put("switchOrderReason", switchOrderReason);
        map.put("clusters", clusters);
        map.put("aliasConfiguration", aliasConfiguration);
        map.put("settingsBefore", settingsBefore);
        map.put("settingsAfter", settingsAfter);
        map.put("tasks", taskMaps(tasks));
        map.put("rolesBefore", rolesBefore);
        map.put("rolesAfter", rolesAfter);
        map.put("keyAccess", keyAccess == null ? null : keyAccess.toMap());
        map.put("keyAccessDerived", keyAccessDerived);
        map.put("steps", steps);
    }
}
