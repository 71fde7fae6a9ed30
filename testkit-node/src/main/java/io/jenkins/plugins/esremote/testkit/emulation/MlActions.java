package io.jenkins.plugins.esremote.testkit.emulation;

import io.jenkins.plugins.esremote.testkit.emulation.EmulationMetadata.AnomalyJob;
import io.jenkins.plugins.esremote.testkit.emulation.EmulationMetadata.Datafeed;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.ResourceAlreadyExistsException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;
import org.elasticsearch.xpack.core.action.util.QueryPage;
import org.elasticsearch.xpack.core.ml.action.CloseJobAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsStatsAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsStatsAction.Response.DatafeedStats;
import org.elasticsearch.xpack.core.ml.action.GetJobsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsStatsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsStatsAction.Response.JobStats;
import org.elasticsearch.xpack.core.ml.action.NodeAcknowledgedResponse;
import org.elasticsearch.xpack.core.ml.action.OpenJobAction;
import org.elasticsearch.xpack.core.ml.action.PutDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.PutJobAction;
import org.elasticsearch.xpack.core.ml.action.StartDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.StopDatafeedAction;
import org.elasticsearch.xpack.core.ml.datafeed.DatafeedConfig;
import org.elasticsearch.xpack.core.ml.datafeed.DatafeedState;
import org.elasticsearch.xpack.core.ml.datafeed.DatafeedTimingStats;
import org.elasticsearch.xpack.core.ml.job.config.Job;
import org.elasticsearch.xpack.core.ml.job.config.JobState;
import org.elasticsearch.xpack.core.ml.job.messages.Messages;
import org.elasticsearch.xpack.core.ml.job.process.autodetect.state.DataCounts;
import org.elasticsearch.xpack.core.ml.job.process.autodetect.state.ModelSizeStats;
import org.elasticsearch.xpack.core.ml.job.process.autodetect.state.TimingStats;
import org.elasticsearch.xpack.core.ml.stats.ForecastStats;
import org.elasticsearch.xpack.core.ml.utils.ExceptionsHelper;

/**
 * Emulated anomaly detection jobs and datafeeds. No analytics process runs: an opened job and a
 * started datafeed are states, checked by the rules of the x-pack-ml module of Elasticsearch
 * 8.19 that the migration relies on. Starting a datafeed reads its remote indices once, as the
 * calling user.
 */
final class MlActions {

    private MlActions() {}

    private static AnomalyJob requireJob(EmulationMetadata current, String jobId) {
        AnomalyJob job = current.jobs().get(jobId);
        if (job == null) {
            throw ExceptionsHelper.missingJobException(jobId);
        }
        return job;
    }

    private static Datafeed requireDatafeed(EmulationMetadata current, String datafeedId) {
        Datafeed datafeed = current.datafeeds().get(datafeedId);
        if (datafeed == null) {
            throw ExceptionsHelper.missingDatafeedException(datafeedId);
        }
        return datafeed;
    }

    private static Datafeed datafeedOfJob(EmulationMetadata current, String jobId) {
        return current.datafeeds().values().stream()
                .filter(datafeed -> datafeed.config().getJobId().equals(jobId))
                .findFirst()
                .orElse(null);
    }

    /** {@code PUT /_ml/anomaly_detectors/{job_id}}. */
    public static final class PutJob extends EmulatedTransportAction<PutJobAction.Request, PutJobAction.Response> {

        @Inject
        public PutJob(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(PutJobAction.NAME, transportService, actionFilters, PutJobAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, PutJobAction.Request request, ActionListener<PutJobAction.Response> listener) {
            // The defaults Elasticsearch's job manager applies before storing a new job.
            Job.Builder builder = request.getJobBuilder();
            builder.validateAnalysisLimitsAndSetDefaults(null);
            builder.validateModelSnapshotRetentionSettingsAndSetDefaults();
            Job job = builder.build(new Date());
            emulation.update("put-job-" + job.getId(), (current, state) -> {
                if (current.jobs().containsKey(job.getId())) {
                    throw new ResourceAlreadyExistsException(
                            Messages.getMessage(Messages.JOB_CONFIG_ID_ALREADY_TAKEN, job.getId()));
                }
                return current.withJob(job.getId(), new AnomalyJob(job, JobState.CLOSED, 0));
            }, listener.map(ignored -> new PutJobAction.Response(job)));
        }
    }

    /** {@code GET /_ml/anomaly_detectors[/{job_id}]}. */
    public static final class GetJobs extends EmulatedTransportAction<GetJobsAction.Request, GetJobsAction.Response> {

        @Inject
        public GetJobs(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(GetJobsAction.NAME, transportService, actionFilters, GetJobsAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, GetJobsAction.Request request, ActionListener<GetJobsAction.Response> listener) {
            Map<String, AnomalyJob> jobs = emulation.current().jobs();
            List<String> ids = ResourceIds.expand(
                    request.getJobId(), jobs.keySet(), request.allowNoMatch(), ExceptionsHelper::missingJobException);
            List<Job> configs = ids.stream().map(id -> jobs.get(id).config()).toList();
            listener.onResponse(new GetJobsAction.Response(new QueryPage<>(configs, configs.size(), Job.RESULTS_FIELD)));
        }
    }

    /** {@code POST /_ml/anomaly_detectors/{job_id}/_open}: opening an opened job is acknowledged, as in Elasticsearch. */
    public static final class OpenJob extends EmulatedTransportAction<OpenJobAction.Request, NodeAcknowledgedResponse> {

        private final ClusterService clusterService;

        @Inject
        public OpenJob(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                ClusterService clusterService) {
            super(OpenJobAction.NAME, transportService, actionFilters, OpenJobAction.Request::new, emulation);
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(Task task, OpenJobAction.Request request, ActionListener<NodeAcknowledgedResponse> listener) {
            String jobId = request.getJobParams().getJobId();
            String nodeId = clusterService.localNode().getId();
            emulation.update("open-job-" + jobId, (current, state) -> {
                AnomalyJob job = requireJob(current, jobId);
                if (job.state() == JobState.OPENED) {
                    return current;
                }
                return current.withJob(jobId, new AnomalyJob(job.config(), JobState.OPENED, System.currentTimeMillis()));
            }, listener.map(ignored -> new NodeAcknowledgedResponse(true, nodeId)));
        }
    }

    /**
     * {@code POST /_ml/anomaly_detectors/{job_id}/_close}: a job whose datafeed is started cannot
     * close unless forced; a forced close also stops that datafeed.
     */
    public static final class CloseJob extends EmulatedTransportAction<CloseJobAction.Request, CloseJobAction.Response> {

        @Inject
        public CloseJob(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(CloseJobAction.NAME, transportService, actionFilters, CloseJobAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, CloseJobAction.Request request, ActionListener<CloseJobAction.Response> listener) {
            emulation.update("close-job-" + request.getJobId(), (current, state) -> {
                List<String> ids = ResourceIds.expand(
                        request.getJobId(), current.jobs().keySet(), request.allowNoMatch(),
                        ExceptionsHelper::missingJobException);
                EmulationMetadata changed = current;
                for (String id : ids) {
                    Datafeed datafeed = datafeedOfJob(current, id);
                    if (datafeed != null && datafeed.state() != DatafeedState.STOPPED) {
                        if (request.isForce() == false) {
                            throw ExceptionsHelper.conflictStatusException(
                                    "cannot close job [{}], datafeed hasn't been stopped", id);
                        }
                        // NOTE: the real forced close isolates the job's datafeed. This marks it
                        // stopped at once; how soon the real datafeed task ends was not checked.
                        changed = changed.withDatafeed(
                                datafeed.config().getId(), new Datafeed(datafeed.config(), DatafeedState.STOPPED));
                    }
                    changed = changed.withJob(id, new AnomalyJob(current.jobs().get(id).config(), JobState.CLOSED, 0));
                }
                return changed;
            }, listener.map(ignored -> new CloseJobAction.Response(true)));
        }
    }

    /** {@code GET /_ml/anomaly_detectors/{job_id}/_stats}. */
    public static final class JobsStats
            extends EmulatedTransportAction<GetJobsStatsAction.Request, GetJobsStatsAction.Response> {

        private final ClusterService clusterService;

        @Inject
        public JobsStats(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                ClusterService clusterService) {
            super(GetJobsStatsAction.NAME, transportService, actionFilters, GetJobsStatsAction.Request::new, emulation);
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(
                Task task, GetJobsStatsAction.Request request, ActionListener<GetJobsStatsAction.Response> listener) {
            Map<String, AnomalyJob> jobs = emulation.current().jobs();
            List<String> ids = ResourceIds.expand(
                    request.getJobId(), jobs.keySet(), request.allowNoMatch(), ExceptionsHelper::missingJobException);
            List<JobStats> stats = new ArrayList<>();
            for (String id : ids) {
                AnomalyJob job = jobs.get(id);
                boolean opened = job.state() == JobState.OPENED;
                stats.add(new JobStats(
                        id,
                        new DataCounts(id),
                        new ModelSizeStats.Builder(id).build(),
                        new ForecastStats(),
                        job.state(),
                        opened ? clusterService.localNode() : null,
                        opened ? "" : null,
                        opened ? TimeValue.timeValueMillis(System.currentTimeMillis() - job.openedAtMillis()) : null,
                        new TimingStats(id)));
            }
            listener.onResponse(new GetJobsStatsAction.Response(new QueryPage<>(stats, stats.size(), Job.RESULTS_FIELD)));
        }
    }

    /** {@code PUT /_ml/datafeeds/{datafeed_id}}: the job must exist and have no other datafeed. */
    public static final class PutDatafeed extends EmulatedTransportAction<PutDatafeedAction.Request, PutDatafeedAction.Response> {

        @Inject
        public PutDatafeed(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(PutDatafeedAction.NAME, transportService, actionFilters, PutDatafeedAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, PutDatafeedAction.Request request, ActionListener<PutDatafeedAction.Response> listener) {
            DatafeedConfig datafeed = request.getDatafeed();
            String id = datafeed.getId();
            emulation.update("put-datafeed-" + id, (current, state) -> {
                if (current.datafeeds().containsKey(id)) {
                    throw new ResourceAlreadyExistsException(Messages.getMessage(Messages.DATAFEED_ID_ALREADY_TAKEN, id));
                }
                requireJob(current, datafeed.getJobId());
                Datafeed existing = datafeedOfJob(current, datafeed.getJobId());
                if (existing != null) {
                    throw ExceptionsHelper.conflictStatusException(
                            "A datafeed [" + existing.config().getId() + "] already exists for job [" + datafeed.getJobId() + "]");
                }
                return current.withDatafeed(id, new Datafeed(datafeed, DatafeedState.STOPPED));
            }, listener.map(ignored -> new PutDatafeedAction.Response(datafeed)));
        }
    }

    /** {@code GET /_ml/datafeeds[/{datafeed_id}]}. */
    public static final class GetDatafeeds extends EmulatedTransportAction<GetDatafeedsAction.Request, GetDatafeedsAction.Response> {

        @Inject
        public GetDatafeeds(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(GetDatafeedsAction.NAME, transportService, actionFilters, GetDatafeedsAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, GetDatafeedsAction.Request request, ActionListener<GetDatafeedsAction.Response> listener) {
            Map<String, Datafeed> datafeeds = emulation.current().datafeeds();
            List<String> ids = ResourceIds.expand(
                    request.getDatafeedId(), datafeeds.keySet(), request.allowNoMatch(),
                    ExceptionsHelper::missingDatafeedException);
            List<DatafeedConfig> configs = ids.stream().map(id -> datafeeds.get(id).config()).toList();
            listener.onResponse(new GetDatafeedsAction.Response(
                    new QueryPage<>(configs, configs.size(), DatafeedConfig.RESULTS_FIELD)));
        }
    }

    /**
     * {@code POST /_ml/datafeeds/{datafeed_id}/_start}: requires an opened job, reads the remote
     * indices of the datafeed through their aliases, then marks the datafeed started.
     */
    public static final class StartDatafeed extends EmulatedTransportAction<StartDatafeedAction.Request, NodeAcknowledgedResponse> {

        private final Client client;
        private final ClusterService clusterService;

        @Inject
        public StartDatafeed(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                Client client,
                ClusterService clusterService) {
            super(StartDatafeedAction.NAME, transportService, actionFilters, StartDatafeedAction.Request::new, emulation);
            this.client = client;
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(Task task, StartDatafeedAction.Request request, ActionListener<NodeAcknowledgedResponse> listener) {
            String id = request.getParams().getDatafeedId();
            Datafeed datafeed;
            try {
                datafeed = checkStartable(emulation.current(), id);
            } catch (RuntimeException e) {
                listener.onFailure(e);
                return;
            }
            String nodeId = clusterService.localNode().getId();
            EmulationStateService.readRemoteSources(client, datafeed.config().getIndices(), listener.delegateFailureAndWrap(
                    (l, ignored) -> emulation.update("start-datafeed-" + id, (current, state) -> {
                        Datafeed latest = checkStartable(current, id);
                        return current.withDatafeed(id, new Datafeed(latest.config(), DatafeedState.STARTED));
                    }, l.map(unused -> new NodeAcknowledgedResponse(true, nodeId)))));
        }

        private static Datafeed checkStartable(EmulationMetadata current, String id) {
            Datafeed datafeed = requireDatafeed(current, id);
            String jobId = datafeed.config().getJobId();
            JobState jobState = requireJob(current, jobId).state();
            if (jobState != JobState.OPENED) {
                throw ExceptionsHelper.conflictStatusException(
                        "cannot start datafeed [" + id + "] because job [" + jobId + "] is " + jobState);
            }
            if (datafeed.state() == DatafeedState.STARTED) {
                throw new ElasticsearchStatusException(
                        "cannot start datafeed [" + id + "] because it has already been started",
                        org.elasticsearch.rest.RestStatus.CONFLICT);
            }
            return datafeed;
        }
    }

    /** {@code POST /_ml/datafeeds/{datafeed_id}/_stop}: stopping a stopped datafeed is acknowledged. */
    public static final class StopDatafeed extends EmulatedTransportAction<StopDatafeedAction.Request, StopDatafeedAction.Response> {

        @Inject
        public StopDatafeed(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(StopDatafeedAction.NAME, transportService, actionFilters, StopDatafeedAction.Request::new, emulation);
        }

        @Override
        protected void doExecute(
                Task task, StopDatafeedAction.Request request, ActionListener<StopDatafeedAction.Response> listener) {
            emulation.update("stop-datafeed-" + request.getDatafeedId(), (current, state) -> {
                List<String> ids = ResourceIds.expand(
                        request.getDatafeedId(), current.datafeeds().keySet(), request.allowNoMatch(),
                        ExceptionsHelper::missingDatafeedException);
                EmulationMetadata changed = current;
                for (String id : ids) {
                    changed = changed.withDatafeed(
                            id, new Datafeed(current.datafeeds().get(id).config(), DatafeedState.STOPPED));
                }
                return changed;
            }, listener.map(ignored -> new StopDatafeedAction.Response(true)));
        }
    }

    /** {@code GET /_ml/datafeeds/{datafeed_id}/_stats}. */
    public static final class DatafeedsStats
            extends EmulatedTransportAction<GetDatafeedsStatsAction.Request, GetDatafeedsStatsAction.Response> {

        private final ClusterService clusterService;

        @Inject
        public DatafeedsStats(
                TransportService transportService,
                ActionFilters actionFilters,
                EmulationStateService emulation,
                ClusterService clusterService) {
            super(GetDatafeedsStatsAction.NAME, transportService, actionFilters, GetDatafeedsStatsAction.Request::new, emulation);
            this.clusterService = clusterService;
        }

        @Override
        protected void doExecute(
                Task task, GetDatafeedsStatsAction.Request request, ActionListener<GetDatafeedsStatsAction.Response> listener) {
            Map<String, Datafeed> datafeeds = emulation.current().datafeeds();
            List<String> ids = ResourceIds.expand(
                    request.getDatafeedId(), datafeeds.keySet(), request.allowNoMatch(),
                    ExceptionsHelper::missingDatafeedException);
            List<DatafeedStats> stats = new ArrayList<>();
            for (String id : ids) {
                Datafeed datafeed = datafeeds.get(id);
                boolean started = datafeed.state() == DatafeedState.STARTED;
                stats.add(new DatafeedStats(
                        id,
                        datafeed.state(),
                        started ? clusterService.localNode() : null,
                        started ? "" : null,
                        new DatafeedTimingStats(datafeed.config().getJobId()),
                        null));
            }
            listener.onResponse(new GetDatafeedsStatsAction.Response(
                    new QueryPage<>(stats, stats.size(), DatafeedConfig.RESULTS_FIELD)));
        }
    }
}
