package io.jenkins.plugins.esremote.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pauses the tasks that read through the alias and later resumes exactly those it paused. Tasks
 * that were already stopped or paused are recorded and left as they are.
 */
final class TaskPhases {

    private final Context context;
    private final TaskCatalog catalog;

    TaskPhases(Context context) {
        this.context = context;
        this.catalog = new TaskCatalog(context);
    }

    TasksResult pause() throws MigrationException {
        Phase phase = Phase.PAUSE_TASKS;
        if (context.journal.tasks == null) {
            context.journal.tasks = new ArrayList<>();
        }
        List<RemoteTask> outcomes = new ArrayList<>();
        int paused = 0;
        for (TaskCatalog.Found task : catalog.find(phase)) {
            Journal.TaskRecord record = recordFor(task.type(), task.id());
            if (record == null) {
                record = new Journal.TaskRecord(task.type(), task.id(), task.state());
                context.journal.tasks.add(record);
            }
            if (!task.running()) {
                String action = record.paused ? "already-paused" : "leave-as-is";
                outcomes.add(new RemoteTask(task.type(), task.id(), record.priorState, action));
                continue;
            }
            String description = "pause " + task.type().id() + " " + task.id();
            // Journaled as paused before the call: a request that times out may still pause the
            // task, and resume and rollback skip a paused record whose task is running anyway.
            record.paused = true;
            record.resumed = false;
            context.intent(phase, context.local, description);
            try {
                catalog.pause(phase, task.type(), task.id());
            } catch (MigrationException e) {
                if (e.errorType() != null) {
                    // Elasticsearch answered with an error, so the task was not paused.
                    record.paused = false;
                    context.save(phase);
                }
                throw e;
            }
            context.outcome(phase, context.local, description, "done", "was " + task.state());
            outcomes.add(new RemoteTask(task.type(), task.id(), record.priorState, "pause"));
            paused++;
        }
        context.journal.phases.put(phase.id(), "done");
        context.save(phase);
        long leftAsIs = outcomes.stream().filter(t -> t.action().equals("leave-as-is")).count();
        context.info(phase, context.local.name(), "paused " + paused + " of " + outcomes.size()
                + " tasks (" + leftAsIs + " already stopped, left as is)");
        return new TasksResult(phase, context.local.name(), context.alias,
                paused > 0 ? PhaseResult.Outcome.DONE : PhaseResult.Outcome.ALREADY_DONE, List.of(),
                outcomes);
    }

    TasksResult resume() throws MigrationException {
        Phase phase = Phase.RESUME_TASKS;
        List<String> warnings = new ArrayList<>();
        List<RemoteTask> outcomes = new ArrayList<>();
        if (context.journal.tasks == null) {
            warnings.add("pause-tasks has not run for this alias, so there is nothing to resume");
            return new TasksResult(phase, context.local.name(), context.alias,
                    PhaseResult.Outcome.ALREADY_DONE, warnings, outcomes);
        }
        List<TaskCatalog.Found> current = catalog.find(phase);
        int resumed = 0;
        for (Journal.TaskRecord record : resumeOrder(context.journal.tasks)) {
            RemoteTask.Type type = record.kind();
            String state = stateOf(current, type, record.id);
            if (!record.paused) {
                outcomes.add(new RemoteTask(type, record.id, state, "leave-as-is"));
                continue;
            }
            if (state == null) {
                warnings.add(type.id() + " '" + record.id + "' no longer exists; it was not resumed");
                outcomes.add(new RemoteTask(type, record.id, null, "missing"));
                continue;
            }
            if (TaskCatalog.isRunning(type, state)) {
                record.resumed = true;
                outcomes.add(new RemoteTask(type, record.id, state, "already-running"));
                continue;
            }
            String description = "resume " + type.id() + " " + record.id;
            context.intent(phase, context.local, description);
            catalog.resume(phase, type, record.id);
            record.resumed = true;
            context.outcome(phase, context.local, description, "done", null);
            outcomes.add(new RemoteTask(type, record.id, state, "resume"));
            resumed++;
        }
        context.journal.phases.put(phase.id(), "done");
        context.save(phase);
        context.info(phase, context.local.name(), "resumed " + resumed + " tasks; "
                + outcomes.stream().filter(t -> t.action().equals("leave-as-is")).count()
                + " were stopped before the migration and stay stopped");
        return new TasksResult(phase, context.local.name(), context.alias,
                resumed > 0 ? PhaseResult.Outcome.DONE : PhaseResult.Outcome.ALREADY_DONE, warnings,
                outcomes);
    }

    /** Jobs open before their datafeeds start; the other kinds keep their recorded order. */
    static List<Journal.TaskRecord> resumeOrder(List<Journal.TaskRecord> tasks) {
        List<Journal.TaskRecord> ordered = new ArrayList<>(tasks);
        ordered.sort(Comparator.comparingInt(task -> task.kind() == RemoteTask.Type.DATAFEED ? 1 : 0));
        return ordered;
    }

    static String stateOf(List<TaskCatalog.Found> tasks, RemoteTask.Type type, String id) {
        for (TaskCatalog.Found task : tasks) {
            if (task.type() == type && task.id().equals(id)) {
                return task.state();
            }
        }
        return null;
    }

    private Journal.TaskRecord recordFor(RemoteTask.Type type, String id) {
        for (Journal.TaskRecord record : context.journal.tasks) {
            if (record.kind() == type && record.id.equals(id)) {
                return record;
            }
        }
        return null;
    }
}
