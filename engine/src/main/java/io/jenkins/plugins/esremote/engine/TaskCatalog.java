package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.ccr.FollowInfoResponse;
import co.elastic.clients.elasticsearch.ccr.follow_info.FollowerIndex;
import co.elastic.clients.elasticsearch.ml.Datafeed;
import co.elastic.clients.elasticsearch.ml.DatafeedStats;
import co.elastic.clients.elasticsearch.ml.JobStats;
import co.elastic.clients.elasticsearch.transform.get_transform.TransformSummary;
import co.elastic.clients.elasticsearch.transform.get_transform_stats.TransformStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the local tasks that read through the alias (follower indices, auto-follow patterns,
 * transforms, anomaly detection jobs and their datafeeds, including {@code *:} wildcards), reads
 * their state, and pauses or resumes one at a time.
 */
final class TaskCatalog {

    private static final int PAGE_SIZE = 10_000;

    private final Context context;

    TaskCatalog(Context context) {
        this.context = context;
    }

    /** A task that uses the alias, its state, and the remote indices it reads. */
    record Found(RemoteTask.Type type, String id, String state, boolean running,
            List<String> remoteIndices) {}

    /** Lists the tasks that use the alias in pause order (datafeeds before their jobs). */
    List<Found> find(Phase phase) throws MigrationException {
        List<Found> found = new ArrayList<>();
        found.addAll(followers(phase));
        found.addAll(autoFollowPatterns(phase));
        found.addAll(transforms(phase));
        found.addAll(anomalyDetection(phase));
        return found;
    }

    /** Returns the current state of one task, or {@code null} when it no longer exists. */
    String state(Phase phase, RemoteTask.Type type, String id) throws MigrationException {
        for (Found task : find(phase)) {
            if (task.type() == type && task.id().equals(id)) {
                return task.state();
            }
        }
        return null;
    }

    static boolean isRunning(RemoteTask.Type type, String state) {
        if (state == null) {
            return false;
        }
        switch (type) {
            case FOLLOWER_INDEX:
            case AUTO_FOLLOW_PATTERN:
                return state.equals("active");
            case TRANSFORM:
                return !state.equals("stopped") && !state.equals("stopping");
            case ANOMALY_JOB:
                return state.equals("opened") || state.equals("opening");
            default:
                return state.equals("started") || state.equals("starting");
        }
    }

    /** Derives the key's access: replication for CCR, search for transforms and datafeeds. */
    KeyAccess deriveAccess(List<Found> tasks) {
        Set<String> replication = new LinkedHashSet<>();
        Set<String> search = new LinkedHashSet<>();
        for (Found task : tasks) {
            if (task.type() == RemoteTask.Type.FOLLOWER_INDEX
                    || task.type() == RemoteTask.Type.AUTO_FOLLOW_PATTERN) {
                replication.addAll(task.remoteIndices());
            } else {
                search.addAll(task.remoteIndices());
            }
        }
        KeyAccess.Builder builder = KeyAccess.builder();
        if (!search.isEmpty()) {
            builder.search(new ArrayList<>(search));
        }
        if (!replication.isEmpty()) {
            builder.replication(new ArrayList<>(replication));
        }
        return builder.build();
    }

    void pause(Phase phase, RemoteTask.Type type, String id) throws MigrationException {
        String next = "check the " + type.id() + " '" + id + "' on the local cluster and run "
                + phase.id() + " again";
        switch (type) {
            case FOLLOWER_INDEX:
                context.local.call(phase, context.alias, "pausing follower index " + id, next,
                        client -> client.ccr().pauseFollow(r -> r.index(id)));
                break;
            case AUTO_FOLLOW_PATTERN:
                context.local.call(phase, context.alias, "pausing auto-follow pattern " + id, next,
                        client -> client.ccr().pauseAutoFollowPattern(r -> r.name(id)));
                break;
            case TRANSFORM:
                context.local.call(phase, context.alias, "stopping transform " + id, next,
                        client -> client.transform().stopTransform(
                                r -> r.transformId(id).waitForCompletion(true)));
                break;
            case ANOMALY_JOB:
                context.local.call(phase, context.alias, "closing anomaly detection job " + id, next,
                        client -> client.ml().closeJob(r -> r.jobId(id)));
                break;
            default:
                context.local.call(phase, context.alias, "stopping datafeed " + id, next,
                        client -> client.ml().stopDatafeed(r -> r.datafeedId(id)));
        }
    }

    void resume(Phase phase, RemoteTask.Type type, String id) throws MigrationException {
        String next = "check that the alias is connected (verify) and that the task's user still "
                + "has its privileges, then run " + phase.id() + " again";
        switch (type) {
            case FOLLOWER_INDEX:
                context.local.call(phase, context.alias, "resuming follower index " + id, next,
                        client -> client.ccr().resumeFollow(r -> r.index(id)));
                break;
            case AUTO_FOLLOW_PATTERN:
                context.local.call(phase, context.alias, "resuming auto-follow pattern " + id, next,
                        client -> client.ccr().resumeAutoFollowPattern(r -> r.name(id)));
                break;
            case TRANSFORM:
                context.local.call(phase, context.alias, "starting transform " + id, next,
                        client -> client.transform().startTransform(r -> r.transformId(id)));
                break;
            case ANOMALY_JOB:
                context.local.call(phase, context.alias, "opening anomaly detection job " + id, next,
                        client -> client.ml().openJob(r -> r.jobId(id)));
                break;
            default:
                context.local.call(phase, context.alias, "starting datafeed " + id, next,
                        client -> client.ml().startDatafeed(r -> r.datafeedId(id)));
        }
    }

    private List<Found> followers(Phase phase) throws MigrationException {
        FollowInfoResponse response = context.local.call(phase, context.alias,
                "reading follower indices", null,
                client -> client.ccr().followInfo(r -> r.index("_all")));
        List<Found> found = new ArrayList<>();
        for (FollowerIndex follower : response.followerIndices()) {
            if (follower.remoteCluster().equals(context.alias)) {
                String state = follower.status().jsonValue();
                found.add(new Found(RemoteTask.Type.FOLLOWER_INDEX, follower.followerIndex(), state,
                        isRunning(RemoteTask.Type.FOLLOWER_INDEX, state),
                        List.of(follower.leaderIndex())));
            }
        }
        return found;
    }

    /**
     * Raw because the typed response (client 8.19.12) requires
     * {@code max_outstanding_read_requests}, which Elasticsearch omits for patterns created
     * without follow parameters, so decoding fails on ordinary patterns.
     */
    private List<Found> autoFollowPatterns(Phase phase) throws MigrationException {
        Map<String, Object> response = context.local.raw(phase, context.alias, "GET", "/_ccr/auto_follow",
                null, "reading auto-follow patterns", null);
        List<Found> found = new ArrayList<>();
        Object patterns = response == null ? null : response.get("patterns");
        if (!(patterns instanceof List)) {
            return found;
        }
        for (Object entry : (List<?>) patterns) {
            Map<?, ?> named = (Map<?, ?>) entry;
            Map<?, ?> pattern = (Map<?, ?>) named.get("pattern");
            if (!context.alias.equals(pattern.get("remote_cluster"))) {
                continue;
            }
            boolean active = !Boolean.FALSE.equals(pattern.get("active"));
            List<String> leaderPatterns = new ArrayList<>();
            if (pattern.get("leader_index_patterns") instanceof List) {
                for (Object leader : (List<?>) pattern.get("leader_index_patterns")) {
                    leaderPatterns.add(String.valueOf(leader));
                }
            }
            found.add(new Found(RemoteTask.Type.AUTO_FOLLOW_PATTERN, String.valueOf(named.get("name")),
                    active ? "active" : "paused", active, leaderPatterns));
        }
        return found;
    }

    private List<Found> transforms(Phase phase) throws MigrationException {
        List<TransformSummary> transforms = context.local.call(phase, context.alias,
                "reading transforms", null,
                client -> client.transform().getTransform(r -> r.transformId("_all").size(PAGE_SIZE)))
                .transforms();
        Map<String, String> states = new LinkedHashMap<>();
        if (!transforms.isEmpty()) {
            for (TransformStats stats : context.local.call(phase, context.alias,
                    "reading transform states", null,
                    client -> client.transform().getTransformStats(
                            r -> r.transformId("_all").size((long) PAGE_SIZE))).transforms()) {
                states.put(stats.id(), stats.state());
            }
        }
        List<Found> found = new ArrayList<>();
        for (TransformSummary transform : transforms) {
            List<String> indices = ClusterPatterns.remoteIndices(transform.source().index(), context.alias);
            if (!indices.isEmpty()) {
                String state = states.getOrDefault(transform.id(), "stopped");
                found.add(new Found(RemoteTask.Type.TRANSFORM, transform.id(), state,
                        isRunning(RemoteTask.Type.TRANSFORM, state), indices));
            }
        }
        return found;
    }

    private List<Found> anomalyDetection(Phase phase) throws MigrationException {
        List<Datafeed> datafeeds = context.local.call(phase, context.alias, "reading datafeeds", null,
                client -> client.ml().getDatafeeds(r -> r)).datafeeds();
        List<Found> found = new ArrayList<>();
        if (datafeeds.isEmpty()) {
            return found;
        }
        Map<String, String> datafeedStates = new LinkedHashMap<>();
        for (DatafeedStats stats : context.local.call(phase, context.alias,
                "reading datafeed states", null,
                client -> client.ml().getDatafeedStats(r -> r)).datafeeds()) {
            datafeedStates.put(stats.datafeedId(), stats.state().jsonValue());
        }
        Map<String, String> jobStates = new LinkedHashMap<>();
        for (JobStats stats : context.local.call(phase, context.alias, "reading job states", null,
                client -> client.ml().getJobStats(r -> r)).jobs()) {
            jobStates.put(stats.jobId(), stats.state().jsonValue());
        }
        List<Found> jobs = new ArrayList<>();
        for (Datafeed datafeed : datafeeds) {
            List<String> indices = ClusterPatterns.remoteIndices(datafeed.indices(), context.alias);
            if (indices.isEmpty()) {
                continue;
            }
            String datafeedState = datafeedStates.getOrDefault(datafeed.datafeedId(), "stopped");
            found.add(new Found(RemoteTask.Type.DATAFEED, datafeed.datafeedId(), datafeedState,
                    isRunning(RemoteTask.Type.DATAFEED, datafeedState), indices));
            String jobState = jobStates.getOrDefault(datafeed.jobId(), "closed");
            jobs.add(new Found(RemoteTask.Type.ANOMALY_JOB, datafeed.jobId(), jobState,
                    isRunning(RemoteTask.Type.ANOMALY_JOB, jobState), indices));
        }
        found.addAll(jobs);
        return found;
    }
}
