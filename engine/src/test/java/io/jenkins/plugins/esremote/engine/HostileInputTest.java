package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or malformed input to the public API: secrets in echoes, odd URLs, broken journals. */
class HostileInputTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path journals;

    @Test
    void urlErrorsHideUserInformation() {
        for (String url : new String[] {
            "ftp://elastic:" + PASSWORD + "@es1:9200",
            "https://elastic:" + PASSWORD + "@es 1:9200",
            "https://elastic:" + PASSWORD + "@/path"
        }) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ClusterConnection.builder("prod").url(url));

            assertFalse(error.getMessage().contains(PASSWORD), error.getMessage());
        }
    }

    @Test
    void urlWithPathRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").url("https://es1:9200/proxy"));

        assertTrue(error.getMessage().contains("'https://es1:9200/proxy'"), error.getMessage());
        assertTrue(error.getMessage().contains("path"), error.getMessage());
    }

    @Test
    void urlWithQueryRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").url("https://es1:9200?pretty"));

        assertTrue(error.getMessage().contains("'https://es1:9200?pretty'"), error.getMessage());
    }

    @Test
    void rootPathAccepted() {
        ClusterConnection connection = ClusterConnection.builder("prod")
                .url("https://es1:9200/")
                .authentication(Authentication.apiKey("abcd".toCharArray()))
                .build();

        assertEquals(1, connection.urls().size());
    }

    @Test
    void duplicateUrlRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").url("https://es1:9200").url("HTTPS://es1:9200"));

        assertTrue(error.getMessage().contains("twice"), error.getMessage());
    }

    @Test
    void hugeTimeoutRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterConnection.builder("prod").socketTimeout(Duration.ofSeconds(4_294_968L)));

        assertTrue(error.getMessage().contains("PT1193H2M48S"), error.getMessage());
    }

    @Test
    void echoedBasicHeaderScrubbed() throws Exception {
        try (EchoServer server = new EchoServer(401)) {
            ClusterConnection connection = ClusterConnection.builder("local")
                    .url(server.url())
                    .authentication(Authentication.basic("elastic", PASSWORD.toCharArray()))
                    .build();

            MigrationException error = assertThrows(MigrationException.class,
                    () -> Migration.open(connection, null, "leader", new FileJournalStore(journals), null));

            String header = Base64.getEncoder().encodeToString(
                    ("elastic:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertFalse(error.getMessage().contains(header), error.getMessage());
        }
    }

    @Test
    void echoedApiKeyScrubbed() throws Exception {
        String key = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
        try (EchoServer server = new EchoServer(500)) {
            ClusterConnection connection = ClusterConnection.builder("local")
                    .url(server.url())
                    .authentication(Authentication.apiKey(key.toCharArray()))
                    .build();

            MigrationException error = assertThrows(MigrationException.class,
                    () -> Migration.open(connection, null, "leader", new FileJournalStore(journals), null));

            assertFalse(error.getMessage().contains(key), error.getMessage());
        }
    }

    @Test
    void secondOpenOnSameJournalRejected() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812();
                Migration first = open(local)) {
            MigrationException error = assertThrows(MigrationException.class, () -> open(local));

            assertTrue(error.getMessage().contains("in use"), error.getMessage());
        }
    }

    @Test
    void journalFreeAfterClose() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()) {
            open(local).close();

            try (Migration again = open(local)) {
                assertEquals("leader", again.journalKey().alias());
            }
        }
    }

    @Test
    void unusableJournalDirectoryNamed() throws Exception {
        Path notADirectory = Files.writeString(journals.resolve("plain-file"), "");
        try (RecordedCluster local = RecordedCluster.local812()) {
            MigrationException error = assertThrows(MigrationException.class, () -> Migration.open(
                    local.connection("local"), null, "leader", new FileJournalStore(notADirectory.resolve("journals")),
                    MigrationListener.NONE));

            assertTrue(error.getMessage().contains("fix the journal directory"), error.getMessage());
        }
    }

    @Test
    void serverWithoutNodesRejected() throws Exception {
        try (EchoServer server = new EchoServer(200, "{}")) {
            ClusterConnection connection = ClusterConnection.builder("local")
                    .url(server.url())
                    .authentication(Authentication.basic("elastic", PASSWORD.toCharArray()))
                    .build();

            MigrationException error = assertThrows(MigrationException.class,
                    () -> Migration.open(connection, null, "leader", new FileJournalStore(journals), null));

            assertTrue(error.getMessage().contains(server.url()), error.getMessage());
        }
    }

    @Test
    void unknownTaskTypeInJournalRejected() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()) {
            Files.writeString(journals.resolve("Rec0rdedUuid812AAAAAAA@leader.json"),
                    "{\"schemaVersion\":1,\"tasks\":[{\"type\":\"bogus\",\"id\":\"x\",\"paused\":true}]}");

            MigrationException error = assertThrows(MigrationException.class, () -> open(local));

            assertTrue(error.getMessage().contains("'bogus'"), error.getMessage());
        }
    }

    @Test
    void outOfRangePortRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ReconnectRequest.proxy("es1:99999"));

        assertTrue(error.getMessage().contains("'es1:99999'"), error.getMessage());
    }

    @Test
    void nullIndexNameRejected() {
        List<Object> names = new java.util.ArrayList<>();
        names.add(null);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KeyAccess.fromMap(Map.of("search", List.of(Map.of("names", names)))));

        assertTrue(error.getMessage().contains("'null'"), error.getMessage());
    }

    @Test
    void apiKeyLineBreakTrimmed() {
        assertEquals("ApiKey abcd", Authentication.apiKey("abcd\n".toCharArray()).authorizationHeader());
    }

    @Test
    void apiKeyWithInnerSpaceRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Authentication.apiKey("abcd efgh".toCharArray()));

        assertTrue(error.getMessage().contains("position 5"), error.getMessage());
        assertFalse(error.getMessage().contains("abcd"), error.getMessage());
    }

    @Test
    void hugeErrorBodyCut() throws Exception {
        try (EchoServer server = new EchoServer(502, "x".repeat(200_000))) {
            ClusterConnection connection = ClusterConnection.builder("local")
                    .url(server.url())
                    .authentication(Authentication.basic("elastic", PASSWORD.toCharArray()))
                    .build();

            MigrationException error = assertThrows(MigrationException.class,
                    () -> Migration.open(connection, null, "leader", new FileJournalStore(journals), null));

            assertTrue(error.getMessage().length() < 3_000, "length " + error.getMessage().length());
            assertTrue(error.getMessage().contains("more characters cut"), error.getMessage().substring(0, 200));
        }
    }

    @Test
    void nullJournalRejected() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()) {
            Files.writeString(journals.resolve("Rec0rdedUuid812AAAAAAA@leader.json"), "null");

            MigrationException error = assertThrows(MigrationException.class, () -> open(local));

            assertTrue(error.getMessage().contains("unreadable"), error.getMessage());
        }
    }

    @Test
    void journalOfAnotherAliasRejected() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()) {
            Files.writeString(journals.resolve("Rec0rdedUuid812AAAAAAA@leader.json"),
                    "{\"schemaVersion\":1,\"clusterUuid\":\"Rec0rdedUuid812AAAAAAA\",\"alias\":\"other\"}");

            MigrationException error = assertThrows(MigrationException.class, () -> open(local));

            assertTrue(error.getMessage().contains("'other'"), error.getMessage());
        }
    }

    @Test
    void copyFromStringRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RoleGrant.fromMap(Map.of("role", "reader", "copyFrom", "remote_ccr")));

        assertTrue(error.getMessage().contains("'copyFrom'"), error.getMessage());
        assertTrue(error.getMessage().contains("list"), error.getMessage());
    }

    @Test
    void remoteIndicesOfStringsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RoleGrant.fromMap(Map.of("role", "reader", "remoteIndices", List.of("logs-*"))));

        assertTrue(error.getMessage().contains("'logs-*'"), error.getMessage());
    }

    @Test
    void remoteClusterStringRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RoleGrant.fromMap(Map.of("role", "reader", "copyFrom", List.of("remote_ccr"),
                        "remoteCluster", "monitor_enrich")));

        assertTrue(error.getMessage().contains("'remoteCluster'"), error.getMessage());
    }

    @Test
    void indexNamesStringRejected() {
        Map<String, Object> entry = Map.of("names", "logs-*", "privileges", List.of("read"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RoleGrant.fromMap(Map.of("role", "reader", "remoteIndices", List.of(entry))));

        assertTrue(error.getMessage().contains("'names'"), error.getMessage());
    }

    @Test
    void unknownGrantKeyRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RoleGrant.fromMap(Map.of("role", "reader", "copyFrom", List.of("remote_ccr"),
                        "remoteCLuster", List.of("monitor_enrich"))));

        assertTrue(error.getMessage().contains("'remoteCLuster'"), error.getMessage());
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void grantThatIsNoMapRejected() {
        List grants = List.of("ccr_user");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GrantPrivilegesRequest.fromMaps(grants));

        assertTrue(error.getMessage().contains("'ccr_user'"), error.getMessage());
    }

    @Test
    void badAliasRejectedBeforeContact() {
        try (RecordedCluster local = RecordedCluster.local812()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Migration.open(local.connection("local"), null, "../leader",
                            new FileJournalStore(journals), null));

            assertTrue(error.getMessage().contains("'../leader'"), error.getMessage());
            assertTrue(local.requests.isEmpty(), local.requests.toString());
        }
    }

    @Test
    void longAliasRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new JournalKey("uuid", "a".repeat(JournalKey.MAX_ALIAS_LENGTH + 1)));

        assertTrue(error.getMessage().contains("up to 100"), error.getMessage());
    }

    @Test
    void probeIndexListRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VerifyRequest.probing("logs-*,secrets"));

        assertTrue(error.getMessage().contains("'logs-*,secrets'"), error.getMessage());
    }

    @Test
    void negativeKeyExpiryWarningRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new VerifyRequest(null, Duration.ofDays(-1)));

        assertTrue(error.getMessage().contains("PT-24H"), error.getMessage());
    }

    @Test
    void strayJournalFileSkipped() throws Exception {
        FileJournalStore store = new FileJournalStore(journals);
        store.write(new JournalKey("uuid", "leader"), "{}");
        Files.writeString(journals.resolve("uuid@lead@er.json"), "{}");
        Files.writeString(journals.resolve("@.json"), "{}");

        assertEquals(List.of(new JournalKey("uuid", "leader")), store.list());
    }

    private Migration open(RecordedCluster local) throws MigrationException {
        return Migration.open(local.connection("local"), null, "leader", new FileJournalStore(journals),
                MigrationListener.NONE);
    }

    /** Responds to every request with {@code status} and a plain-text body echoing the Authorization header. */
    private static final class EchoServer implements AutoCloseable {
        private final HttpServer server;

        EchoServer(int status) throws Exception {
            this(status, null);
        }

        /** Responds with {@code body}, or with the echo when {@code body} is {@code null}. */
        EchoServer(int status, String fixedBody) throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String header = exchange.getRequestHeaders().getFirst("Authorization");
                String text = fixedBody != null ? fixedBody : "proxy refused request with Authorization: " + header;
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", fixedBody != null ? "application/json" : "text/plain");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
