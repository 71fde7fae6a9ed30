package io.jenkins.plugins.esremote.testkit.emulation;

import io.jenkins.plugins.esremote.testkit.emulation.EmulationMetadata.Transform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.ResourceNotFoundException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;
import org.elasticsearch.xpack.core.transform.TransformConfigVersion;
import org.elasticsearch.xpack.core.transform.TransformMessages;
import org.elasticsearch.xpack.core.transform.action.GetTransformAction;
import org.elasticsearch.xpack.core.transform.action.GetTransformStatsAction;
import org.elasticsearch.xpack.core.transform.action.PutTransformAction;
import org.elasticsearch.xpack.core.transform.action.StartTransformAction;
import org.elasticsearch.xpack.core.transform.action.StopTransformAction;
import org.elasticsearch.xpack.core.transform.transforms.TransformCheckpointingInfo;
import org.elasticsearch.xpack.core.transform.transforms.TransformConfig;
import org.elasticsearch.xpack.core.transform.transforms.TransformHealth;
import org.elasticsearch.xpack.core.transform.transforms.TransformIndexerStats;
import org.elasticsearch.xpack.core.transform.transforms.TransformStats;

/**
 * Emulated transforms: put, get, start, stop and stats. A started transform does not index;
 * starting one reads its remote source indices once, as the calling user, so a broken alias or
 * missing remote privileges fail the start. Error types and messages follow the x-pack-transform
 * module of Elasticsearch 8.19.
 */
final class TransformActions {

    private TransformActions() {}

    private static ResourceNotFoundException missing(String id) {
        return new ResourceNotFoundException(TransformMessages.getMessage(TransformMessages.REST_UNKNOWN_TRANSFORM, id));
    }

    /** {@code PUT /_transform/{id}}. */
    public static final class Put extends EmulatedTransportAction<PutTransformAction.Request, AcknowledgedResponse> {

        @Inject
        public Put(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(PutTransformAction.NAME, transportService, actionFilters, PutTransformAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, PutTransformAction.Request request, ActionListener<AcknowledgedResponse> listener) {
            TransformConfig config = request.getConfig()
                    .setCreateTime(Instant.now())
                    .setVersion(TransformConfigVersion.CURRENT);
            String id = config.getId();
            emulation.update("put-transform-" + id, (current, state) -> {
                if (current.transforms().containsKey(id)) {
                    throw new ResourceAlreadyExistsException(
                            TransformMessages.getMessage(TransformMessages.REST_PUT_TRANSFORM_EXISTS, id));
                }
                return current.withTransform(id, new Transform(config, false));
            }, listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }

    /** {@code GET /_transform[/{id}]}. */
    public static final class Get extends EmulatedTransportAction<GetTransformAction.Request, GetTransformAction.Response> {

        @Inject
        public Get(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(GetTransformAction.NAME, transportService, actionFilters, GetTransformAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, GetTransformAction.Request request, ActionListener<GetTransformAction.Response> listener) {
            Map<String, Transform> transforms = emulation.current().transforms();
            List<String> ids = ResourceIds.expand(
                    request.getId(), transforms.keySet(), request.isAllowNoResources(), TransformActions::missing);
            List<TransformConfig> configs = ids.stream().map(id -> transforms.get(id).config()).toList();
            listener.onResponse(new GetTransformAction.Response(configs, configs.size(), null));
        }
    }

    /** {@code POST /_transform/{id}/_start}. */
    public static final class Start extends EmulatedTransportAction<StartTransformAction.Request, StartTransformAction.Response> {

        private final Client client;

        @Inject
        public Start(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                Client client) {
            super(StartTransformAction.NAME, transportService, actionFilters, StartTransformAction.Request::new, emulation);
            this.client = client;
        }

        @Override
        protected void doExecute(
                Task task, StartTransformAction.Request request, ActionListener<StartTransformAction.Response> listener) {
            String id = request.getId();
            Transform transform = emulation.current().transforms().get(id);
            if (transform == null) {
                listener.onFailure(missing(id));
                return;
            }
            if (transform.started()) {
                listener.onFailure(alreadyStarted(id));
                return;
            }
            List<String> sources = Arrays.asList(transform.config().getSource().getIndex());
            EmulationStateService.readRemoteSources(client, sources, listener.delegateFailureAndWrap((l, ignored) ->
                    emulation.update("start-transform-" + id, (current, state) -> {
                        Transform latest = current.transforms().get(id);
                        if (latest == null) {
                            throw missing(id);
                        }
                        if (latest.started()) {
                            throw alreadyStarted(id);
                        }
                        return current.withTransform(id, new Transform(latest.config(), true));
                    }, l.map(unused -> new StartTransformAction.Response(true)))));
        }

        private static ElasticsearchStatusException alreadyStarted(String id) {
            return new ElasticsearchStatusException(
                    "Cannot start transform [{}] as it is already started.", RestStatus.CONFLICT, id);
        }
    }

    /** {@code POST /_transform/{id}/_stop}: stopping a stopped transform is acknowledged, as in Elasticsearch. */
    public static final class Stop extends EmulatedTransportAction<StopTransformAction.Request, StopTransformAction.Response> {

        @Inject
        public Stop(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(StopTransformAction.NAME, transportService, actionFilters, StopTransformAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, StopTransformAction.Request request, ActionListener<StopTransformAction.Response> listener) {
            emulation.update("stop-transform-" + request.getId(), (current, state) -> {
                List<String> ids = ResourceIds.expand(
                        request.getId(), current.transforms().keySet(), request.isAllowNoMatch(), TransformActions::missing);
                EmulationMetadata changed = current;
                for (String id : ids) {
                    changed = changed.withTransform(id, new Transform(current.transforms().get(id).config(), false));
                }
                return changed;
            }, listener.map(ignored -> new StopTransformAction.Response(true)));
        }
    }

    /** {@code GET /_transform/{id}/_stats}. */
    public static final class Stats
            extends EmulatedTransportAction<GetTransformStatsAction.Request, GetTransformStatsAction.Response> {

        @Inject
        public Stats(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(GetTransformStatsAction.NAME, transportService, actionFilters, GetTransformStatsAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, GetTransformStatsAction.Request request, ActionListener<GetTransformStatsAction.Response> listener) {
            Map<String, Transform> transforms = emulation.current().transforms();
            List<String> ids = ResourceIds.expand(
                    request.getId(), transforms.keySet(), request.isAllowNoMatch(), TransformActions::missing);
            List<TransformStats> stats = new ArrayList<>();
            for (String id : ids) {
                TransformStats.State state = transforms.get(id).started()
                        ? TransformStats.State.STARTED
                        : TransformStats.State.STOPPED;
                stats.add(new TransformStats(
                        id,
                        state,
                        null,
                        null,
                        new TransformIndexerStats(),
                        TransformCheckpointingInfo.EMPTY,
                        TransformHealth.GREEN));
            }
            listener.onResponse(new GetTransformStatsAction.Response(stats));
        }
    }
}
