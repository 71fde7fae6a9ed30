package io.jenkins.plugins.esremote.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rollback from every point after the first write, compared with a snapshot taken before. */
@ExtendWith(EsClustersExtension.class)
class RollbackTest {

    private static final GrantPrivilegesRequest GRANTS = GrantPrivilegesRequest.of(
            RoleGrant.copiedFrom(ClusterFixture.LOCAL_ROLE, List.of(ClusterFixture.REMOTE_ROLE)));

    @TempDir
    Path journals;

    private ClusterFixture fixture;

    @BeforeEach
    void setUp(EsClusters clusters) {
        fixture = new ClusterFixture(clusters, journals);
    }

    /** Runs the migration up to and including {@code last}; returns every result. */
    private List<PhaseResult> runUntil(Migration migration, Phase last) throws MigrationException {
        List<PhaseResult> results = new ArrayList<>();
        results.add(migration.createCrossClusterKey(CreateKeyRequest.derived(), fixture.sink()));
        if (last == Phase.CREATE_KEY) {
            return results;
        }
        results.add(migration.pauseTasks());
        if (last == Phase.PAUSE_TASKS) {
            return results;
        }
        results.add(migration.grantRemotePrivileges(GRANTS));
        if (last == Phase.GRANT_REMOTE_PRIVILEGES) {
            return results;
        }
        results.add(migration.disconnect());
        results.add(migration.reloadSecureSettings());
        if (last == Phase.DISCONNECT) {
            return results;
        }
        results.add(migration.reconnect(ReconnectRequest.defaults()));
        if (last == Phase.RECONNECT) {
            return results;
        }
        results.add(migration.verify(VerifyRequest.probing("logs-1")));
        results.add(migration.resumeTasks());
        if (last == Phase.RESUME_TASKS) {
            return results;
        }
        results.add(migration.disableCertificateAccess(DisableCertificateAccessRequest.ipFilter()));
        return results;
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = {"CREATE_KEY", "PAUSE_TASKS", "GRANT_REMOTE_PRIVILEGES",
        "DISCONNECT", "RECONNECT", "RESUME_TASKS", "DISABLE_CERTIFICATE_ACCESS"})
    void rollbackRestoresSnapshot(Phase last) throws Exception {
        // Given the certificate-era workload and a snapshot of it
        fixture.createWorkload();
        Map<String, Object> before = fixture.snapshot();

        try (Migration migration = fixture.open()) {
            // When the migration stops after a phase and is rolled back (twice)
            runUntil(migration, last);
            RollbackResult rollback = migration.rollback(RollbackRequest.defaults());
            Map<String, Object> afterRollback = fixture.snapshot();
            RollbackResult again = migration.rollback(RollbackRequest.defaults());

            // Then settings, roles and task states equal the snapshot, without API key credentials
            assertEquals(PhaseResult.Outcome.DONE, rollback.outcome());
            assertEquals(before, afterRollback);
            assertEquals(true, fixture.remoteInfo().get("connected"));
            assertFalse(fixture.remoteInfo().containsKey("cluster_credentials"));
            assertFalse(fixture.clusters.local().listSecureSettings().contains("cluster.remote.leader.credentials"));
            assertEquals(PhaseResult.Outcome.ALREADY_DONE, again.outcome());
            assertEquals(before, fixture.snapshot());
        }
    }

    @Test
    void rollbackWithoutKeystoreAccessAsksOperator() throws Exception {
        // Given a migrated alias whose keystore entry the engine did not write
        Map<String, Object> before = fixture.aliasSettings();
        MigrationOptions options = MigrationOptions.defaults();
        try (Migration migration = fixture.open(options)) {
            KeySink keystoreSink = (key, encoded) -> fixture.clusters.local().addSecureSetting(key.keystoreSetting(), encoded);
            migration.createCrossClusterKey(
                    CreateKeyRequest.derived().withAccess(KeyAccess.builder().search("logs-*").build()), keystoreSink);
            migration.reconnect(ReconnectRequest.defaults());

            // When rolling back, the operator is asked to remove the entry, does so, and confirms
            RollbackResult first = migration.rollback(RollbackRequest.defaults());
            fixture.clusters.local().removeSecureSetting("cluster.remote.leader.credentials");
            RollbackResult second = migration.rollback(RollbackRequest.defaults().withKeystoreEntryRemoved(true));

            // Then the first run stops with the exact command and the second restores the alias
            assertEquals(PhaseResult.Outcome.ACTION_REQUIRED, first.outcome());
            assertTrue(first.instructions().contains("bin/elasticsearch-keystore remove cluster.remote.leader.credentials"),
                    first.instructions());
            assertEquals(PhaseResult.Outcome.DONE, second.outcome());
            assertEquals(false, second.clusterCredentials());
            assertEquals(before, fixture.aliasSettings());
        }
    }

    @Test
    void noSecretInOutputs() throws Exception {
        fixture.createWorkload();
        List<String> outputs = new ArrayList<>();
        try (Migration migration = fixture.open()) {
            for (PhaseResult result : runUntil(migration, Phase.DISABLE_CERTIFICATE_ACCESS)) {
                outputs.add(result.toMap().toString());
                outputs.add(result.toString());
            }
            outputs.add(migration.rollback(RollbackRequest.defaults()).toMap().toString());
            outputs.add(migration.journal().toString());
            KeySink leakingSink = (key, encoded) -> {
                fixture.delivered.add(encoded.clone());
                throw new java.io.IOException("cannot store " + new String(encoded));
            };
            try {
                migration.createCrossClusterKey(CreateKeyRequest.derived(), leakingSink);
            } catch (MigrationException e) {
                outputs.add(e.getMessage());
            }
        }
        outputs.addAll(fixture.lines);
        outputs.add(fixture.journalText());

        assertEquals(2, fixture.delivered.size());
        for (char[] key : fixture.delivered) {
            String encoded = new String(key);
            String decoded = new String(Base64.getDecoder().decode(encoded));
            String secretPart = decoded.substring(decoded.indexOf(':') + 1);
            for (String output : outputs) {
                assertFalse(output.contains(encoded), "encoded key in: " + output);
                assertFalse(output.contains(secretPart), "key secret in: " + output);
            }
        }
    }
}
