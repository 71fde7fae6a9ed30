package io.jenkins.plugins.esremote.testkit.emulation;

import static org.elasticsearch.rest.RestRequest.Method.DELETE;
import static org.elasticsearch.rest.RestRequest.Method.GET;
import static org.elasticsearch.rest.RestRequest.Method.POST;
import static org.elasticsearch.rest.RestRequest.Method.PUT;

import java.time.Instant;
import java.util.List;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.support.ActiveShardCount;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.common.Strings;
import org.elasticsearch.core.CheckedConsumer;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.rest.RestChannel;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestHandler.Route;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.rest.RestUtils;
import org.elasticsearch.rest.action.RestBuilderListener;
import org.elasticsearch.rest.action.RestChunkedToXContentListener;
import org.elasticsearch.rest.action.RestToXContentListener;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xpack.core.ccr.action.ActivateAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.DeleteAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.FollowInfoAction;
import org.elasticsearch.xpack.core.ccr.action.FollowStatsAction;
import org.elasticsearch.xpack.core.ccr.action.GetAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PauseFollowAction;
import org.elasticsearch.xpack.core.ccr.action.PutAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PutFollowAction;
import org.elasticsearch.xpack.core.ccr.action.ResumeFollowAction;
import org.elasticsearch.xpack.core.ccr.action.UnfollowAction;
import org.elasticsearch.xpack.core.ml.action.CloseJobAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsStatsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsStatsAction;
import org.elasticsearch.xpack.core.ml.action.NodeAcknowledgedResponse;
import org.elasticsearch.xpack.core.ml.action.OpenJobAction;
import org.elasticsearch.xpack.core.ml.action.PutDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.PutJobAction;
import org.elasticsearch.xpack.core.ml.action.StartDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.StopDatafeedAction;
import org.elasticsearch.xpack.core.transform.action.GetTransformAction;
import org.elasticsearch.xpack.core.transform.action.GetTransformStatsAction;
import org.elasticsearch.xpack.core.transform.action.PutTransformAction;
import org.elasticsearch.xpack.core.transform.action.StartTransformAction;
import org.elasticsearch.xpack.core.transform.action.StopTransformAction;

/**
 * The REST endpoints of the emulated features, at the paths and methods of Elasticsearch 8.19,
 * with bodies parsed by x-pack-core's request parsers.
 */
final class EmulationRestHandlers {

    private EmulationRestHandlers() {}

    static List<RestHandler> all() {
        return List.of(
                // Cross-cluster replication: auto-follow patterns.
                new EmulationRestHandler("ccr_put_auto_follow_pattern_action",
                        List.of(new Route(PUT, "/_ccr/auto_follow/{name}")), (request, client) -> {
                            PutAutoFollowPatternAction.Request put;
                            try (var parser = request.contentParser()) {
                                put = PutAutoFollowPatternAction.Request.fromXContent(
                                        masterTimeout(request), RestUtils.getAckTimeout(request), parser, request.param("name"));
                            }
                            return channel -> client.execute(
                                    PutAutoFollowPatternAction.INSTANCE, put, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_get_auto_follow_pattern_action",
                        List.of(new Route(GET, "/_ccr/auto_follow"), new Route(GET, "/_ccr/auto_follow/{name}")),
                        (request, client) -> {
                            var get = new GetAutoFollowPatternAction.Request(masterTimeout(request));
                            get.setName(request.param("name"));
                            return channel -> client.execute(
                                    GetAutoFollowPatternAction.INSTANCE, get, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_pause_auto_follow_pattern_action",
                        List.of(new Route(POST, "/_ccr/auto_follow/{name}/pause")),
                        (request, client) -> activate(request, client, false)),
                new EmulationRestHandler("ccr_resume_auto_follow_pattern_action",
                        List.of(new Route(POST, "/_ccr/auto_follow/{name}/resume")),
                        (request, client) -> activate(request, client, true)),
                new EmulationRestHandler("ccr_delete_auto_follow_pattern_action",
                        List.of(new Route(DELETE, "/_ccr/auto_follow/{name}")), (request, client) -> {
                            var delete = new DeleteAutoFollowPatternAction.Request(
                                    masterTimeout(request), RestUtils.getAckTimeout(request), request.param("name"));
                            return channel -> client.execute(
                                    DeleteAutoFollowPatternAction.INSTANCE, delete, new RestToXContentListener<>(channel));
                        }),

                // Cross-cluster replication: follower indices.
                new EmulationRestHandler("ccr_put_follow_action",
                        List.of(new Route(PUT, "/{index}/_ccr/follow")), (request, client) -> {
                            PutFollowAction.Request follow;
                            try (var parser = request.contentParser()) {
                                follow = PutFollowAction.Request.fromXContent(
                                        masterTimeout(request), RestUtils.getAckTimeout(request), parser);
                            }
                            follow.setFollowerIndex(request.param("index"));
                            follow.waitForActiveShards(
                                    ActiveShardCount.parseString(request.param("wait_for_active_shards", "0")));
                            return channel -> client.execute(PutFollowAction.INSTANCE, follow, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_pause_follow_action",
                        List.of(new Route(POST, "/{index}/_ccr/pause_follow")), (request, client) -> {
                            var pause = new PauseFollowAction.Request(masterTimeout(request), request.param("index"));
                            return channel -> client.execute(PauseFollowAction.INSTANCE, pause, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_resume_follow_action",
                        List.of(new Route(POST, "/{index}/_ccr/resume_follow")), (request, client) -> {
                            ResumeFollowAction.Request resume;
                            if (request.hasContentOrSourceParam()) {
                                try (var parser = request.contentOrSourceParamParser()) {
                                    resume = ResumeFollowAction.Request.fromXContent(
                                            masterTimeout(request), parser, request.param("index"));
                                }
                            } else {
                                resume = new ResumeFollowAction.Request(masterTimeout(request));
                                resume.setFollowerIndex(request.param("index"));
                            }
                            ResumeFollowAction.Request finalResume = resume;
                            return channel -> client.execute(
                                    ResumeFollowAction.INSTANCE, finalResume, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_follower_info",
                        List.of(new Route(GET, "/{index}/_ccr/info")), (request, client) -> {
                            var info = new FollowInfoAction.Request(masterTimeout(request));
                            info.setFollowerIndices(Strings.splitStringByCommaToArray(request.param("index")));
                            return channel -> client.execute(
                                    FollowInfoAction.INSTANCE, info, new RestChunkedToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_follower_stats",
                        List.of(new Route(GET, "/{index}/_ccr/stats")), (request, client) -> {
                            var stats = new FollowStatsAction.StatsRequest();
                            stats.setIndices(Strings.splitStringByCommaToArray(request.param("index")));
                            if (request.hasParam("timeout")) {
                                stats.setTimeout(request.paramAsTime("timeout", null));
                            }
                            return channel -> client.execute(
                                    FollowStatsAction.INSTANCE, stats, new RestChunkedToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ccr_unfollow_action",
                        List.of(new Route(POST, "/{index}/_ccr/unfollow")), (request, client) -> {
                            var unfollow = new UnfollowAction.Request(
                                    masterTimeout(request), RestUtils.getAckTimeout(request), request.param("index"));
                            return channel -> client.execute(UnfollowAction.INSTANCE, unfollow, new RestToXContentListener<>(channel));
                        }),

                // Transforms.
                new EmulationRestHandler("transform_put_transform_action",
                        List.of(new Route(PUT, "/_transform/{transform_id}")), (request, client) -> {
                            String id = request.param("transform_id");
                            boolean deferValidation = request.paramAsBoolean("defer_validation", false);
                            TimeValue timeout = request.paramAsTime("timeout", TimeValue.timeValueSeconds(30));
                            PutTransformAction.Request put;
                            try (var parser = request.contentParser()) {
                                put = PutTransformAction.Request.fromXContent(parser, id, deferValidation, timeout);
                            }
                            return channel -> client.execute(PutTransformAction.INSTANCE, put, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("transform_get_transform_action",
                        List.of(new Route(GET, "/_transform"), new Route(GET, "/_transform/{transform_id}")),
                        (request, client) -> {
                            var get = new GetTransformAction.Request(request.param("transform_id", "_all"));
                            get.setAllowNoResources(request.paramAsBoolean("allow_no_match", true));
                            request.paramAsBoolean("exclude_generated", false);
                            request.paramAsInt("from", 0);
                            request.paramAsInt("size", 100);
                            return channel -> client.execute(GetTransformAction.INSTANCE, get, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("transform_start_transform_action",
                        List.of(new Route(POST, "/_transform/{transform_id}/_start")), (request, client) -> {
                            String from = request.param("from");
                            var start = new StartTransformAction.Request(
                                    request.param("transform_id"),
                                    from == null ? null : Instant.parse(from),
                                    request.paramAsTime("timeout", TimeValue.timeValueSeconds(30)));
                            return channel -> client.execute(StartTransformAction.INSTANCE, start, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("transform_stop_transform_action",
                        List.of(new Route(POST, "/_transform/{transform_id}/_stop")), (request, client) -> {
                            var stop = new StopTransformAction.Request(
                                    request.param("transform_id"),
                                    request.paramAsBoolean("wait_for_completion", false),
                                    request.paramAsBoolean("force", false),
                                    request.paramAsTime("timeout", StopTransformAction.DEFAULT_TIMEOUT),
                                    request.paramAsBoolean("allow_no_match", true),
                                    request.paramAsBoolean("wait_for_checkpoint", false));
                            return channel -> client.execute(StopTransformAction.INSTANCE, stop, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("transform_get_transform_stats_action",
                        List.of(new Route(GET, "/_transform/{transform_id}/_stats")), (request, client) -> {
                            var stats = new GetTransformStatsAction.Request(
                                    request.param("transform_id"),
                                    request.paramAsTime("timeout", null),
                                    request.paramAsBoolean("basic", false));
                            stats.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            request.paramAsInt("from", 0);
                            request.paramAsInt("size", 100);
                            return channel -> client.execute(
                                    GetTransformStatsAction.INSTANCE, stats, new RestToXContentListener<>(channel));
                        }),

                // Anomaly detection jobs.
                new EmulationRestHandler("ml_put_job_action",
                        List.of(new Route(PUT, "/_ml/anomaly_detectors/{job_id}")), (request, client) -> {
                            IndicesOptions options = IndicesOptions.fromRequest(request, SearchRequest.DEFAULT_INDICES_OPTIONS);
                            PutJobAction.Request put;
                            try (var parser = request.contentParser()) {
                                put = PutJobAction.Request.parseRequest(request.param("job_id"), parser, options);
                            }
                            return channel -> client.execute(PutJobAction.INSTANCE, put, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ml_get_job_action",
                        List.of(new Route(GET, "/_ml/anomaly_detectors"), new Route(GET, "/_ml/anomaly_detectors/{job_id}")),
                        (request, client) -> {
                            var get = new GetJobsAction.Request(request.param("job_id", "_all"));
                            get.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            request.paramAsBoolean("exclude_generated", false);
                            return channel -> client.execute(GetJobsAction.INSTANCE, get, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ml_open_job_action",
                        List.of(new Route(POST, "/_ml/anomaly_detectors/{job_id}/_open")), (request, client) -> {
                            String jobId = request.param("job_id");
                            OpenJobAction.Request open;
                            if (request.hasContentOrSourceParam()) {
                                try (var parser = request.contentOrSourceParamParser()) {
                                    open = OpenJobAction.Request.parseRequest(jobId, parser);
                                }
                            } else {
                                open = new OpenJobAction.Request(jobId);
                                if (request.hasParam("timeout")) {
                                    open.getJobParams().setTimeout(request.paramAsTime("timeout", null));
                                }
                            }
                            OpenJobAction.Request finalOpen = open;
                            return channel -> client.execute(OpenJobAction.INSTANCE, finalOpen, nodeListener(channel, "opened"));
                        }),
                new EmulationRestHandler("ml_close_job_action",
                        List.of(new Route(POST, "/_ml/anomaly_detectors/{job_id}/_close")), (request, client) -> {
                            String jobId = request.param("job_id");
                            CloseJobAction.Request close;
                            if (request.hasContentOrSourceParam()) {
                                try (var parser = request.contentOrSourceParamParser()) {
                                    close = CloseJobAction.Request.parseRequest(jobId, parser);
                                }
                            } else {
                                close = new CloseJobAction.Request(jobId);
                            }
                            if (request.hasParam("force")) {
                                close.setForce(request.paramAsBoolean("force", false));
                            }
                            if (request.hasParam("allow_no_match")) {
                                close.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            }
                            if (request.hasParam("timeout")) {
                                close.setCloseTimeout(request.paramAsTime("timeout", null));
                            }
                            CloseJobAction.Request finalClose = close;
                            return channel -> client.execute(CloseJobAction.INSTANCE, finalClose, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ml_get_job_stats_action",
                        List.of(
                                new Route(GET, "/_ml/anomaly_detectors/_stats"),
                                new Route(GET, "/_ml/anomaly_detectors/{job_id}/_stats")),
                        (request, client) -> {
                            var stats = new GetJobsStatsAction.Request(request.param("job_id", "_all"));
                            stats.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            return channel -> client.execute(GetJobsStatsAction.INSTANCE, stats, new RestToXContentListener<>(channel));
                        }),

                // Datafeeds.
                new EmulationRestHandler("ml_put_datafeed_action",
                        List.of(new Route(PUT, "/_ml/datafeeds/{datafeed_id}")), (request, client) -> {
                            IndicesOptions options = IndicesOptions.fromRequest(request, SearchRequest.DEFAULT_INDICES_OPTIONS);
                            PutDatafeedAction.Request put;
                            try (var parser = request.contentParser()) {
                                put = PutDatafeedAction.Request.parseRequest(request.param("datafeed_id"), options, parser);
                            }
                            return channel -> client.execute(PutDatafeedAction.INSTANCE, put, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ml_get_datafeeds_action",
                        List.of(new Route(GET, "/_ml/datafeeds"), new Route(GET, "/_ml/datafeeds/{datafeed_id}")),
                        (request, client) -> {
                            var get = new GetDatafeedsAction.Request(request.param("datafeed_id", "_all"));
                            get.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            request.paramAsBoolean("exclude_generated", false);
                            return channel -> client.execute(GetDatafeedsAction.INSTANCE, get, new RestToXContentListener<>(channel));
                        }),
                new EmulationRestHandler("ml_start_datafeed_action",
                        List.of(new Route(POST, "/_ml/datafeeds/{datafeed_id}/_start")), (request, client) -> {
                            String id = request.param("datafeed_id");
                            StartDatafeedAction.Request start;
                            if (request.hasContentOrSourceParam()) {
                                try (var parser = request.contentOrSourceParamParser()) {
                                    start = StartDatafeedAction.Request.parseRequest(id, parser);
                                }
                            } else {
                                start = new StartDatafeedAction.Request(id, request.param("start", "0"));
                                if (request.hasParam("end")) {
                                    start.getParams().setEndTime(request.param("end"));
                                }
                                if (request.hasParam("timeout")) {
                                    start.getParams().setTimeout(request.paramAsTime("timeout", null));
                                }
                            }
                            StartDatafeedAction.Request finalStart = start;
                            return channel -> client.execute(
                                    StartDatafeedAction.INSTANCE, finalStart, nodeListener(channel, "started"));
                        }),
                new EmulationRestHandler("ml_stop_datafeed_action",
                        List.of(new Route(POST, "/_ml/datafeeds/{datafeed_id}/_stop")), (request, client) -> {
                            String id = request.param("datafeed_id");
                            StopDatafeedAction.Request stop;
                            if (request.hasContentOrSourceParam()) {
                                try (var parser = request.contentOrSourceParamParser()) {
                                    stop = StopDatafeedAction.Request.parseRequest(id, parser);
                                }
                            } else {
                                stop = new StopDatafeedAction.Request(id);
                            }
                            if (request.hasParam("force")) {
                                stop.setForce(request.paramAsBoolean("force", false));
                            }
                            if (request.hasParam("allow_no_match")) {
                                stop.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            }
                            if (request.hasParam("timeout")) {
                                stop.setStopTimeout(request.paramAsTime("timeout", null));
                            }
                            StopDatafeedAction.Request finalStop = stop;
                            return channel -> client.execute(StopDatafeedAction.INSTANCE, finalStop, stoppedListener(channel));
                        }),
                new EmulationRestHandler("ml_get_datafeed_stats_action",
                        List.of(new Route(GET, "/_ml/datafeeds/_stats"), new Route(GET, "/_ml/datafeeds/{datafeed_id}/_stats")),
                        (request, client) -> {
                            var stats = new GetDatafeedsStatsAction.Request(request.param("datafeed_id", "_all"));
                            stats.setAllowNoMatch(request.paramAsBoolean("allow_no_match", true));
                            return channel -> client.execute(
                                    GetDatafeedsStatsAction.INSTANCE, stats, new RestToXContentListener<>(channel));
                        }),

                // Clearing every emulated task between tests.
                new EmulationRestHandler("testkit_emulation_reset",
                        List.of(new Route(POST, "/_testkit/emulation/_reset")), (request, client) -> channel -> client.execute(
                                ResetEmulationAction.INSTANCE,
                                new ResetEmulationAction.Request(),
                                new RestToXContentListener<>(channel))));
    }

    private static TimeValue masterTimeout(RestRequest request) {
        return RestUtils.getMasterNodeTimeout(request);
    }

    /**
     * Writes {@code {"<field>": true, "node": "<id>"}}, the body of the open job and start datafeed
     * endpoints, from x-pack-core's node acknowledged response.
     */
    private static RestBuilderListener<NodeAcknowledgedResponse> nodeListener(RestChannel channel, String field) {
        return new RestBuilderListener<>(channel) {
            @Override
            public RestResponse buildResponse(NodeAcknowledgedResponse response, XContentBuilder builder) throws Exception {
                builder.startObject().field(field, response.isAcknowledged());
                if (Strings.isNullOrEmpty(response.getNode()) == false) {
                    builder.field("node", response.getNode());
                }
                builder.endObject();
                return new RestResponse(RestStatus.OK, builder);
            }
        };
    }

    /** Writes {@code {"stopped": true}}: x-pack-core's stop datafeed response has no JSON form of its own. */
    private static RestBuilderListener<StopDatafeedAction.Response> stoppedListener(RestChannel channel) {
        return new RestBuilderListener<>(channel) {
            @Override
            public RestResponse buildResponse(StopDatafeedAction.Response response, XContentBuilder builder) throws Exception {
                builder.startObject().field("stopped", response.isStopped()).endObject();
                return new RestResponse(RestStatus.OK, builder);
            }
        };
    }

    private static CheckedConsumer<RestChannel, Exception> activate(RestRequest request, NodeClient client, boolean active) {
        var activate = new ActivateAutoFollowPatternAction.Request(
                masterTimeout(request), RestUtils.getAckTimeout(request), request.param("name"), active);
        return channel -> client.execute(ActivateAutoFollowPatternAction.INSTANCE, activate, new RestToXContentListener<>(channel));
    }
}
