package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote cluster port check that {@code reconnect} runs before it reloads: a wrong address is
 * reported while the alias still works on certificates, and the temporary alias never stays.
 */
@ExtendWith(EsClustersExtension.class)
class RemotePortCheckTest {

    private static final CreateKeyRequest SEARCH_KEY =
            CreateKeyRequest.derived().withAccess(KeyAccess.builder().search("logs-*").build());
    private static final String CHECK_PREFIX = "cluster.remote.leader-port-check.";

    @TempDir
    Path journals;

    private ClusterFixture fixture;
    private EsClusters clusters;

    @BeforeEach
    void setUp(EsClusters clusters) {
        this.clusters = clusters;
        fixture = new ClusterFixture(clusters, journals);
    }

    @Test
    void reconnectPassesAndRemovesCheckAlias() throws Exception {
        SettingsResult result;
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            result = migration.reconnect(ReconnectRequest.defaults());
        }

        assertEquals(PhaseResult.Outcome.DONE, result.outcome());
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("port check")), result.warnings().toString());
        assertTrue(fixture.lines.stream().anyMatch(line -> line.contains("is reachable from the local cluster")));
        assertEquals(Map.of(), checkAliasSettings());
        assertFalse(fixture.journalText().contains("\"portCheckAlias\""));
    }

    @Test
    void reconnectRejectsTransportPort() throws Exception {
        MigrationException error = reconnectTo(clusters.remote().transportAddress());

        assertTrue(error.getMessage().contains("transport port with certificate trust"), error.getMessage());
        assertTrue(error.nextStep().contains("the alias was not changed"), error.nextStep());
    }

    @Test
    void reconnectRejectsClosedPort() throws Exception {
        MigrationException error = reconnectTo("127.0.0.1:" + closedPort());

        assertTrue(error.getMessage().contains("cannot connect to the remote cluster server"), error.getMessage());
    }

    @Test
    void failureNamesServerNameAndCause() throws Exception {
        MigrationException error;
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            error = assertThrows(MigrationException.class, () -> migration.reconnect(new ReconnectRequest(
                    ReconnectRequest.Mode.PROXY, List.of(clusters.remote().remoteClusterAddress()), "bad name")));

            migration.rollback(RollbackRequest.defaults());
        }

        assertTrue(error.getMessage().contains("with server name 'bad name'"), error.getMessage());
        assertTrue(error.getMessage().contains("(cause: "), error.getMessage());
        assertTrue(error.nextStep().contains("server_name"), error.nextStep());
        assertEquals(Map.of(), checkAliasSettings());
    }

    @Test
    void closedPortNamesInnermostCause() throws Exception {
        MigrationException error = reconnectTo("127.0.0.1:" + closedPort());

        assertTrue(error.getMessage().contains("(cause: Connection refused)"), error.getMessage());
        assertFalse(error.nextStep().contains("server_name"), error.nextStep());
    }

    @Test
    void reconnectRejectsHttpPort() throws Exception {
        String httpAddress = clusters.remote().httpUrl().replaceFirst("^https?://", "");

        MigrationException error = reconnectTo(httpAddress);

        // The HTTP server either waits for a request line that never comes, so the check times out,
        // or rejects the handshake bytes and resets the connection. Both stop the switch.
        String message = error.getMessage();
        assertTrue(message.contains("no transport handshake")
                || message.contains("cannot connect to the remote cluster server"), message);
    }

    @Test
    void sniffSkipsFailingSeed() throws Exception {
        // Elasticsearch tries the next seed when one fails, so a closed first seed must not stop the switch
        String closed = "127.0.0.1:" + closedPort();
        SettingsResult result;
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            result = migration.reconnect(ReconnectRequest.sniff(
                    List.of(closed, clusters.remote().remoteClusterAddress())));
        }

        assertEquals(PhaseResult.Outcome.DONE, result.outcome());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("failed at seed " + closed)),
                result.warnings().toString());
        assertEquals(true, fixture.remoteInfo().get("connected"));
        assertEquals(Map.of(), checkAliasSettings());
    }

    @Test
    void sniffFailsWhenEverySeedFails() throws Exception {
        String closed = "127.0.0.1:" + closedPort();
        String transport = clusters.remote().transportAddress();
        Map<String, Object> before = fixture.aliasSettings();
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.reconnect(ReconnectRequest.sniff(List.of(closed, transport))));

            assertTrue(error.getMessage().contains("none of the sniff seeds"), error.getMessage());
            assertTrue(error.getMessage().contains(closed + ": the local cluster cannot connect"), error.getMessage());
            assertTrue(error.getMessage().contains(transport + ": address " + transport), error.getMessage());
            assertEquals(before, fixture.aliasSettings());
            assertEquals(Map.of(), checkAliasSettings());
            migration.rollback(RollbackRequest.defaults());
        }
    }

    @Test
    void reconnectKeepsForeignCheckAlias() throws Exception {
        String foreign = "{\"persistent\":{\"" + CHECK_PREFIX + "mode\":\"proxy\",\"" + CHECK_PREFIX
                + "proxy_address\":\"127.0.0.1:" + closedPort() + "\"}}";
        ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings", foreign);
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.reconnect(ReconnectRequest.defaults()));

            assertTrue(error.getMessage().contains("is already configured"), error.getMessage());
            assertEquals(2, checkAliasSettings().size());
            assertEquals(true, fixture.remoteInfo().get("connected"));
            migration.rollback(RollbackRequest.defaults());
            assertEquals(2, checkAliasSettings().size());
        } finally {
            ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings",
                    "{\"persistent\":{\"" + CHECK_PREFIX + "*\":null}}");
        }
    }

    @Test
    void rollbackRemovesLeftoverCheckAlias() throws Exception {
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
        }
        // A reconnect that stopped between creating and removing the temporary alias leaves both.
        ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings", "{\"persistent\":{\"" + CHECK_PREFIX
                + "mode\":\"proxy\",\"" + CHECK_PREFIX + "proxy_address\":\"127.0.0.1:" + closedPort() + "\"}}");
        Path journal;
        try (var files = Files.list(journals)) {
            journal = files.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.replaceFirst("\\{", "{\"portCheckAlias\":\"leader-port-check\","),
                StandardCharsets.UTF_8);

        RollbackResult result;
        try (Migration migration = fixture.open()) {
            result = migration.rollback(RollbackRequest.defaults());
        }

        assertTrue(result.undone().contains("removed temporary alias 'leader-port-check'"), result.undone().toString());
        assertEquals(Map.of(), checkAliasSettings());
    }

    @Test
    void aliasNamedAfterHeaderStillFails() throws Exception {
        // Elasticsearch echoes the alias in the connection error, which must not read as the missing header
        String alias = "x_cross_cluster_access_credentials";
        String prefix = "cluster.remote." + alias + ".";
        ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings", "{\"persistent\":{\"" + prefix
                + "seeds\":[\"" + clusters.remote().transportAddress() + "\"]}}");
        try (Migration migration = Migration.open(fixture.local(), fixture.remote(), alias, fixture.store(),
                fixture.lines::add, fixture.options())) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.reconnect(ReconnectRequest.proxy("127.0.0.1:" + closedPort())));

            assertTrue(error.getMessage().contains("cannot connect to the remote cluster server"), error.getMessage());
            migration.rollback(RollbackRequest.defaults());
        } finally {
            ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings",
                    "{\"persistent\":{\"" + prefix + "*\":null}}");
        }
    }

    @Test
    void aliasWithLeadingDashStillFails() throws Exception {
        // A search of "-lead-port-check:*" excludes that cluster instead of searching it, so the
        // temporary alias is port-check-lead
        String alias = "-lead";
        String prefix = "cluster.remote." + alias + ".";
        ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings", "{\"persistent\":{\"" + prefix
                + "seeds\":[\"" + clusters.remote().transportAddress() + "\"]}}");
        try (Migration migration = Migration.open(fixture.local(), fixture.remote(), alias, fixture.store(),
                fixture.lines::add, fixture.options())) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.reconnect(ReconnectRequest.proxy("127.0.0.1:" + closedPort())));

            assertTrue(error.getMessage().contains("cannot connect to the remote cluster server"), error.getMessage());
            assertTrue(error.getMessage().contains("[port-check-lead]"), error.getMessage());
            String settings = ClusterFixture.perform(clusters.local(), "GET", "/_cluster/settings?flat_settings=true", null);
            assertFalse(settings.contains("port-check"), settings);
            migration.rollback(RollbackRequest.defaults());
        } finally {
            ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings",
                    "{\"persistent\":{\"" + prefix + "*\":null}}");
        }
    }

    @Test
    void userWithoutIndexPrivilegesPasses() throws Exception {
        // Under certificate trust the local cluster leaves index privileges of a remote search to the
        // remote cluster, so the missing credentials are reported before any privilege check
        String user = "settings-operator";
        ClusterFixture.perform(clusters.local(), "PUT", "/_security/role/settings_only",
                "{\"cluster\":[\"manage\"]}");
        ClusterFixture.perform(clusters.local(), "PUT", "/_security/user/" + user,
                "{\"password\":\"operator-password\",\"roles\":[\"settings_only\"]}");
        ClusterConnection local = ClusterConnection.builder("local")
                .url(clusters.local().httpUrl())
                .authentication(Authentication.basic(user, "operator-password".toCharArray()))
                .tlsTrust(TlsTrust.caCertificate(clusters.local().caCertificate()))
                .build();
        SettingsResult result;
        try (Migration migration = Migration.open(local, fixture.remote(), fixture.alias(), fixture.store(),
                fixture.lines::add, fixture.options())) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            result = migration.reconnect(ReconnectRequest.defaults());
        }

        assertEquals(PhaseResult.Outcome.DONE, result.outcome());
        assertTrue(result.warnings().stream().noneMatch(w -> w.contains("port check")), result.warnings().toString());
        assertEquals(Map.of(), checkAliasSettings());
        assertFalse(fixture.journalText().contains("\"portCheckAlias\""));
    }

    @Test
    void reconnectReplacesLeftoverCheckAlias() throws Exception {
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
        }
        // An interrupted reconnect with a server name that Java cannot send left its temporary alias
        ClusterFixture.perform(clusters.local(), "PUT", "/_cluster/settings", "{\"persistent\":{\"" + CHECK_PREFIX
                + "mode\":\"proxy\",\"" + CHECK_PREFIX + "proxy_address\":\"127.0.0.1:" + closedPort() + "\",\""
                + CHECK_PREFIX + "server_name\":\"bad name\"}}");
        recordCheckAliasInJournal();

        SettingsResult result;
        try (Migration migration = fixture.open()) {
            result = migration.reconnect(ReconnectRequest.defaults());
        }

        assertEquals(PhaseResult.Outcome.DONE, result.outcome());
        assertEquals(Map.of(), checkAliasSettings());
        assertFalse(fixture.journalText().contains("\"portCheckAlias\""));
    }

    private void recordCheckAliasInJournal() throws IOException {
        Path journal;
        try (var files = Files.list(journals)) {
            journal = files.filter(file -> file.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.replaceFirst("\\{", "{\"portCheckAlias\":\"leader-port-check\","),
                StandardCharsets.UTF_8);
    }

    /**
     * Creates the key, reconnects to {@code address}, which must fail, checks that the alias still
     * works on certificates and that no temporary alias is left, then rolls back.
     */
    private MigrationException reconnectTo(String address) throws Exception {
        Map<String, Object> before = fixture.aliasSettings();
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            migration.disconnect();
            migration.reloadSecureSettings();

            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.reconnect(ReconnectRequest.proxy(address)));

            assertEquals(before, fixture.aliasSettings());
            assertEquals(true, fixture.remoteInfo().get("connected"));
            assertFalse(fixture.remoteInfo().containsKey("cluster_credentials"));
            assertEquals(Map.of(), checkAliasSettings());
            assertEquals(false, migration.journal().get("aliasRepointed"));
            assertEquals(false, migration.journal().get("credentialsLoaded"));
            migration.rollback(RollbackRequest.defaults());
            return error;
        }
    }

    private Map<String, Object> checkAliasSettings() {
        Map<String, Object> all = ClusterFixture.json(
                ClusterFixture.perform(clusters.local(), "GET", "/_cluster/settings?flat_settings=true", null));
        Map<String, Object> result = new TreeMap<>();
        for (String scope : List.of("persistent", "transient")) {
            ((Map<?, ?>) all.get(scope)).forEach((key, value) -> {
                if (String.valueOf(key).startsWith(CHECK_PREFIX)) {
                    result.put(scope + ":" + key, value);
                }
            });
        }
        return result;
    }

    /** Returns a loopback port that nothing listens on, found by binding it once and releasing it. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
