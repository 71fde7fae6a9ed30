package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Branches for Elasticsearch 8.10 to 8.12, served from recorded responses. */
class RecordedVersionsTest {

    @TempDir
    Path journals;

    private Migration open(RecordedCluster local, RecordedCluster remote, MigrationOptions options)
            throws MigrationException {
        return Migration.open(local.connection("local"), remote == null ? null : remote.connection("remote"),
                "leader", new FileJournalStore(journals), MigrationListener.NONE, options);
    }

    @Test
    void planOn812UsesDocumentedOrder() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812();
                RecordedCluster remote = RecordedCluster.remote812();
                Migration migration = open(local, remote, MigrationOptions.defaults())) {
            PlanResult plan = migration.plan(PlanRequest.defaults());

            assertEquals(SwitchOrder.DOCUMENTED, plan.switchOrder());
            assertTrue(plan.switchOrderReason().contains("cannot reload"), plan.switchOrderReason());
            assertTrue(plan.steps().stream().anyMatch(step -> step.contains("operator restarts")), plan.steps().toString());
            assertEquals("10.0.0.5:9443",
                    ((java.util.Map<?, ?>) plan.settingsAfter().get("persistent")).get("cluster.remote.leader.proxy_address"));
        }
    }

    @Test
    void planNamesNodesOlderThan810() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812().on("GET", "/_nodes/_all/process", "local-nodes-mixed.json");
                RecordedCluster remote = RecordedCluster.remote812();
                Migration migration = open(local, remote, MigrationOptions.defaults())) {
            PlanResult plan = migration.plan(PlanRequest.defaults());

            assertFalse(plan.ready());
            assertTrue(plan.blockers().stream().anyMatch(b -> b.contains("old-node (8.9.2)")), plan.blockers().toString());
        }
    }

    @Test
    void planNamesMissingPrivileges() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()
                        .on("POST", "/_security/user/_has_privileges", "has-privileges-manage-only.json")
                        .on("GET", "/_security/user/_has_privileges", "has-privileges-manage-only.json");
                RecordedCluster remote = RecordedCluster.remote812();
                Migration migration = open(local, remote, MigrationOptions.defaults())) {
            PlanResult plan = migration.plan(PlanRequest.defaults());

            assertFalse(plan.ready());
            assertTrue(plan.blockers().stream().anyMatch(b -> b.contains("'local' lacks the cluster privileges [manage_security]")),
                    plan.blockers().toString());
        }
    }

    @Test
    void reloadOn812AsksForRestart() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812();
                Migration migration = open(local, null, MigrationOptions.defaults())) {
            // Given the alias removed under the documented order
            SettingsResult disconnect = migration.disconnect();

            // When the credentials should be loaded
            SettingsResult reload = migration.reloadSecureSettings();

            // Then the operator is asked to restart and no reload request is sent
            assertEquals(PhaseResult.Outcome.DONE, disconnect.outcome());
            assertTrue(local.requests.stream().anyMatch(r -> r.startsWith("PUT /_cluster/settings")
                    && r.contains("\"cluster.remote.leader.seeds\":null")), local.requests.toString());
            assertEquals(PhaseResult.Outcome.ACTION_REQUIRED, reload.outcome());
            assertTrue(reload.instructions().contains("restart every local node"), reload.instructions());
            assertFalse(local.requests.stream().anyMatch(r -> r.contains("reload_secure_settings")));
        }
    }

    @Test
    void staticAliasNamesTheFileToEdit() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()
                        .on("GET", "/_cluster/settings", "local-cluster-settings-empty.json")
                        .on("GET", "/_nodes/settings", "local-nodes-settings-static.json");
                RecordedCluster remote = RecordedCluster.remote812();
                Migration migration = open(local, remote, MigrationOptions.defaults())) {
            PlanResult plan = migration.plan(PlanRequest.defaults());
            MigrationException error = assertThrows(MigrationException.class, migration::disconnect);

            assertEquals("static", plan.aliasConfiguration());
            assertTrue(plan.blockers().stream().anyMatch(b -> b.contains("elasticsearch.yml on nodes [local-0]")),
                    plan.blockers().toString());
            assertTrue(error.getMessage().contains("elasticsearch.yml"), error.getMessage());
            assertFalse(local.requests.stream().anyMatch(r -> r.startsWith("PUT")));
        }
    }

    @Test
    void reloadOrderRejectedBefore813() throws Exception {
        try (RecordedCluster local = RecordedCluster.local812()) {
            MigrationException error = assertThrows(MigrationException.class,
                    () -> open(local, null, MigrationOptions.defaults().withSwitchOrder(SwitchOrder.RELOAD_AND_REPOINT)));

            assertTrue(error.getMessage().contains("8.13"), error.getMessage());
        }
    }

    @Test
    void rollbackOn812AsksForRestart() throws Exception {
        // Given a journal of a migration that re-pointed the alias on 8.12
        String journal = "{\"schemaVersion\":1,\"clusterUuid\":\"Rec0rdedUuid812AAAAAAA\",\"alias\":\"leader\","
                + "\"switchOrder\":\"documented\",\"originalSettings\":{\"persistent\":{\"cluster.remote.leader.mode\":"
                + "\"sniff\",\"cluster.remote.leader.seeds\":[\"10.0.0.5:9300\"]},\"transient\":{}},"
                + "\"aliasRepointed\":true,\"credentialsLoaded\":true,"
                + "\"entries\":[{\"phase\":\"reconnect\",\"action\":\"point the alias\",\"status\":\"done\"}]}";
        Files.writeString(journals.resolve("Rec0rdedUuid812AAAAAAA@leader.json"), journal, StandardCharsets.UTF_8);
        try (RecordedCluster local = RecordedCluster.local812();
                Migration migration = open(local, null, MigrationOptions.defaults())) {
            // When rolling back without a keystore access
            RollbackResult result = migration.rollback(RollbackRequest.defaults());

            // Then the operator gets the exact keystore command
            assertEquals(PhaseResult.Outcome.ACTION_REQUIRED, result.outcome());
            assertTrue(result.instructions().contains("bin/elasticsearch-keystore remove cluster.remote.leader.credentials"),
                    result.instructions());
        }
    }
}
