package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.config.EsClusterConnection;
import io.jenkins.plugins.esremote.testing.StepHarness;
import io.jenkins.plugins.esremote.testing.UserPassword;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import io.jenkins.plugins.esremote.testkit.EsNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every step against testkit's real clusters through its execution, the way a Pipeline
 * would: named arguments, in-memory credentials, the console and the returned maps. The keystore
 * entry is written between the key and the reconnect as a Pipeline's {@code sh} step would do it.
 */
@ExtendWith(EsClustersExtension.class)
class StepsAgainstClustersTest {

    private EsClusters clusters;
    private StepHarness harness;
    private final List<Map<String, Object>> arguments = new ArrayList<>();
    private final List<StepHarness.Outcome> outcomes = new ArrayList<>();

    @BeforeEach
    void setUp(EsClusters clusters, @TempDir Path directory) throws IOException {
        this.clusters = clusters;
        harness = new StepHarness(directory);
        harness.folder.add(new UserPassword("local-admin", clusters.local().superuser(),
                clusters.local().superuserPassword()));
        harness.folder.add(new UserPassword("remote-admin", clusters.remote().superuser(),
                clusters.remote().superuserPassword()));
        harness.folder.grant(StepHarness.USER, CredentialsProvider.CREATE);
        harness.folder.grant(StepHarness.USER, CredentialsProvider.UPDATE);
        harness.configuration.setClusters(List.of(
                connection("local", clusters.local(), "local-admin"),
                connection("remote", clusters.remote(), "remote-admin")));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static EsClusterConnection connection(String name, EsNode node, String credentialsId)
            throws IOException {
        EsClusterConnection connection = new EsClusterConnection(name, node.httpUrl(), credentialsId);
        connection.setCaCertificate(Files.readString(node.caCertificate(), StandardCharsets.US_ASCII));
        return connection;
    }

    /** Binds {@code named} (plus alias and both connections) and runs the step. */
    private StepHarness.Outcome run(StepDescriptor descriptor, Map<String, Object> named) throws Exception {
        Map<String, Object> all = new HashMap<>();
        all.put("alias", clusters.alias());
        all.put("cluster", "local");
        all.put("remoteCluster", "remote");
        all.putAll(named);
        arguments.add(all);
        StepHarness.Outcome outcome = harness.run(descriptor.newInstance(all));
        outcomes.add(outcome);
        // The build console of each step, in the surefire output file, helps to read a failure.
        System.out.print(outcome.console());
        return outcome;
    }

    private Map<String, Object> succeed(StepDescriptor descriptor, Map<String, Object> named) throws Exception {
        return run(descriptor, named).success();
    }

    @Test
    void migrationAndRollbackThroughSteps() throws Exception {
        // Given an old key credential with the default id, an index to probe and a legacy
        // cross-cluster role on the remote
        harness.folder.add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "es-ccs-" + clusters.alias(), "old", Secret.fromString("old-key")));
        clusters.remote().client().indices().create(request -> request.index("logs-probe"));
        clusters.remote().putRole("legacy_ccs", "{\"indices\":[{\"names\":[\"logs-*\"],\"privileges\":[\"read\"]}]}");
        String alias = clusters.alias();
        Map<String, Object> access = Map.of("search", List.of(Map.of("names", List.of("logs-*"))));

        // When the plan and the key run
        Map<String, Object> plan = succeed(new EsPlanMigrationStep.DescriptorImpl(), Map.of("access", access));
        Map<String, Object> key = succeed(new EsCreateCrossClusterKeyStep.DescriptorImpl(),
                Map.of("access", access, "expiration", "30d"));

        // Then the plan is ready and the key sits in the folder credential, which was updated
        assertEquals("plan", plan.get("phase"));
        assertEquals(true, plan.get("ready"), () -> "blockers: " + plan.get("blockers"));
        assertEquals("es-ccs-" + alias, key.get("credentialsId"));
        assertEquals("updated", key.get("credentialAction"));
        assertEquals("folder 'team'", key.get("credentialsStore"));
        assertNotNull(key.get("keyId"));
        assertNotNull(key.get("expiration"));
        String encoded = ((StringCredentials) harness.folder.find("es-ccs-" + alias)).getSecret().getPlainText();
        assertNotEquals("old-key", encoded);

        // When the keystore gets the key (a Pipeline's sh step) and the switch phases run
        clusters.local().addSecureSetting("cluster.remote." + alias + ".credentials", encoded.toCharArray());
        Map<String, Object> paused = succeed(new EsPauseRemoteTasksStep.DescriptorImpl(), Map.of());
        Map<String, Object> granted = succeed(new EsGrantRemotePrivilegesStep.DescriptorImpl(), Map.of());
        Map<String, Object> disconnected = succeed(new EsDisconnectRemoteStep.DescriptorImpl(), Map.of());
        Map<String, Object> reloaded = succeed(new EsReloadSecureSettingsStep.DescriptorImpl(), Map.of());
        Map<String, Object> reconnected = succeed(new EsReconnectRemoteStep.DescriptorImpl(), Map.of());
        Map<String, Object> verified = succeed(new EsVerifyRemoteStep.DescriptorImpl(), Map.of("probeIndex", "logs-probe"));
        Map<String, Object> resumed = succeed(new EsResumeRemoteTasksStep.DescriptorImpl(), Map.of());

        // Then the alias uses the API key, and each step returned its phase
        assertEquals("pause-tasks", paused.get("phase"));
        assertEquals("grant-remote-privileges", granted.get("phase"));
        assertEquals("disconnect", disconnected.get("phase"));
        assertEquals("reload-secure-settings", reloaded.get("phase"));
        assertEquals("reconnect", reconnected.get("phase"));
        assertEquals("resume-tasks", resumed.get("phase"));
        assertEquals(true, verified.get("ok"), () -> "problems: " + verified.get("problems"));
        assertEquals(true, verified.get("connected"));
        assertEquals(true, verified.get("clusterCredentials"));

        // When certificate access is disabled with the transport IP filter (all nodes share
        // 127.0.0.1 here, so the local cluster stays allowed) and a role only it used is deleted
        Map<String, Object> disabled = succeed(new EsDisableCertificateAccessStep.DescriptorImpl(),
                Map.of("approvedBy", "alice", "deleteRoles", List.of("legacy_ccs")));

        // Then the filter is set, the role is gone and the approver is recorded
        assertEquals("disable-certificate-access", disabled.get("phase"));
        assertNotNull(disabled.get("filterAfter"), () -> "result: " + disabled);
        assertEquals(List.of("legacy_ccs"), disabled.get("deletedRoles"));
        assertEquals("alice", disabled.get("approvedBy"));
        assertTrue(outcomes.get(outcomes.size() - 1).console().contains("approved by 'alice'"));

        // And the warning that the filter cannot block the local nodes is printed, not only counted
        String disableConsole = outcomes.get(outcomes.size() - 1).console();
        assertTrue(disableConsole.contains("WARNING: [disable-certificate-access]"), disableConsole);
        assertTrue(disableConsole.contains("cannot block their certificate-based connections"), disableConsole);
        assertFalse(disableConsole.contains(" 1 warnings"), disableConsole);

        // When the key step runs again, it reuses the journaled key and leaves the credential
        Map<String, Object> again = succeed(new EsCreateCrossClusterKeyStep.DescriptorImpl(), Map.of("access", access));
        assertEquals(key.get("keyId"), again.get("keyId"));
        assertEquals("unchanged", again.get("credentialAction"));

        // When the operator removes the keystore entry and a rollback runs
        clusters.local().removeSecureSetting("cluster.remote." + alias + ".credentials");
        Map<String, Object> rolledBack = succeed(new EsRollbackRemoteStep.DescriptorImpl(),
                Map.of("keystoreEntryRemoved", true));

        // Then the alias uses certificates again
        assertEquals("rollback", rolledBack.get("phase"));
        assertEquals(true, rolledBack.get("connected"), () -> "rollback: " + rolledBack);
        assertEquals(false, rolledBack.get("clusterCredentials"));

        // And the journal sits under the Jenkins home and in the build directory of every step
        // that changed something (the plan writes none)
        String journalName = (String) rolledBack.get("journal");
        Path journal = harness.jenkinsHome.resolve("es-remote-migration/journals/" + journalName);
        assertTrue(Files.exists(journal), journal.toString());
        assertTrue(journalName.endsWith("@" + alias + ".json"), journalName);
        for (StepHarness.Outcome outcome : outcomes.subList(1, outcomes.size())) {
            assertTrue(Files.exists(outcome.buildDir().resolve("es-remote-migration/" + journalName)),
                    outcome.buildDir().toString());
        }

        // And every step printed its start and end with the alias and cluster
        for (StepHarness.Outcome outcome : outcomes) {
            assertTrue(outcome.console().contains("starting for alias '" + alias + "' on cluster 'local'"),
                    outcome.console());
            assertTrue(outcome.console().lines().count() >= 2, outcome.console());
        }

        // And no argument, console line, result or journal contains the key
        assertKeyAbsent(encoded, journal);
    }

    private void assertKeyAbsent(String encoded, Path journal) throws IOException {
        String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        String apiKeySecret = decoded.substring(decoded.indexOf(':') + 1);
        List<String> texts = new ArrayList<>();
        arguments.forEach(map -> texts.add(map.toString()));
        for (StepHarness.Outcome outcome : outcomes) {
            texts.add(outcome.console());
            texts.add(String.valueOf(outcome.result()));
            try (Stream<Path> files = Files.walk(outcome.buildDir())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    texts.add(Files.readString(file));
                }
            }
        }
        texts.add(Files.readString(journal));
        for (String text : texts) {
            assertFalse(text.contains(encoded), "encoded key found in: " + text);
            assertFalse(text.contains(apiKeySecret), "key secret found in: " + text);
        }
        assertTrue(texts.size() > 2 * outcomes.size());
    }

    @Test
    void wrongPasswordFailsWithClusterError() throws Exception {
        harness.folder.add(new UserPassword("wrong", clusters.local().superuser(), "not-the-password"));
        harness.configuration.setClusters(List.of(connection("local", clusters.local(), "wrong")));

        StepHarness.Outcome outcome = harness.run(new EsVerifyRemoteStep.DescriptorImpl()
                .newInstance(Map.of("alias", clusters.alias(), "cluster", "local")));

        assertInstanceOf(AbortException.class, outcome.failed());
        assertTrue(outcome.failed().getMessage().startsWith("[esVerifyRemote]"), outcome.failed().getMessage());
        assertFalse(outcome.failed().getMessage().contains("not-the-password"), outcome.failed().getMessage());
    }

    @Test
    void verifyReportsCertificateAliasWithoutFailing() throws Exception {
        Map<String, Object> result = succeed(new EsVerifyRemoteStep.DescriptorImpl(), Map.of("failOnProblems", false));

        assertEquals(false, result.get("ok"));
        assertEquals(false, result.get("clusterCredentials"));
        assertFalse(((List<?>) result.get("problems")).isEmpty());
    }

    @Test
    void verifyFailsOnCertificateAliasByDefault() throws Exception {
        StepHarness.Outcome outcome = run(new EsVerifyRemoteStep.DescriptorImpl(), Map.of());

        assertTrue(outcome.failed().getMessage().contains("failed verification"), outcome.failed().getMessage());
        assertTrue(outcome.console().contains("[esVerifyRemote]"), outcome.console());
    }
}
