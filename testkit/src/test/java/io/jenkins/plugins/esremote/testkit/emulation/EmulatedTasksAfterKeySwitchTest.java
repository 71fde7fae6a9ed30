package io.jenkins.plugins.esremote.testkit.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.ccr.follow_info.FollowerIndexStatus;
import co.elastic.clients.elasticsearch.cluster.remote_info.ClusterRemoteInfo;
import co.elastic.clients.elasticsearch.ml.DatafeedState;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Emulated tasks paused under certificate trust and resumed after the alias {@code leader} moved
 * to a cross-cluster API key, which is what the migration does between its pause and resume
 * phases. The remote reads then go through the key, so its {@code access} decides what resumes.
 */
@ExtendWith(EsClustersExtension.class)
class EmulatedTasksAfterKeySwitchTest {

    private static final String LEADER_INDEX = "logs-leader";
    private static final String FOLLOWER_INDEX = "logs-follower";
    private static final String JOB = "remote-logs";
    private static final String DATAFEED = "datafeed-remote-logs";
    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;

    private EsClusters clusters;
    private ElasticsearchClient local;

    @BeforeEach
    void createAndPauseTasks(EsClusters clusters) throws Exception {
        this.clusters = clusters;
        this.local = clusters.local().client();
        String remoteIndex = clusters.alias() + ":" + LEADER_INDEX;
        clusters.remote().client().index(i -> i
                .index(LEADER_INDEX)
                .id("1")
                .document(Map.of("message", "from the leader", "@timestamp", "2026-01-01T00:00:00Z"))
                .refresh(Refresh.True));

        local.ccr().follow(f -> f.index(FOLLOWER_INDEX).remoteCluster(clusters.alias()).leaderIndex(LEADER_INDEX));
        local.transform().putTransform(p -> p
                .transformId("latest-logs")
                .source(s -> s.index(remoteIndex))
                .dest(d -> d.index("latest-logs"))
                .latest(l -> l.uniqueKey("message.keyword").sort("@timestamp")));
        local.ml().putJob(j -> j
                .jobId(JOB)
                .analysisConfig(a -> a.bucketSpan(b -> b.time("15m")).detectors(d -> d.function("count")))
                .dataDescription(d -> d.timeField("@timestamp")));
        local.ml().putDatafeed(d -> d.datafeedId(DATAFEED).jobId(JOB).indices(remoteIndex));
        local.ml().openJob(o -> o.jobId(JOB));

        local.ccr().pauseFollow(p -> p.index(FOLLOWER_INDEX));
    }

    @Test
    void tasksResumeWithSearchAndReplicationKey() throws Exception {
        switchAlias("{\"search\":[{\"names\":[\"logs-*\"]}],\"replication\":[{\"names\":[\"logs-*\"]}]}");

        local.ccr().resumeFollow(r -> r.index(FOLLOWER_INDEX));
        local.transform().startTransform(s -> s.transformId("latest-logs"));
        local.ml().startDatafeed(s -> s.datafeedId(DATAFEED));

        assertEquals(FollowerIndexStatus.Active, followerStatus());
        assertEquals("started", local.transform().getTransformStats(s -> s.transformId("latest-logs")).transforms().get(0).state());
        assertEquals(DatafeedState.Started, local.ml().getDatafeedStats(s -> s.datafeedId(DATAFEED)).datafeeds().get(0).state());
    }

    @Test
    void followerStaysPausedWithSearchOnlyKey() throws Exception {
        switchAlias("{\"search\":[{\"names\":[\"logs-*\"]}]}");

        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> local.ccr().resumeFollow(r -> r.index(FOLLOWER_INDEX)));
        local.transform().startTransform(s -> s.transformId("latest-logs"));

        assertEquals(403, error.status());
        assertEquals("security_exception", error.error().type());
        assertEquals(FollowerIndexStatus.Paused, followerStatus());
        assertEquals("started", local.transform().getTransformStats(s -> s.transformId("latest-logs")).transforms().get(0).state());
    }

    @Test
    void transformStaysStoppedOutsideKeyAccess() throws Exception {
        switchAlias("{\"search\":[{\"names\":[\"metrics-*\"]}],\"replication\":[{\"names\":[\"logs-*\"]}]}");

        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> local.transform().startTransform(s -> s.transformId("latest-logs")));
        local.ccr().resumeFollow(r -> r.index(FOLLOWER_INDEX));

        assertEquals(403, error.status());
        assertEquals("security_exception", error.error().type());
        assertEquals(FollowerIndexStatus.Active, followerStatus());
    }

    /** Writes the key into the local keystore, reloads secure settings and re-points the alias at the remote cluster port. */
    private void switchAlias(String accessJson) throws Exception {
        String encoded = clusters.remote().createCrossClusterApiKey("emulation-" + System.nanoTime(), accessJson);
        String prefix = "cluster.remote." + clusters.alias();
        clusters.local().addSecureSetting(prefix + ".credentials", encoded.toCharArray());
        clusters.local().reloadSecureSettings();
        Request repoint = new Request("PUT", "/_cluster/settings");
        repoint.setJsonEntity("{\"persistent\":{\"" + prefix + ".mode\":\"proxy\",\"" + prefix + ".seeds\":null,\""
                + prefix + ".proxy_address\":\"" + clusters.remote().remoteClusterAddress() + "\"}}");
        clusters.local().restClient().performRequest(repoint);
        awaitConnected();
    }

    private void awaitConnected() throws Exception {
        long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MILLIS;
        while (true) {
            ClusterRemoteInfo alias = local.cluster().remoteInfo().result().get(clusters.alias());
            if (alias.isProxy() && alias.proxy().connected()) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, "alias not connected through the key: " + alias);
            Thread.sleep(50);
        }
    }

    private FollowerIndexStatus followerStatus() throws Exception {
        return local.ccr().followInfo(i -> i.index(FOLLOWER_INDEX)).followerIndices().get(0).status();
    }
}
