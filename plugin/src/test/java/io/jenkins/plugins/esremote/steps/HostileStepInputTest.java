package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.config.EsClusterConnection;
import io.jenkins.plugins.esremote.testing.StepHarness;
import io.jenkins.plugins.esremote.testing.UserPassword;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile step arguments: a password inside an inline URL, aliases that Elasticsearch rejects or
 * that would reach outside the journal directory, and malformed maps. None contacts a cluster.
 */
class HostileStepInputTest {

    private static final String PASSWORD = "s3cret-Pa55";

    private StepHarness harness;

    @BeforeEach
    void setUp(@TempDir Path directory) {
        harness = new StepHarness(directory);
        harness.folder.add(new UserPassword("admin", "elastic", "admin-password"));
        harness.configuration.setClusters(List.of(new EsClusterConnection("local", "https://127.0.0.1:1", "admin")));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static List<StepDescriptor> descriptors() {
        return StepBindingTest.descriptors().toList();
    }

    private static Step step(StepDescriptor descriptor, Map<String, Object> extra) throws Exception {
        Map<String, Object> arguments = new HashMap<>(StepBindingTest.required(descriptor));
        arguments.putAll(extra);
        return descriptor.newInstance(arguments);
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void urlPasswordNeverEchoed(StepDescriptor descriptor) throws Exception {
        Map<String, Object> inline = Map.of(
                "url", "https://elastic:" + PASSWORD + "@127.0.0.1:1", "credentialsId", "admin");

        StepHarness.Outcome outcome = harness.run(step(descriptor, inline));

        assertTrue(outcome.failed().getMessage().contains("user information"), outcome.failed().getMessage());
        assertFalse(outcome.failed().getMessage().contains(PASSWORD), outcome.failed().getMessage());
        assertFalse(outcome.console().contains(PASSWORD), outcome.console());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void remoteUrlPasswordNeverEchoed(StepDescriptor descriptor) throws Exception {
        Map<String, Object> remote = Map.of("cluster", "local",
                "remoteUrl", "ftp://elastic:" + PASSWORD + "@127.0.0.1:1", "remoteCredentialsId", "admin");

        StepHarness.Outcome outcome = harness.run(step(descriptor, remote));

        assertFalse(outcome.failed().getMessage().contains(PASSWORD), outcome.failed().getMessage());
        assertFalse(outcome.console().contains(PASSWORD), outcome.console());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "leader:other", "lea der", "a/b", ".."})
    void invalidAliasRejectedAtBinding(String alias) {
        StepDescriptor descriptor = new EsVerifyRemoteStep.DescriptorImpl();

        Exception error = assertThrows(Exception.class,
                () -> descriptor.newInstance(Map.of("alias", alias, "cluster", "local")));

        String message = rootMessage(error);
        assertTrue(message.contains("Invalid remote cluster alias"), message);
    }

    @Test
    void longAliasRejectedAtBinding() {
        StepDescriptor descriptor = new EsVerifyRemoteStep.DescriptorImpl();

        Exception error = assertThrows(Exception.class,
                () -> descriptor.newInstance(Map.of("alias", "x".repeat(300), "cluster", "local")));

        assertTrue(rootMessage(error).contains("up to 100"), rootMessage(error));
    }

    @Test
    void grantThatIsNoMapRejectedAtBinding() {
        StepDescriptor descriptor = new EsGrantRemotePrivilegesStep.DescriptorImpl();

        Exception error = assertThrows(Exception.class, () -> descriptor.newInstance(
                Map.of("alias", "leader", "cluster", "local", "grants", List.of("ccr_user"))));

        assertTrue(rootMessage(error).contains("'ccr_user'"), rootMessage(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logs-*,secrets", "leader:logs", "logs secrets"})
    void invalidProbeIndexRejectedAtBinding(String probeIndex) {
        StepDescriptor descriptor = new EsVerifyRemoteStep.DescriptorImpl();

        Exception error = assertThrows(Exception.class, () -> descriptor.newInstance(
                Map.of("alias", "leader", "cluster", "local", "probeIndex", probeIndex)));

        assertTrue(rootMessage(error).contains("'" + probeIndex + "'"), rootMessage(error));
    }

    @Test
    void multiLineApprovedByRejectedAtBinding() {
        StepDescriptor descriptor = new EsDisableCertificateAccessStep.DescriptorImpl();

        Exception error = assertThrows(Exception.class, () -> descriptor.newInstance(Map.of("alias", "leader",
                "cluster", "local", "approvedBy", "alice\n[esRollbackRemote] done")));

        assertTrue(rootMessage(error).contains("'alice?[esRollbackRemote] done'"), rootMessage(error));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
