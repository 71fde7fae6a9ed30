package io.jenkins.plugins.esremote.testkit.emulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.transform.get_transform.TransformSummary;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.util.List;
import java.util.Map;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulated transform APIs on the local cluster, with sources on the remote behind the alias {@code leader}. */
@ExtendWith(EsClustersExtension.class)
class EmulatedTransformTest {

    private static final String SOURCE_INDEX = "logs-source";

    private EsClusters clusters;
    private ElasticsearchClient local;

    @BeforeEach
    void createSourceIndex(EsClusters clusters) throws Exception {
        this.clusters = clusters;
        this.local = clusters.local().client();
        clusters.remote().client().index(i -> i
                .index(SOURCE_INDEX)
                .id("1")
                .document(Map.of("message", "from the remote", "@timestamp", "2026-01-01T00:00:00Z"))
                .refresh(Refresh.True));
    }

    @Test
    void transformStartsStopsAndStartsAgain() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);

        String created = state("latest-logs");
        local.transform().startTransform(s -> s.transformId("latest-logs"));
        String started = state("latest-logs");
        local.transform().stopTransform(s -> s.transformId("latest-logs"));
        String stopped = state("latest-logs");
        local.transform().startTransform(s -> s.transformId("latest-logs"));

        assertEquals("stopped", created);
        assertEquals("started", started);
        assertEquals("stopped", stopped);
        assertEquals("started", state("latest-logs"));
    }

    @Test
    void getTransformReturnsRemoteSource() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);

        List<TransformSummary> transforms = local.transform().getTransform(g -> g.transformId("latest-logs")).transforms();

        assertEquals(1, transforms.size());
        assertEquals(List.of(clusters.alias() + ":" + SOURCE_INDEX), transforms.get(0).source().index());
    }

    @Test
    void startOfStartedTransformConflicts() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);
        local.transform().startTransform(s -> s.transformId("latest-logs"));

        // The typed client leaves a 409 to the low-level client, which raises ResponseException.
        ResponseException error = assertThrows(
                ResponseException.class, () -> local.transform().startTransform(s -> s.transformId("latest-logs")));
        String body = EntityUtils.toString(error.getResponse().getEntity());

        assertEquals(409, error.getResponse().getStatusLine().getStatusCode());
        assertTrue(body.contains("Cannot start transform [latest-logs] as it is already started."), body);
    }

    @Test
    void stopOfStoppedTransformIsAcknowledged() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);

        boolean acknowledged = local.transform().stopTransform(s -> s.transformId("latest-logs")).acknowledged();

        assertTrue(acknowledged);
        assertEquals("stopped", state("latest-logs"));
    }

    @Test
    void startWithUnknownAliasFails() throws Exception {
        putTransform("elsewhere", "nowhere:" + SOURCE_INDEX);

        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> local.transform().startTransform(s -> s.transformId("elsewhere")));

        assertEquals("no_such_remote_cluster_exception", error.error().type());
        assertEquals("stopped", state("elsewhere"));
    }

    @Test
    void startWithoutRemoteReadPrivilegeIsForbidden() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);
        clusters.local().putRole("transform_operator", "{\"cluster\":[\"manage_transform\"]}");
        clusters.local().createUser("transformer", "transformer-password", "transform_operator");
        ElasticsearchClient transformer = clusters.local().client("transformer", "transformer-password");

        // Under certificate trust the remote resolves role names against its own roles and has none of that name.
        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> transformer.transform().startTransform(s -> s.transformId("latest-logs")));

        assertEquals(403, error.status());
        assertEquals("security_exception", error.error().type());
        assertTrue(error.error().reason().contains("indices:data/read/search"), error.error().reason());
        assertEquals("stopped", state("latest-logs"));
    }

    @Test
    void stopWithoutManageTransformIsForbidden() throws Exception {
        putTransform("latest-logs", clusters.alias() + ":" + SOURCE_INDEX);
        local.transform().startTransform(s -> s.transformId("latest-logs"));
        clusters.local().putRole("transform_monitor", "{\"cluster\":[\"monitor_transform\"]}");
        clusters.local().createUser("viewer", "viewer-password", "transform_monitor");
        ElasticsearchClient viewer = clusters.local().client("viewer", "viewer-password");

        String visibleState = viewer.transform().getTransformStats(s -> s.transformId("latest-logs"))
                .transforms().get(0).state();
        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> viewer.transform().stopTransform(s -> s.transformId("latest-logs")));

        assertEquals("started", visibleState);
        assertEquals(403, error.status());
        assertEquals("security_exception", error.error().type());
        assertTrue(error.error().reason().contains("cluster:admin/transform/stop"), error.error().reason());
        assertEquals("started", state("latest-logs"));
    }

    @Test
    void missingTransformIsNotFound() {
        ElasticsearchException error = assertThrows(
                ElasticsearchException.class, () -> local.transform().startTransform(s -> s.transformId("absent")));

        assertEquals(404, error.status());
        assertEquals("Transform with id [absent] could not be found", error.error().reason());
    }

    private void putTransform(String id, String sourceIndex) throws Exception {
        local.transform().putTransform(p -> p
                .transformId(id)
                .source(s -> s.index(sourceIndex))
                .dest(d -> d.index(id + "-dest"))
                .latest(l -> l.uniqueKey("message.keyword").sort("@timestamp")));
    }

    private String state(String id) throws Exception {
        return local.transform().getTransformStats(s -> s.transformId(id)).transforms().get(0).state();
    }
}
