package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that stops responding in the middle of a phase, served from recorded responses over
 * loopback. The journal must then contain enough to undo whatever the request may have changed.
 */
class MidPhaseFailureTest {

    private static final String PATTERNS = "{\"patterns\":[{\"name\":\"logs\",\"pattern\":{\"active\":true,"
            + "\"remote_cluster\":\"leader\",\"leader_index_patterns\":[\"logs-*\"],"
            + "\"leader_index_exclusion_patterns\":[],\"follow_index_pattern\":\"{{leader_index}}\","
            + "\"max_outstanding_read_requests\":12,\"max_outstanding_write_requests\":9,"
            + "\"max_read_request_operation_count\":5120,\"max_write_request_operation_count\":5120,"
            + "\"max_write_buffer_count\":2147483647}}]}";

    @TempDir
    Path journals;

    @Test
    void pauseTimeoutJournalsTaskAsPaused() throws Exception {
        try (SlowCluster cluster = new SlowCluster()) {
            cluster.respond("GET /_ccr/auto_follow", 200, PATTERNS, 0);
            cluster.respond("POST /_ccr/auto_follow/logs/pause", 200, "{\"acknowledged\":true}", 2_000);

            try (Migration migration = Migration.open(cluster.connection(Duration.ofMillis(500)), null,
                    "leader", new FileJournalStore(journals), MigrationListener.NONE)) {
                assertThrows(MigrationException.class, migration::pauseTasks);

                List<?> tasks = (List<?>) migration.journal().get("tasks");
                assertEquals(1, tasks.size(), tasks.toString());
                assertEquals(Boolean.TRUE, ((Map<?, ?>) tasks.get(0)).get("paused"), tasks.toString());
            }
        }
    }

    @Test
    void pauseRejectedLeavesTaskUnpaused() throws Exception {
        try (SlowCluster cluster = new SlowCluster()) {
            cluster.respond("GET /_ccr/auto_follow", 200, PATTERNS, 0);
            cluster.respond("POST /_ccr/auto_follow/logs/pause", 403, "{\"error\":{\"type\":"
                    + "\"security_exception\",\"reason\":\"action [cluster:admin/xpack/ccr/auto_follow_pattern/"
                    + "activate] is unauthorized\"},\"status\":403}", 0);

            try (Migration migration = Migration.open(cluster.connection(Duration.ofSeconds(10)), null,
                    "leader", new FileJournalStore(journals), MigrationListener.NONE)) {
                MigrationException error = assertThrows(MigrationException.class, migration::pauseTasks);

                assertEquals("security_exception", error.errorType(), error.getMessage());
                List<?> tasks = (List<?>) migration.journal().get("tasks");
                assertEquals(Boolean.FALSE, ((Map<?, ?>) tasks.get(0)).get("paused"), tasks.toString());
            }
        }
    }

    /** Serves the recorded 8.12 local cluster, with chosen responses and delays on top. */
    private static final class SlowCluster implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, Object[]> responses = new ConcurrentHashMap<>();

        SlowCluster() throws IOException {
            respond("GET /_nodes/_all/process", 200, recorded("local-nodes-8.12.json"), 0);
            respond("GET /_cluster/state/metadata", 200, recorded("local-cluster-state.json"), 0);
            respond("GET /_all/_ccr/info", 200, recorded("local-ccr-info.json"), 0);
            respond("GET /_transform/_all", 200, recorded("local-transforms.json"), 0);
            respond("GET /_ml/datafeeds", 200, recorded("local-datafeeds.json"), 0);
            respond("GET /_ml/anomaly_detectors", 200, "{\"count\":0,\"jobs\":[]}", 0);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                Object[] response = responses.getOrDefault(key, new Object[] {404,
                    "{\"error\":{\"type\":\"resource_not_found_exception\",\"reason\":\"" + key + "\"},\"status\":404}",
                    0L});
                try {
                    Thread.sleep((Long) response[2]);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = ((String) response[1]).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
                try {
                    exchange.sendResponseHeaders((Integer) response[0], body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (IOException clientGone) {
                    // The client timed out first, which is what the slow responses are for.
                }
            });
            server.start();
        }

        void respond(String request, int status, String body, long delayMillis) {
            responses.put(request, new Object[] {status, body, delayMillis});
        }

        ClusterConnection connection(Duration socketTimeout) {
            return ClusterConnection.builder("local")
                    .url("http://127.0.0.1:" + server.getAddress().getPort())
                    .authentication(Authentication.basic("elastic", "recorded".toCharArray()))
                    .socketTimeout(socketTimeout)
                    .build();
        }

        private static String recorded(String file) {
            try (InputStream in = MidPhaseFailureTest.class.getResourceAsStream("/recorded/" + file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
