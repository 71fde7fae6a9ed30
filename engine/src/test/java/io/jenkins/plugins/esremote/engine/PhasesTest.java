package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One test per phase against testkit's clusters, each also running the phase a second time. */
@ExtendWith(EsClustersExtension.class)
class PhasesTest {

    /** Time an operator takes between disconnect and reconnect in the documented order. */
    private static final long OPERATOR_PAUSE_MILLIS = 3_000;

    private static final GrantPrivilegesRequest GRANTS = GrantPrivilegesRequest.of(
            RoleGrant.copiedFrom(ClusterFixture.LOCAL_ROLE, List.of(ClusterFixture.REMOTE_ROLE)));
    private static final CreateKeyRequest SEARCH_KEY =
            CreateKeyRequest.derived().withAccess(KeyAccess.builder().search("logs-*").build());

    @TempDir
    Path journals;

    private ClusterFixture fixture;

    @BeforeEach
    void setUp(EsClusters clusters) {
        fixture = new ClusterFixture(clusters, journals);
    }

    @Test
    void planPreviewsWithoutWriting() throws Exception {
        fixture.createWorkload();
        Map<String, Object> before = fixture.snapshot();

        PlanResult plan;
        try (Migration migration = fixture.open()) {
            plan = migration.plan(new PlanRequest(null, GRANTS, null));
        }

        assertTrue(plan.ready(), () -> "blockers: " + plan.blockers());
        assertEquals(SwitchOrder.RELOAD_AND_REPOINT, plan.switchOrder());
        assertEquals(10, plan.tasks().size());
        assertEquals(5, plan.tasks().stream().filter(t -> t.action().equals("pause")).count());
        assertTrue(plan.keyAccess().replication().get(0).contains("logs-1"), plan.keyAccess().toString());
        assertTrue(plan.keyAccess().search().get(0).contains("logs-*"), plan.keyAccess().toString());
        assertTrue(plan.rolesAfter().toString().contains("remote_indices"), plan.rolesAfter().toString());
        Map<?, ?> after = (Map<?, ?>) plan.settingsAfter().get("persistent");
        assertEquals("proxy", after.get("cluster.remote.leader.mode"));
        assertEquals(fixture.clusters.remote().remoteClusterAddress(), after.get("cluster.remote.leader.proxy_address"));
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("skip_unavailable")), plan.warnings().toString());
        assertEquals(before, fixture.snapshot());
        try (var files = Files.list(journals)) {
            assertEquals(List.of(), files.filter(file -> file.toString().endsWith(".json")).toList(),
                    "plan wrote a journal");
        }
    }

    @Test
    void createKeyRunsOnce() throws Exception {
        fixture.createWorkload();

        CreateKeyResult first;
        CreateKeyResult second;
        try (Migration migration = fixture.open()) {
            first = migration.createCrossClusterKey(CreateKeyRequest.derived(), fixture.sink());
            second = migration.createCrossClusterKey(CreateKeyRequest.derived(), fixture.sink());
        }

        assertEquals(PhaseResult.Outcome.DONE, first.outcome());
        assertEquals(PhaseResult.Outcome.ALREADY_DONE, second.outcome());
        assertEquals(first.key().id(), second.key().id());
        assertEquals(1, fixture.delivered.size());
        assertTrue(first.accessDerived());
        assertTrue(first.keystoreWritten());
        assertTrue(fixture.clusters.local().listSecureSettings().contains("cluster.remote.leader.credentials"));
    }

    @Test
    void createKeyRejectsApiKeyAuthentication() throws Exception {
        String apiKey = fixture.clusters.remote().createApiKey("engine-test", null);
        ClusterConnection remote = ClusterConnection.builder("remote")
                .url(fixture.clusters.remote().httpUrl())
                .authentication(Authentication.apiKey(apiKey.toCharArray()))
                .tlsTrust(TlsTrust.caCertificate(fixture.clusters.remote().caCertificate()))
                .build();

        try (Migration migration = Migration.open(fixture.local(), remote, fixture.alias(), fixture.store(),
                MigrationListener.NONE, fixture.options())) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> migration.createCrossClusterKey(SEARCH_KEY, fixture.sink()));

            assertTrue(error.getMessage().contains("manage_security"), error.getMessage());
            assertEquals("remote", error.cluster());
            assertEquals(Phase.CREATE_KEY, error.phase());
        }
        assertTrue(fixture.delivered.isEmpty());
    }

    @Test
    void pauseTasksTwiceChangesNothing() throws Exception {
        fixture.createWorkload();

        TasksResult first;
        TasksResult second;
        Map<String, Object> afterFirst;
        try (Migration migration = fixture.open()) {
            first = migration.pauseTasks();
            afterFirst = fixture.taskStates();
            second = migration.pauseTasks();
        }

        assertEquals(5, first.count("pause"));
        assertEquals(5, first.count("leave-as-is"));
        assertEquals(PhaseResult.Outcome.ALREADY_DONE, second.outcome());
        assertEquals(5, second.count("already-paused"));
        assertEquals("paused", afterFirst.get("follower:follower-active"));
        assertEquals("closed", afterFirst.get("job:logs-job"));
        assertEquals(afterFirst, fixture.taskStates());
    }

    @Test
    void resumeRestoresOnlyPausedTasks() throws Exception {
        fixture.createWorkload();
        Map<String, Object> before = fixture.taskStates();

        TasksResult resumed;
        TasksResult again;
        try (Migration migration = fixture.open()) {
            migration.pauseTasks();
            resumed = migration.resumeTasks();
            again = migration.resumeTasks();
        }

        assertEquals(5, resumed.count("resume"));
        assertEquals(5, resumed.count("leave-as-is"));
        assertEquals(PhaseResult.Outcome.ALREADY_DONE, again.outcome());
        assertEquals(before, fixture.taskStates());
    }

    @Test
    void grantPrivilegesTwiceChangesNothing() throws Exception {
        fixture.createWorkload();

        GrantPrivilegesResult first;
        GrantPrivilegesResult second;
        Map<String, Object> afterFirst;
        try (Migration migration = fixture.open()) {
            first = migration.grantRemotePrivileges(GRANTS);
            afterFirst = fixture.roles(fixture.clusters.local(), ClusterFixture.LOCAL_ROLE);
            second = migration.grantRemotePrivileges(GRANTS);
        }

        assertEquals(List.of(ClusterFixture.LOCAL_ROLE), first.updatedRoles());
        String role = afterFirst.toString();
        assertTrue(role.contains("remote_indices=[{names=[logs-*, metrics-*]"), role);
        assertTrue(role.contains("clusters=[leader]"), role);
        assertEquals(PhaseResult.Outcome.ALREADY_DONE, second.outcome());
        assertEquals(afterFirst, fixture.roles(fixture.clusters.local(), ClusterFixture.LOCAL_ROLE));
    }

    @Test
    void disconnectOnlyRecordsUnderReloadOrder() throws Exception {
        Map<String, Object> before = fixture.aliasSettings();

        SettingsResult first;
        SettingsResult second;
        try (Migration migration = fixture.open()) {
            first = migration.disconnect();
            second = migration.disconnect();
        }

        assertEquals(PhaseResult.Outcome.DEFERRED, first.outcome());
        assertEquals(PhaseResult.Outcome.DEFERRED, second.outcome());
        assertEquals(before, fixture.aliasSettings());
        assertEquals(true, fixture.remoteInfo().get("connected"));
    }

    @Test
    void reconnectSwitchesToApiKey() throws Exception {
        SettingsResult reload;
        SettingsResult first;
        SettingsResult second;
        Map<String, Object> afterFirst;
        try (Migration migration = fixture.open()) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            migration.disconnect();
            reload = migration.reloadSecureSettings();
            first = migration.reconnect(ReconnectRequest.defaults());
            afterFirst = fixture.aliasSettings();
            second = migration.reconnect(ReconnectRequest.defaults());
        }

        assertEquals(PhaseResult.Outcome.DEFERRED, reload.outcome());
        assertEquals(PhaseResult.Outcome.DONE, first.outcome());
        assertEquals(true, first.clusterCredentials());
        assertNotNull(first.outageMillis());
        System.out.println("reload-and-repoint outage: " + first.outageMillis() + " ms");
        assertEquals("proxy", afterFirst.get("persistent:cluster.remote.leader.mode"));
        assertFalse(afterFirst.containsKey("persistent:cluster.remote.leader.seeds"));
        assertEquals(PhaseResult.Outcome.ALREADY_DONE, second.outcome());
        assertEquals(afterFirst, fixture.aliasSettings());
        assertTrue(fixture.remoteInfo().containsKey("cluster_credentials"));
    }

    @Test
    void documentedOrderRemovesThenReloads() throws Exception {
        MigrationOptions options = fixture.options().withSwitchOrder(SwitchOrder.DOCUMENTED);
        try (Migration migration = fixture.open(options)) {
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());

            long beforeDisconnect = System.nanoTime();
            SettingsResult disconnect = migration.disconnect();
            Map<String, Object> removed = fixture.aliasSettings();
            SettingsResult disconnectAgain = migration.disconnect();
            SettingsResult reload = migration.reloadSecureSettings();
            SettingsResult reloadAgain = migration.reloadSecureSettings();
            // An operator takes a while between the steps: the outage must include that time.
            Thread.sleep(OPERATOR_PAUSE_MILLIS);
            SettingsResult reconnect = migration.reconnect(ReconnectRequest.sniff(
                    List.of(fixture.clusters.remote().remoteClusterAddress())));
            long afterReconnect = System.nanoTime();
            SettingsResult reconnectAgain = migration.reconnect(ReconnectRequest.sniff(
                    List.of(fixture.clusters.remote().remoteClusterAddress())));

            assertEquals(PhaseResult.Outcome.DONE, disconnect.outcome());
            assertEquals(Map.of(), removed);
            assertEquals(PhaseResult.Outcome.ALREADY_DONE, disconnectAgain.outcome());
            assertEquals(PhaseResult.Outcome.DONE, reload.outcome());
            assertEquals(PhaseResult.Outcome.ALREADY_DONE, reloadAgain.outcome());
            assertEquals(PhaseResult.Outcome.DONE, reconnect.outcome());
            assertEquals(true, reconnect.clusterCredentials());
            assertEquals(PhaseResult.Outcome.ALREADY_DONE, reconnectAgain.outcome());
            // The alias was unusable from its removal in disconnect, not only during reconnect.
            long disconnectUntilReconnectEnd = (afterReconnect - beforeDisconnect) / 1_000_000;
            assertTrue(reconnect.outageMillis() >= OPERATOR_PAUSE_MILLIS,
                    reconnect.outageMillis() + " ms < " + OPERATOR_PAUSE_MILLIS + " ms");
            assertTrue(reconnect.outageMillis() <= disconnectUntilReconnectEnd + 50,
                    reconnect.outageMillis() + " ms > " + disconnectUntilReconnectEnd + " ms");
            assertEquals("sniff", fixture.aliasSettings().get("persistent:cluster.remote.leader.mode"));
        }
    }

    @Test
    void verifyFlagsCertificateConnection() throws Exception {
        VerifyResult result;
        try (Migration migration = fixture.open()) {
            result = migration.verify(VerifyRequest.defaults());
        }

        assertFalse(result.ok());
        assertTrue(result.connected());
        assertFalse(result.clusterCredentials());
        assertTrue(result.problems().get(0).contains("cluster_credentials"), result.problems().toString());
    }

    @Test
    void disableCertificateAccessNeedsVerify() throws Exception {
        fixture.createWorkload();
        Map<String, Object> before = fixture.snapshot();
        DisableCertificateAccessRequest request = DisableCertificateAccessRequest.ipFilter()
                .withDeleteRoles(List.of(ClusterFixture.REMOTE_ROLE));
        try (Migration migration = fixture.open()) {
            assertThrows(MigrationException.class, () -> migration.disableCertificateAccess(request));
            migration.createCrossClusterKey(SEARCH_KEY, fixture.sink());
            migration.reconnect(ReconnectRequest.defaults());
            assertTrue(migration.verify(VerifyRequest.probing("logs-1")).ok());

            DisableCertificateAccessResult first = migration.disableCertificateAccess(request);
            Map<String, Object> filter = fixture.filterSettings();
            Map<String, Object> remoteRole = fixture.roles(fixture.clusters.remote(), ClusterFixture.REMOTE_ROLE);
            DisableCertificateAccessResult second = migration.disableCertificateAccess(request);
            RollbackResult rollback = migration.rollback(RollbackRequest.defaults());

            assertEquals(PhaseResult.Outcome.DONE, first.outcome());
            assertEquals("_all", filter.get("xpack.security.transport.filter.deny"));
            assertEquals(List.of("127.0.0.1"), filter.get("xpack.security.transport.filter.allow"));
            assertTrue(first.warnings().get(0).contains("cannot block"), first.warnings().toString());
            assertEquals(Map.of(), remoteRole);
            assertEquals(PhaseResult.Outcome.ALREADY_DONE, second.outcome());
            assertEquals(PhaseResult.Outcome.DONE, rollback.outcome());
            assertEquals(before, fixture.snapshot());
        }
    }
}
