package io.jenkins.plugins.esremote.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.cluster.remote_info.ClusterRemoteInfo;
import co.elastic.clients.elasticsearch.core.SearchResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EsClustersExtension.class)
class LegacyAliasTest {

    @Test
    void aliasConnectsWithCertificates(EsClusters clusters) throws Exception {
        Map<String, ClusterRemoteInfo> remotes = clusters.local().client().cluster().remoteInfo().result();

        ClusterRemoteInfo alias = remotes.get(clusters.alias());
        assertTrue(alias.isSniff(), "alias mode: " + alias._kind());
        assertTrue(alias.sniff().connected(), "alias connected");
        assertEquals(clusters.remote().transportAddress(), alias.sniff().seeds().get(0));
    }

    @Test
    void remoteInfoHasNoClusterCredentials(EsClusters clusters) {
        String body = clusters.local().perform(new org.elasticsearch.client.Request("GET", "/_remote/info"));

        assertFalse(body.contains("cluster_credentials"), body);
    }

    @Test
    void crossClusterSearchFindsRemoteDocument(EsClusters clusters) throws Exception {
        ElasticsearchClient remote = clusters.remote().client();
        remote.index(i -> i.index("logs-remote").id("1").document(Map.of("message", "from the remote")).refresh(Refresh.True));

        SearchResponse<Map> response = clusters.local().client().search(
            s -> s.index(clusters.alias() + ":logs-remote"), Map.class);

        assertEquals(1, response.hits().hits().size());
        assertEquals("from the remote", response.hits().hits().get(0).source().get("message"));
        assertEquals(clusters.alias() + ":logs-remote", response.hits().hits().get(0).index());
    }

    @Test
    void resetDeletesTestIndices(EsClusters clusters) throws Exception {
        clusters.remote().client().indices().create(c -> c.index("scratch"));

        clusters.reset();

        assertFalse(clusters.remote().client().indices().exists(e -> e.index("scratch")).value());
        assertNull(null);
    }
}
