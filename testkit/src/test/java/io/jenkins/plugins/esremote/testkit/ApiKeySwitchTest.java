package io.jenkins.plugins.esremote.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;

import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

/** The certificate-to-API-key switch done by hand, the way the migration engine does it. */
@ExtendWith(EsClustersExtension.class)
class ApiKeySwitchTest {

    private static final String ACCESS = "{\"search\":[{\"names\":[\"logs-*\"]}]}";

    @Test
    void switchByHand(EsClusters clusters) throws Exception {
        // Given documents inside and outside the access of a cross-cluster key on the remote
        ElasticsearchClient remote = clusters.remote().client();
        remote.index(i -> i.index("logs-remote").id("1").document(Map.of("message", "shared")).refresh(Refresh.True));
        remote.index(i -> i.index("private-remote").id("1").document(Map.of("message", "hidden")).refresh(Refresh.True));
        String encoded = clusters.remote().createCrossClusterApiKey("switch-test", ACCESS);

        // When the key goes into the local keystore, secure settings are reloaded and the alias
        // is re-pointed at the remote cluster port
        switchAlias(clusters, encoded);

        // Then the alias uses the key, and searches see only what the key grants
        JsonNode alias = remoteInfo(clusters);
        assertTrue(alias.path("connected").asBoolean(), alias.toString());
        assertEquals("proxy", alias.path("mode").asText());
        assertEquals("::es_redacted::", alias.path("cluster_credentials").asText());

        SearchResponse<Map> inside = clusters.local().client().search(s -> s.index(clusters.alias() + ":logs-remote"), Map.class);
        assertEquals(1, inside.hits().hits().size());
        assertEquals("shared", inside.hits().hits().get(0).source().get("message"));

        SearchResponse<Map> outside = clusters.local().client().search(
            s -> s.index(clusters.alias() + ":private-*").ignoreUnavailable(true), Map.class);
        assertEquals(0, outside.hits().hits().size());
    }

    @Test
    void resetRestoresCertificateAlias(EsClusters clusters) {
        String encoded = clusters.remote().createCrossClusterApiKey("reset-test", ACCESS);
        switchAlias(clusters, encoded);

        clusters.reset();

        JsonNode alias = remoteInfo(clusters);
        assertEquals("sniff", alias.path("mode").asText());
        assertTrue(alias.path("connected").asBoolean(), alias.toString());
        assertFalse(alias.has("cluster_credentials"), alias.toString());
        assertFalse(clusters.local().listSecureSettings().contains(credentialsSetting(clusters)));
    }

    private static void switchAlias(EsClusters clusters, String encodedKey) {
        clusters.local().addSecureSetting(credentialsSetting(clusters), encodedKey.toCharArray());
        clusters.local().reloadSecureSettings();
        String prefix = "cluster.remote." + clusters.alias();
        Request repoint = new Request("PUT", "/_cluster/settings");
        repoint.setJsonEntity("{\"persistent\":{\"" + prefix + ".mode\":\"proxy\",\"" + prefix + ".seeds\":null,\""
            + prefix + ".proxy_address\":\"" + clusters.remote().remoteClusterAddress() + "\"}}");
        clusters.local().perform(repoint);
        clusters.awaitAliasConnected();
    }

    private static String credentialsSetting(EsClusters clusters) {
        return "cluster.remote." + clusters.alias() + ".credentials";
    }

    private static JsonNode remoteInfo(EsClusters clusters) {
        return EsClusters.json(clusters.local().perform(new Request("GET", "/_remote/info"))).path(clusters.alias());
    }
}
