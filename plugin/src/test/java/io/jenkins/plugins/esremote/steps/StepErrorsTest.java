package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.AbortException;
import hudson.util.Secret;
import io.jenkins.plugins.esremote.config.EsClusterConnection;
import io.jenkins.plugins.esremote.testing.StepHarness;
import io.jenkins.plugins.esremote.testing.UserPassword;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every step through its execution with connection problems that are found before any
 * cluster is contacted (the URLs point at a closed port), and checks the build error.
 */
class StepErrorsTest {

    private static final String CLOSED_PORT_URL = "https://127.0.0.1:1";

    private StepHarness harness;

    @BeforeEach
    void setUp(@TempDir Path directory) {
        harness = new StepHarness(directory);
        harness.folder.add(new UserPassword("admin", "elastic", "admin-password"));
        harness.folder.add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "api-key", null, Secret.fromString("YXBpLWtleQ==")));
        harness.configuration.setClusters(List.of(
                new EsClusterConnection("local", CLOSED_PORT_URL, "admin"),
                new EsClusterConnection("remote-by-key", CLOSED_PORT_URL, "api-key")));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    static List<StepDescriptor> descriptors() {
        return StepBindingTest.descriptors().toList();
    }

    private Step step(StepDescriptor descriptor, Map<String, Object> extra) throws Exception {
        Map<String, Object> arguments = new HashMap<>(StepBindingTest.required(descriptor));
        arguments.putAll(extra);
        return descriptor.newInstance(arguments);
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void missingConnectionFails(StepDescriptor descriptor) throws Exception {
        Throwable failure = harness.run(step(descriptor, Map.of())).failed();

        assertInstanceOf(AbortException.class, failure);
        assertTrue(failure.getMessage().contains("Missing local cluster"), failure.getMessage());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void unknownClusterFails(StepDescriptor descriptor) throws Exception {
        Throwable failure = harness.run(step(descriptor, Map.of("cluster", "prod"))).failed();

        assertTrue(failure.getMessage().contains("No Elasticsearch cluster connection named 'prod'"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("configured: local, remote-by-key"), failure.getMessage());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void missingCredentialFails(StepDescriptor descriptor) throws Exception {
        Map<String, Object> inline = Map.of("url", CLOSED_PORT_URL, "credentialsId", "gone");

        Throwable failure = harness.run(step(descriptor, inline)).failed();

        assertTrue(failure.getMessage().contains("Credential 'gone'"), failure.getMessage());
    }

    @Test
    void unknownRemoteClusterFails() throws Exception {
        Step step = new EsCreateCrossClusterKeyStep.DescriptorImpl().newInstance(
                Map.of("alias", "leader", "cluster", "local", "remoteCluster", "other"));

        Throwable failure = harness.run(step).failed();

        assertTrue(failure.getMessage().contains("for the remote cluster"), failure.getMessage());
    }

    @Test
    void keyWithApiKeyRemoteNeedsUser() throws Exception {
        harness.folder.grant(StepHarness.USER, CredentialsProvider.CREATE);
        Step step = new EsCreateCrossClusterKeyStep.DescriptorImpl().newInstance(
                Map.of("alias", "leader", "cluster", "local", "remoteCluster", "remote-by-key"));

        StepHarness.Outcome outcome = harness.run(step);

        assertTrue(outcome.failed().getMessage().contains("manage_security"), outcome.failed().getMessage());
        assertTrue(outcome.failed().getMessage().contains("'remote-by-key'"), outcome.failed().getMessage());
        assertNull(harness.folder.find("es-ccs-leader"));
    }

    @Test
    void keyWithoutPermissionFailsBeforeContactingCluster() throws Exception {
        Step step = new EsCreateCrossClusterKeyStep.DescriptorImpl().newInstance(
                Map.of("alias", "leader", "cluster", "local", "remoteCluster", "local"));

        StepHarness.Outcome outcome = harness.run(step);

        assertTrue(outcome.failed().getMessage().contains("Credentials/Create"), outcome.failed().getMessage());
        assertEquals("", outcome.console());
    }
}
