package io.jenkins.plugins.esremote.testkit.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.ml.DatafeedState;
import co.elastic.clients.elasticsearch.ml.JobState;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulated anomaly detection APIs on the local cluster: a job and its datafeed reading the
 * remote index behind the alias {@code leader}.
 */
@ExtendWith(EsClustersExtension.class)
class EmulatedMlTest {

    private static final String SOURCE_INDEX = "metrics-source";
    private static final String JOB = "remote-metrics";
    private static final String DATAFEED = "datafeed-remote-metrics";

    private EsClusters clusters;
    private ElasticsearchClient local;

    @BeforeEach
    void createJobAndDatafeed(EsClusters clusters) throws Exception {
        this.clusters = clusters;
        this.local = clusters.local().client();
        clusters.remote().client().index(i -> i
                .index(SOURCE_INDEX)
                .id("1")
                .document(Map.of("value", 1, "@timestamp", "2026-01-01T00:00:00Z"))
                .refresh(Refresh.True));
        local.ml().putJob(j -> j
                .jobId(JOB)
                .analysisConfig(a -> a.bucketSpan(b -> b.time("15m")).detectors(d -> d.function("count")))
                .dataDescription(d -> d.timeField("@timestamp")));
        local.ml().putDatafeed(d -> d.datafeedId(DATAFEED).jobId(JOB).indices(clusters.alias() + ":" + SOURCE_INDEX));
    }

    @Test
    void datafeedStartsStopsAndStartsAgain() throws Exception {
        local.ml().openJob(o -> o.jobId(JOB));

        boolean started = local.ml().startDatafeed(s -> s.datafeedId(DATAFEED)).started();
        DatafeedState running = datafeedState();
        boolean stopped = local.ml().stopDatafeed(s -> s.datafeedId(DATAFEED)).stopped();
        DatafeedState halted = datafeedState();
        local.ml().startDatafeed(s -> s.datafeedId(DATAFEED));

        assertTrue(started);
        assertEquals(DatafeedState.Started, running);
        assertTrue(stopped);
        assertEquals(DatafeedState.Stopped, halted);
        assertEquals(DatafeedState.Started, datafeedState());
    }

    @Test
    void jobOpensAndCloses() throws Exception {
        JobState created = jobState();
        boolean opened = local.ml().openJob(o -> o.jobId(JOB)).opened();
        JobState open = jobState();
        boolean closed = local.ml().closeJob(c -> c.jobId(JOB)).closed();

        assertEquals(JobState.Closed, created);
        assertTrue(opened);
        assertEquals(JobState.Opened, open);
        assertTrue(closed);
        assertEquals(JobState.Closed, jobState());
    }

    @Test
    void getJobsAndDatafeedsReadBack() throws Exception {
        var jobs = local.ml().getJobs(g -> g.jobId(JOB)).jobs();
        var datafeeds = local.ml().getDatafeeds(g -> g.datafeedId(DATAFEED)).datafeeds();

        assertEquals(1, jobs.size());
        assertEquals(JOB, jobs.get(0).jobId());
        assertEquals(1, datafeeds.size());
        assertEquals(List.of(clusters.alias() + ":" + SOURCE_INDEX), datafeeds.get(0).indices());
        assertEquals(JOB, datafeeds.get(0).jobId());
    }

    @Test
    void datafeedNeedsOpenedJob() throws Exception {
        // The typed client leaves a 409 to the low-level client, which raises ResponseException.
        ResponseException error = assertThrows(
                ResponseException.class, () -> local.ml().startDatafeed(s -> s.datafeedId(DATAFEED)));

        assertEquals(409, error.getResponse().getStatusLine().getStatusCode());
        assertReason("cannot start datafeed [" + DATAFEED + "] because job [" + JOB + "] is closed", error);
    }

    @Test
    void jobWithStartedDatafeedClosesOnlyForced() throws Exception {
        local.ml().openJob(o -> o.jobId(JOB));
        local.ml().startDatafeed(s -> s.datafeedId(DATAFEED));

        ResponseException error = assertThrows(ResponseException.class, () -> local.ml().closeJob(c -> c.jobId(JOB)));
        JobState stillOpen = jobState();
        local.ml().closeJob(c -> c.jobId(JOB).force(true));

        assertEquals(409, error.getResponse().getStatusLine().getStatusCode());
        assertReason("cannot close job [" + JOB + "], datafeed hasn't been stopped", error);
        assertEquals(JobState.Opened, stillOpen);
        assertEquals(JobState.Closed, jobState());
        assertEquals(DatafeedState.Stopped, datafeedState());
    }

    @Test
    void concurrentStartsLeaveOneStarted() throws Exception {
        local.ml().openJob(o -> o.jobId(JOB));
        CountDownLatch go = new CountDownLatch(1);
        Callable<Boolean> start = () -> {
            go.await();
            try {
                return local.ml().startDatafeed(s -> s.datafeedId(DATAFEED)).started();
            } catch (ResponseException e) {
                assertEquals(409, e.getResponse().getStatusLine().getStatusCode());
                return false;
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Boolean> outcomes = new ArrayList<>();

        try {
            List<Future<Boolean>> futures = List.of(pool.submit(start), pool.submit(start));
            go.countDown();
            for (Future<Boolean> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, outcomes.stream().filter(Boolean::booleanValue).count(), "started: " + outcomes);
        assertEquals(DatafeedState.Started, datafeedState());
    }

    @Test
    void datafeedWithUnknownAliasFails() throws Exception {
        local.ml().putJob(j -> j
                .jobId("elsewhere")
                .analysisConfig(a -> a.bucketSpan(b -> b.time("15m")).detectors(d -> d.function("count")))
                .dataDescription(d -> d.timeField("@timestamp")));
        local.ml().putDatafeed(d -> d.datafeedId("datafeed-elsewhere").jobId("elsewhere").indices("nowhere:" + SOURCE_INDEX));
        local.ml().openJob(o -> o.jobId("elsewhere"));

        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> local.ml().startDatafeed(s -> s.datafeedId("datafeed-elsewhere")));

        assertEquals("no_such_remote_cluster_exception", error.error().type());
    }

    @Test
    void stopWithoutManageMlIsForbidden() throws Exception {
        local.ml().openJob(o -> o.jobId(JOB));
        local.ml().startDatafeed(s -> s.datafeedId(DATAFEED));
        clusters.local().putRole("ml_monitor", "{\"cluster\":[\"monitor_ml\"]}");
        clusters.local().createUser("analyst", "analyst-password", "ml_monitor");
        ElasticsearchClient analyst = clusters.local().client("analyst", "analyst-password");

        DatafeedState visible = analyst.ml().getDatafeedStats(s -> s.datafeedId(DATAFEED)).datafeeds().get(0).state();
        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> analyst.ml().stopDatafeed(s -> s.datafeedId(DATAFEED)));

        assertEquals(DatafeedState.Started, visible);
        assertEquals(403, error.status());
        assertEquals("security_exception", error.error().type());
        assertTrue(error.error().reason().contains("cluster:admin/xpack/ml/datafeed/stop"), error.error().reason());
        assertEquals(DatafeedState.Started, datafeedState());
    }

    private static void assertReason(String expected, ResponseException error) throws Exception {
        String body = EntityUtils.toString(error.getResponse().getEntity());
        assertTrue(body.contains("\"reason\":\"" + expected + "\""), body);
    }

    private JobState jobState() throws Exception {
        return local.ml().getJobStats(s -> s.jobId(JOB)).jobs().get(0).state();
    }

    private DatafeedState datafeedState() throws Exception {
        return local.ml().getDatafeedStats(s -> s.datafeedId(DATAFEED)).datafeeds().get(0).state();
    }
}
