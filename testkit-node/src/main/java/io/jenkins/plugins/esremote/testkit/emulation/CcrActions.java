package io.jenkins.plugins.esremote.testkit.emulation;

import io.jenkins.plugins.esremote.testkit.emulation.EmulationMetadata.Follower;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.indices.create.CreateIndexRequest;
import org.elasticsearch.action.admin.indices.create.TransportCreateIndexAction;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.OriginSettingClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.Strings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.unit.ByteSizeValue;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.IndexNotFoundException;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.persistent.PersistentTasksService;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;
import org.elasticsearch.xpack.core.ccr.AutoFollowMetadata.AutoFollowPattern;
import org.elasticsearch.xpack.core.ccr.ShardFollowNodeTaskStatus;
import org.elasticsearch.xpack.core.ccr.action.ActivateAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.DeleteAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.FollowInfoAction;
import org.elasticsearch.xpack.core.ccr.action.FollowInfoAction.Response.FollowerInfo;
import org.elasticsearch.xpack.core.ccr.action.FollowParameters;
import org.elasticsearch.xpack.core.ccr.action.FollowStatsAction;
import org.elasticsearch.xpack.core.ccr.action.GetAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PauseFollowAction;
import org.elasticsearch.xpack.core.ccr.action.PutAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PutFollowAction;
import org.elasticsearch.xpack.core.ccr.action.ResumeFollowAction;
import org.elasticsearch.xpack.core.ccr.action.UnfollowAction;

/**
 * Emulated cross-cluster replication: auto-follow patterns and follower indices. A follower
 * index is a real local index; its leader and its active or paused state live in
 * {@link EmulationMetadata}. Error types and messages follow the x-pack-ccr module of
 * Elasticsearch 8.19.
 *
 * <p>NOTE: no documents are replicated, and an active auto-follow pattern follows no new leader
 * index. Only the states and checks the migration relies on are emulated.
 */
final class CcrActions {

    private CcrActions() {}

    /** Returns the follower entry of {@code index}, raising Elasticsearch's errors when it is missing or no follower. */
    static Follower requireFollower(EmulationMetadata current, ClusterState state, String index, String notFollowerMessage) {
        if (state.metadata().index(index) == null) {
            throw new IndexNotFoundException(index);
        }
        Follower follower = current.followers().get(index);
        if (follower == null) {
            throw new IllegalArgumentException(Strings.format(notFollowerMessage, index));
        }
        return follower;
    }

    /**
     * Returns the parameters a running follower reports: those given on follow or resume_follow,
     * and the defaults of Elasticsearch 8.19's shard follow tasks for the rest.
     */
    static FollowParameters effectiveParameters(FollowParameters given) {
        FollowParameters effective = new FollowParameters(given);
        if (effective.getMaxReadRequestOperationCount() == null) {
            effective.setMaxReadRequestOperationCount(5120);
        }
        if (effective.getMaxWriteRequestOperationCount() == null) {
            effective.setMaxWriteRequestOperationCount(5120);
        }
        if (effective.getMaxOutstandingReadRequests() == null) {
            effective.setMaxOutstandingReadRequests(12);
        }
        if (effective.getMaxOutstandingWriteRequests() == null) {
            effective.setMaxOutstandingWriteRequests(9);
        }
        if (effective.getMaxReadRequestSize() == null) {
            effective.setMaxReadRequestSize(ByteSizeValue.ofMb(32));
        }
        if (effective.getMaxWriteRequestSize() == null) {
            effective.setMaxWriteRequestSize(ByteSizeValue.ofBytes(Long.MAX_VALUE));
        }
        if (effective.getMaxWriteBufferCount() == null) {
            effective.setMaxWriteBufferCount(Integer.MAX_VALUE);
        }
        if (effective.getMaxWriteBufferSize() == null) {
            effective.setMaxWriteBufferSize(ByteSizeValue.ofMb(512));
        }
        if (effective.getMaxRetryDelay() == null) {
            effective.setMaxRetryDelay(TimeValue.timeValueMillis(500));
        }
        if (effective.getReadPollTimeout() == null) {
            effective.setReadPollTimeout(TimeValue.timeValueMinutes(1));
        }
        return effective;
    }

    private static AutoFollowPattern withActive(AutoFollowPattern pattern, boolean active) {
        return new AutoFollowPattern(
                pattern.getRemoteCluster(),
                pattern.getLeaderIndexPatterns(),
                pattern.getLeaderIndexExclusionPatterns(),
                pattern.getFollowIndexPattern(),
                pattern.getSettings(),
                active,
                pattern.getMaxReadRequestOperationCount(),
                pattern.getMaxWriteRequestOperationCount(),
                pattern.getMaxOutstandingReadRequests(),
                pattern.getMaxOutstandingWriteRequests(),
                pattern.getMaxReadRequestSize(),
                pattern.getMaxWriteRequestSize(),
                pattern.getMaxWriteBufferCount(),
                pattern.getMaxWriteBufferSize(),
                pattern.getMaxRetryDelay(),
                pattern.getReadPollTimeout());
    }

    private static ResourceNotFoundException missingPattern(String name) {
        return new ResourceNotFoundException("auto-follow pattern [{}] is missing", name);
    }

    /**
     * {@code PUT /_ccr/auto_follow/{name}}: reads the remote cluster's metadata through the alias,
     * then creates or replaces the pattern, active. Unset follow parameters stay unset, so
     * {@code GET} omits them as Elasticsearch does.
     */
    public static final class PutAutoFollowPattern
            extends EmulatedTransportAction<PutAutoFollowPatternAction.Request, AcknowledgedResponse> {

        private final Client client;

        @Inject
        public PutAutoFollowPattern(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                Client client) {
            super(PutAutoFollowPatternAction.NAME, transportService, actionFilters,
                    PutAutoFollowPatternAction.Request::new, emulation);
            this.client = client;
        }

        @Override
        protected void doExecute(
                Task task, PutAutoFollowPatternAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            EmulationStateService.readRemoteMetadata(
                    client, request.getRemoteCluster(), listener.delegateFailureAndWrap((l, ignored) -> put(request, l)));
        }

        private void put(PutAutoFollowPatternAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            FollowParameters parameters = request.getParameters();
            AutoFollowPattern pattern = new AutoFollowPattern(
                    request.getRemoteCluster(),
                    request.getLeaderIndexPatterns(),
                    request.getLeaderIndexExclusionPatterns(),
                    request.getFollowIndexNamePattern(),
                    request.getSettings(),
                    true,
                    parameters.getMaxReadRequestOperationCount(),
                    parameters.getMaxWriteRequestOperationCount(),
                    parameters.getMaxOutstandingReadRequests(),
                    parameters.getMaxOutstandingWriteRequests(),
                    parameters.getMaxReadRequestSize(),
                    parameters.getMaxWriteRequestSize(),
                    parameters.getMaxWriteBufferCount(),
                    parameters.getMaxWriteBufferSize(),
                    parameters.getMaxRetryDelay(),
                    parameters.getReadPollTimeout());
            emulation.update(
                    "put-auto-follow-pattern-" + request.getName(),
                    (current, state) -> current.withAutoFollowPattern(request.getName(), pattern),
                    listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /** {@code GET /_ccr/auto_follow[/{name}]}. */
    public static final class GetAutoFollowPattern
            extends EmulatedTransportAction<GetAutoFollowPatternAction.Request, GetAutoFollowPatternAction.Response> {

        @Inject
        public GetAutoFollowPattern(
                TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(GetAutoFollowPatternAction.NAME, transportService, actionFilters,
                    GetAutoFollowPatternAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task,
                GetAutoFollowPatternAction.Request request,
                ActionListener<GetAutoFollowPatternAction.Response> listener) {
            Map<String, AutoFollowPattern> patterns = emulation.current().autoFollowPatterns();
            String name = request.getName();
            if (name == null) {
                listener.onResponse(new GetAutoFollowPatternAction.Response(patterns));
                return;
            }
            AutoFollowPattern pattern = patterns.get(name);
            if (pattern == null) {
                listener.onFailure(missingPattern(name));
                return;
            }
            listener.onResponse(new GetAutoFollowPatternAction.Response(Map.of(name, pattern)));
        }
    }

    /** {@code POST /_ccr/auto_follow/{name}/pause} and {@code .../resume}. */
    public static final class ActivateAutoFollowPattern
            extends EmulatedTransportAction<ActivateAutoFollowPatternAction.Request, AcknowledgedResponse> {

        @Inject
        public ActivateAutoFollowPattern(
                TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(ActivateAutoFollowPatternAction.NAME, transportService, actionFilters,
                    ActivateAutoFollowPatternAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, ActivateAutoFollowPatternAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            String name = request.getName();
            emulation.update("activate-auto-follow-pattern-" + name, (current, state) -> {
                AutoFollowPattern pattern = current.autoFollowPatterns().get(name);
                if (pattern == null) {
                    throw missingPattern(name);
                }
                if (pattern.isActive() == request.isActive()) {
                    return current;
                }
                return current.withAutoFollowPattern(name, withActive(pattern, request.isActive()));
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /** {@code DELETE /_ccr/auto_follow/{name}}. */
    public static final class DeleteAutoFollowPattern
            extends EmulatedTransportAction<DeleteAutoFollowPatternAction.Request, AcknowledgedResponse> {

        @Inject
        public DeleteAutoFollowPattern(
                TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(DeleteAutoFollowPatternAction.NAME, transportService, actionFilters,
                    DeleteAutoFollowPatternAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, DeleteAutoFollowPatternAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            String name = request.getName();
            emulation.update("delete-auto-follow-pattern-" + name, (current, state) -> {
                if (current.autoFollowPatterns().containsKey(name) == false) {
                    throw missingPattern(name);
                }
                return current.withAutoFollowPattern(name, null);
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /**
     * {@code PUT /{index}/_ccr/follow}: reads the leader index's metadata through the remote
     * cluster alias, creates the follower as a real local index, then records it as active.
     */
    public static final class Follow extends EmulatedTransportAction<PutFollowAction.Request, PutFollowAction.Response> {

        private final Client client;
        private final ClusterService clusterService;

        @Inject
        public Follow(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                Client client,
                ClusterService clusterService) {
            super(PutFollowAction.NAME, transportService, actionFilters, PutFollowAction.Request::new, emulation);
            this.client = client;
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(
                Task task, PutFollowAction.Request request, ActionListener<PutFollowAction.Response> listener) {
            String followerIndex = request.getFollowerIndex();
            if (clusterService.state().metadata().hasIndex(followerIndex)) {
                listener.onFailure(new ResourceAlreadyExistsException("index [{}] already exists", followerIndex));
                return;
            }
            EmulationStateService.fetchLeaderIndex(
                    client,
                    request.getRemoteCluster(),
                    request.getLeaderIndex(),
                    listener.delegateFailureAndWrap((l, leader) -> createFollower(request, leader, l)));
        }

        private void createFollower(
                PutFollowAction.Request request, IndexMetadata leader, ActionListener<PutFollowAction.Response> listener) {
            String followerIndex = request.getFollowerIndex();
            Settings settings = Settings.builder()
                    .put(IndexMetadata.SETTING_NUMBER_OF_SHARDS, leader.getNumberOfShards())
                    .put(IndexMetadata.SETTING_NUMBER_OF_REPLICAS, 0)
                    .put(request.getSettings())
                    .build();
            // NOTE: the real action restores the follower from the leader as part of put_follow,
            // after authorizing the caller for it. Creating the index under the persistent tasks
            // origin keeps that contract: the caller needs no create_index privilege.
            Client internal = new OriginSettingClient(client, PersistentTasksService.PERSISTENT_TASK_ORIGIN);
            CreateIndexRequest create = new CreateIndexRequest(followerIndex, settings);
            internal.execute(TransportCreateIndexAction.TYPE, create, listener.delegateFailureAndWrap((l, created) -> {
                Follower follower = new Follower(
                        followerIndex,
                        request.getRemoteCluster(),
                        request.getLeaderIndex(),
                        leader.getIndexUUID(),
                        request.getParameters(),
                        true);
                emulation.update(
                        "put-follow-" + followerIndex,
                        (current, state) -> current.withFollower(followerIndex, follower),
                        l.map(ignored -> new PutFollowAction.Response(true, created.isShardsAcknowledged(), true)));
            }));
        }
    }

    /** {@code POST /{index}/_ccr/pause_follow}: stops an active follower. */
    public static final class PauseFollow extends EmulatedTransportAction<PauseFollowAction.Request, AcknowledgedResponse> {

        @Inject
        public PauseFollow(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(PauseFollowAction.NAME, transportService, actionFilters, PauseFollowAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, PauseFollowAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            String index = request.getFollowIndex();
            emulation.update("pause-follow-" + index, (current, state) -> {
                Follower follower = requireFollower(current, state, index, "index [%s] is not a follower index");
                if (follower.active() == false) {
                    throw new IllegalArgumentException("no shard follow tasks for [" + index + "]");
                }
                return current.withFollower(index, follower.withActive(false, follower.parameters()));
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /**
     * {@code POST /{index}/_ccr/resume_follow}: checks through the remote cluster alias that the
     * leader index is still the one followed, then restarts a paused follower.
     */
    public static final class ResumeFollow extends EmulatedTransportAction<ResumeFollowAction.Request, AcknowledgedResponse> {

        private final Client client;
        private final ClusterService clusterService;

        @Inject
        public ResumeFollow(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                Client client,
                ClusterService clusterService) {
            super(ResumeFollowAction.NAME, transportService, actionFilters, ResumeFollowAction.Request::new, emulation);
            this.client = client;
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(Task task, ResumeFollowAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            String index = request.getFollowerIndex();
            Follower follower = requireFollower(
                    emulation.current(), clusterService.state(), index, "follow index [%s] does not have ccr metadata");
            EmulationStateService.fetchLeaderIndex(
                    client,
                    follower.remoteCluster(),
                    follower.leaderIndex(),
                    listener.delegateFailureAndWrap((l, leader) -> resume(request, leader, l)));
        }

        private void resume(ResumeFollowAction.Request request, IndexMetadata leader, ActionListener<AcknowledgedResponse> listener) {
            String index = request.getFollowerIndex();
            emulation.update("resume-follow-" + index, (current, state) -> {
                Follower follower = requireFollower(current, state, index, "follow index [%s] does not have ccr metadata");
                if (follower.leaderIndexUuid().equals(leader.getIndexUUID()) == false) {
                    throw new IllegalArgumentException("follow index [" + index + "] should reference ["
                            + leader.getIndexUUID() + "] as leader index but instead reference ["
                            + follower.leaderIndexUuid() + "] as leader index");
                }
                if (follower.active()) {
                    // The real action fails when it starts the shard follow task that already runs.
                    String taskId = state.metadata().index(index).getIndexUUID() + "-0";
                    throw new ResourceAlreadyExistsException("task with id {" + taskId + "} already exist");
                }
                return current.withFollower(index, follower.withActive(true, request.getParameters()));
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /** {@code GET /{index}/_ccr/info}: every follower among the resolved indices, active or paused. */
    public static final class FollowInfo extends EmulatedTransportAction<FollowInfoAction.Request, FollowInfoAction.Response> {

        private final ClusterService clusterService;
        private final IndexNameExpressionResolver resolver;

        @Inject
        public FollowInfo(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                ClusterService clusterService,
                IndexNameExpressionResolver resolver) {
            super(FollowInfoAction.NAME, transportService, actionFilters, FollowInfoAction.Request::new, emulation);
            this.clusterService = clusterService;
            this.resolver = resolver;
        }

        @Override
        protected void doExecute(Task task, FollowInfoAction.Request request, ActionListener<FollowInfoAction.Response> listener) {
            ClusterState state = clusterService.state();
            String[] indices = resolver.concreteIndexNames(
                    state, IndicesOptions.STRICT_EXPAND_OPEN_CLOSED, request.getFollowerIndices());
            Map<String, Follower> followers = EmulationMetadata.of(state).followers();
            List<FollowerInfo> infos = new ArrayList<>();
            for (String index : sortedCopy(indices)) {
                Follower follower = followers.get(index);
                if (follower == null) {
                    continue;
                }
                FollowerInfo info = follower.active()
                        ? new FollowerInfo(index, follower.remoteCluster(), follower.leaderIndex(),
                                FollowInfoAction.Response.Status.ACTIVE, effectiveParameters(follower.parameters()))
                        : new FollowerInfo(index, follower.remoteCluster(), follower.leaderIndex(),
                                FollowInfoAction.Response.Status.PAUSED, null);
                infos.add(info);
            }
            listener.onResponse(new FollowInfoAction.Response(infos));
        }

        private static String[] sortedCopy(String[] indices) {
            String[] copy = indices.clone();
            Arrays.sort(copy);
            return copy;
        }
    }

    /**
     * {@code GET /{index}/_ccr/stats}: one shard status per active follower. Paused followers
     * have no shard follow task, so they are absent, as in Elasticsearch.
     */
    public static final class FollowStats
            extends EmulatedTransportAction<FollowStatsAction.StatsRequest, FollowStatsAction.StatsResponses> {

        private final ClusterService clusterService;
        private final IndexNameExpressionResolver resolver;

        @Inject
        public FollowStats(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                ClusterService clusterService,
                IndexNameExpressionResolver resolver) {
            super(FollowStatsAction.NAME, transportService, actionFilters, FollowStatsAction.StatsRequest::new, emulation);
            this.clusterService = clusterService;
            this.resolver = resolver;
        }

        @Override
        protected void doExecute(
                Task task, FollowStatsAction.StatsRequest request, ActionListener<FollowStatsAction.StatsResponses> listener) {
            ClusterState state = clusterService.state();
            String[] requested = request.indices();
            boolean all = requested == null || requested.length == 0 || Strings.isAllOrWildcard(requested);
            Set<String> indices = all
                    ? null
                    : Set.of(resolver.concreteIndexNames(state, IndicesOptions.lenientExpandOpen(), requested));
            Map<String, FollowStatsAction.StatsResponse> stats = new LinkedHashMap<>();
            for (Follower follower : EmulationMetadata.of(state).followers().values()) {
                if (follower.active() && (indices == null || indices.contains(follower.followerIndex()))) {
                    stats.put(follower.followerIndex(), new FollowStatsAction.StatsResponse(idleShardStatus(follower)));
                }
            }
            if (all == false && stats.isEmpty()) {
                listener.onFailure(new ResourceNotFoundException(
                        "No shard follow tasks for follower indices [{}]", String.join(",", requested)));
                return;
            }
            listener.onResponse(new FollowStatsAction.StatsResponses(List.of(), List.of(), new ArrayList<>(stats.values())));
        }

        /** Returns the status of shard 0 of a follower that has replicated nothing yet. */
        private static ShardFollowNodeTaskStatus idleShardStatus(Follower follower) {
            return new ShardFollowNodeTaskStatus(
                    follower.remoteCluster(), follower.leaderIndex(), follower.followerIndex(), 0,
                    -1, -1, -1, -1, -1,
                    0, 0, 0, 0,
                    1, 1, 1,
                    0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0,
                    new TreeMap<>(), 0, null);
        }
    }

    /**
     * {@code POST /{index}/_ccr/unfollow}: turns a paused and closed follower into a plain index,
     * with the checks and messages of the real action.
     */
    public static final class Unfollow extends EmulatedTransportAction<UnfollowAction.Request, AcknowledgedResponse> {

        @Inject
        public Unfollow(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(UnfollowAction.NAME, transportService, actionFilters, UnfollowAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, UnfollowAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            String index = request.getFollowerIndex();
            emulation.update("unfollow-" + index, (current, state) -> {
                Follower follower = requireFollower(current, state, index, "index [%s] is not a follower index");
                if (state.metadata().index(index).getState() != IndexMetadata.State.CLOSE) {
                    throw new IllegalArgumentException("cannot convert the follower index [" + index
                            + "] to a non-follower, because it has not been closed");
                }
                if (follower.active()) {
                    throw new IllegalArgumentException("cannot convert the follower index [" + index
                            + "] to a non-follower, because it has not been paused");
                }
                return current.withFollower(index, null);
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }
}
