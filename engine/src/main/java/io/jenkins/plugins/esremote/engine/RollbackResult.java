package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/**
 * What {@code rollback} undid, in order, and the state of the alias afterwards. With outcome
 * {@code ACTION_REQUIRED}, {@link #instructions()} says what the operator must run before running
 * rollback again.
 */
public final class RollbackResult extends PhaseResult {

    private final List<String> undone;
    private final List<RemoteTask> tasks;
    private final Map<String, Object> settingsAfter;
    private final Boolean connected;
    private final Boolean clusterCredentials;
    private final Long outageMillis;
    private final String instructions;

    RollbackResult(String cluster, String alias, Outcome outcome, List<String> warnings,
            List<String> undone, List<RemoteTask> tasks, Map<String, Object> settingsAfter,
            Boolean connected, Boolean clusterCredentials, Long outageMillis, String instructions) {
        super(Phase.ROLLBACK, cluster, alias, outcome, warnings);
        this.undone = List.copyOf(undone);
        this.tasks = List.copyOf(tasks);
        this.settingsAfter = settingsAfter;
        this.connected = connected;
        this.clusterCredentials = clusterCredentials;
        this.outageMillis = outageMillis;
        this.instructions = instructions;
    }

    public List<String> undone() {
        return undone;
    }

    public List<RemoteTask> tasks() {
        return tasks;
    }

    public Map<String, Object> settingsAfter() {
        return settingsAfter;
    }

    public Boolean connected() {
        return connected;
    }

    public Boolean clusterCredentials() {
        return clusterCredentials;
    }

    public Long outageMillis() {
        return outageMillis;
    }

    public String instructions() {
        return instructions;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("undone", undone);
        map.put("tasks", taskMaps(tasks));
        map.put("settingsAfter", settingsAfter);
        map.put("connected", connected);
        map.put("clusterCredentials", clusterCredentials);
        map.put("outageMillis", outageMillis);
        map.put("instructions", instructions);
    }
}
