package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EsClustersExtension.class)
class FullMigrationTest {

    @TempDir
    Path journals;

    @Test
    void migratesAndRestoresTaskStates(EsClusters clusters) throws Exception {
        // Given the certificate-era alias with a running and a stopped task of each kind
        ClusterFixture fixture = new ClusterFixture(clusters, journals);
        fixture.createWorkload();
        Map<String, Object> tasksBefore = fixture.taskStates();
        GrantPrivilegesRequest grants = GrantPrivilegesRequest.of(
                RoleGrant.copiedFrom(ClusterFixture.LOCAL_ROLE, List.of(ClusterFixture.REMOTE_ROLE)));

        // When every phase runs in order
        try (Migration migration = fixture.open()) {
            PlanResult plan = migration.plan(new PlanRequest(null, grants, null));
            assertTrue(plan.ready(), () -> "blockers: " + plan.blockers());
            migration.createCrossClusterKey(CreateKeyRequest.derived(), fixture.sink());
            migration.pauseTasks();
            migration.grantRemotePrivileges(grants);
            migration.disconnect();
            migration.reloadSecureSettings();
            SettingsResult reconnect = migration.reconnect(ReconnectRequest.defaults());
            VerifyResult verify = migration.verify(VerifyRequest.probing("logs-1"));
            migration.resumeTasks();

            // Then the alias uses the API key and every task is back in its prior state
            assertTrue(verify.ok(), () -> "problems: " + verify.problems());
            assertEquals(true, reconnect.clusterCredentials());
            assertTrue(fixture.remoteInfo().containsKey("cluster_credentials"));
            assertEquals(tasksBefore, fixture.taskStates());
        }
        assertFalse(fixture.lines.isEmpty());
    }
}
