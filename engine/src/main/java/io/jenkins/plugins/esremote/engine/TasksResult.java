package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/** What {@code pauseTasks} or {@code resumeTasks} did to each task that uses the alias. */
public final class TasksResult extends PhaseResult {

    private final List<RemoteTask> tasks;

    TasksResult(Phase phase, String cluster, String alias, Outcome outcome, List<String> warnings,
            List<RemoteTask> tasks) {
        super(phase, cluster, alias, outcome, warnings);
        this.tasks = List.copyOf(tasks);
    }

    public List<RemoteTask> tasks() {
        return tasks;
    }

    /** How many tasks got {@code action}, such as {@code pause} or {@code leave-as-is}. */
    public long count(String action) {
        return tasks.stream().filter(task -> task.action().equals(action)).count();
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("tasks", taskMaps(tasks));
        map.put("changed", tasks.stream()
                .filter(task -> task.action().equals("pause") || task.action().equals("resume"))
                .count());
    }
}
