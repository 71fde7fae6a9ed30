package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binds named arguments to every step the way Pipeline does and checks what it accepts. */
class StepBindingTest {

    static Stream<StepDescriptor> descriptors() {
        return Stream.of(
                new EsPlanMigrationStep.DescriptorImpl(),
                new EsCreateCrossClusterKeyStep.DescriptorImpl(),
                new EsPauseRemoteTasksStep.DescriptorImpl(),
                new EsGrantRemotePrivilegesStep.DescriptorImpl(),
                new EsDisconnectRemoteStep.DescriptorImpl(),
                new EsReloadSecureSettingsStep.DescriptorImpl(),
                new EsReconnectRemoteStep.DescriptorImpl(),
                new EsVerifyRemoteStep.DescriptorImpl(),
                new EsResumeRemoteTasksStep.DescriptorImpl(),
                new EsDisableCertificateAccessStep.DescriptorImpl(),
                new EsRollbackRemoteStep.DescriptorImpl());
    }

    /** Returns the arguments each step needs at least. */
    static Map<String, Object> required(StepDescriptor descriptor) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("alias", "leader");
        if (descriptor.getFunctionName().equals("esDisableCertificateAccess")) {
            arguments.put("approvedBy", "alice");
        }
        return arguments;
    }

    @Test
    void functionNamesAreTheDocumentedOnes() {
        List<String> names = descriptors().map(StepDescriptor::getFunctionName).toList();

        assertEquals(
                List.of("esPlanMigration", "esCreateCrossClusterKey", "esPauseRemoteTasks",
                        "esGrantRemotePrivileges", "esDisconnectRemote", "esReloadSecureSettings",
                        "esReconnectRemote", "esVerifyRemote", "esResumeRemoteTasks",
                        "esDisableCertificateAccess", "esRollbackRemote"),
                names);
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void needsOnlyRunAndListener(StepDescriptor descriptor) {
        assertEquals(Set.of(Run.class, TaskListener.class), descriptor.getRequiredContext());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void displayNameComesFromMessages(StepDescriptor descriptor) {
        String name = descriptor.getDisplayName();

        assertTrue(name.contains("Elasticsearch"), name);
        assertFalse(name.contains("Step"), name);
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void missingAliasIsRejected(StepDescriptor descriptor) {
        Map<String, Object> arguments = required(descriptor);
        arguments.remove("alias");

        Exception error = assertThrows(IllegalArgumentException.class, () -> descriptor.newInstance(arguments));

        assertTrue(error.getMessage().contains("Missing alias"), error.getMessage());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void unknownParameterIsRejected(StepDescriptor descriptor) {
        Map<String, Object> arguments = required(descriptor);
        arguments.put("clusterName", "prod");

        Exception error = assertThrows(IllegalArgumentException.class, () -> descriptor.newInstance(arguments));

        assertTrue(error.getMessage().contains("clusterName"), error.getMessage());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void connectionParametersBind(StepDescriptor descriptor) throws Exception {
        Map<String, Object> arguments = required(descriptor);
        arguments.put("cluster", " prod-local ");
        arguments.put("remoteUrl", "https://remote:9200");
        arguments.put("remoteCredentialsId", "remote-admin");
        arguments.put("remoteCaFingerprint", "ab:cd");
        arguments.put("switchOrder", "documented");

        EsMigrationStep step = (EsMigrationStep) descriptor.newInstance(arguments);

        assertEquals("leader", step.getAlias());
        assertEquals("prod-local", step.getCluster());
        assertNull(step.getUrl());
        assertEquals("https://remote:9200", step.getRemoteUrl());
        assertEquals("remote-admin", step.getRemoteCredentialsId());
        assertEquals("ab:cd", step.getRemoteCaFingerprint());
        assertEquals("documented", step.getSwitchOrder());
    }

    @ParameterizedTest
    @MethodSource("descriptors")
    void invalidSwitchOrderIsRejected(StepDescriptor descriptor) {
        Map<String, Object> arguments = required(descriptor);
        arguments.put("switchOrder", "fast");

        Exception error = assertThrows(IllegalArgumentException.class, () -> descriptor.newInstance(arguments));

        assertTrue(error.getMessage().contains("reload-and-repoint, documented"), error.getMessage());
    }

    static Stream<Arguments> optionalParameters() {
        Map<String, Object> access = Map.of("search", List.of(Map.of("names", List.of("logs-*"))));
        List<Map<String, Object>> grants = List.of(Map.of("role", "reader", "copyFrom", List.of("remote_reader")));
        return Stream.of(
                Arguments.of("esPlanMigration", "keyName", "k1", "getKeyName"),
                Arguments.of("esPlanMigration", "access", access, "getAccess"),
                Arguments.of("esPlanMigration", "expiration", "90d", "getExpiration"),
                Arguments.of("esPlanMigration", "grants", grants, "getGrants"),
                Arguments.of("esPlanMigration", "mode", "sniff", "getMode"),
                Arguments.of("esPlanMigration", "addresses", List.of("es1:9443"), "getAddresses"),
                Arguments.of("esPlanMigration", "serverName", "es.example.com", "getServerName"),
                Arguments.of("esCreateCrossClusterKey", "keyCredentialsId", "es-ccs-x", "getKeyCredentialsId"),
                Arguments.of("esCreateCrossClusterKey", "credentialsStore", "system", "getCredentialsStore"),
                Arguments.of("esCreateCrossClusterKey", "keyName", "k1", "getKeyName"),
                Arguments.of("esCreateCrossClusterKey", "access", access, "getAccess"),
                Arguments.of("esCreateCrossClusterKey", "expiration", "30d", "getExpiration"),
                Arguments.of("esGrantRemotePrivileges", "grants", grants, "getGrants"),
                Arguments.of("esReconnectRemote", "mode", "proxy", "getMode"),
                Arguments.of("esReconnectRemote", "addresses", List.of("es1:9443"), "getAddresses"),
                Arguments.of("esReconnectRemote", "serverName", "es.example.com", "getServerName"),
                Arguments.of("esReconnectRemote", "checkRemotePort", false, "isCheckRemotePort"),
                Arguments.of("esVerifyRemote", "probeIndex", "logs", "getProbeIndex"),
                Arguments.of("esVerifyRemote", "keyExpiryWarningDays", 7, "getKeyExpiryWarningDays"),
                Arguments.of("esVerifyRemote", "failOnProblems", false, "isFailOnProblems"),
                Arguments.of("esDisableCertificateAccess", "ipFilter", false, "isIpFilter"),
                Arguments.of("esDisableCertificateAccess", "allow", List.of("10.0.0.1"), "getAllow"),
                Arguments.of("esDisableCertificateAccess", "deleteRoles", List.of("old_ccs"), "getDeleteRoles"),
                Arguments.of("esDisableCertificateAccess", "requireVerified", false, "isRequireVerified"),
                Arguments.of("esRollbackRemote", "keystoreEntryRemoved", true, "isKeystoreEntryRemoved"),
                Arguments.of("esRollbackRemote", "invalidateKey", false, "isInvalidateKey"));
    }

    @ParameterizedTest
    @MethodSource("optionalParameters")
    void optionalParameterBinds(String function, String name, Object value, String getter) throws Exception {
        StepDescriptor descriptor = descriptors()
                .filter(candidate -> candidate.getFunctionName().equals(function))
                .findFirst()
                .orElseThrow();
        Map<String, Object> arguments = new LinkedHashMap<>(required(descriptor));
        arguments.put(name, value);

        Step step = descriptor.newInstance(arguments);

        assertEquals(value, step.getClass().getMethod(getter).invoke(step));
    }

    @Test
    void defaultsOfVerify() throws Exception {
        EsVerifyRemoteStep step = new EsVerifyRemoteStep("leader");

        assertTrue(step.isFailOnProblems());
        assertEquals(30, step.getKeyExpiryWarningDays());
        assertNull(step.getProbeIndex());
    }

    @Test
    void reconnectChecksRemotePortByDefault() {
        EsReconnectRemoteStep step = new EsReconnectRemoteStep("leader");

        assertTrue(step.isCheckRemotePort());
        assertTrue(step.migrationOptions().remotePortCheck());
    }

    @Test
    void reconnectPassesPortCheckChoice() {
        EsReconnectRemoteStep step = new EsReconnectRemoteStep("leader");
        step.setCheckRemotePort(false);

        assertFalse(step.migrationOptions().remotePortCheck());
    }

    @Test
    void defaultsOfDisableCertificateAccess() {
        EsDisableCertificateAccessStep step = new EsDisableCertificateAccessStep("leader", "alice");

        assertTrue(step.isIpFilter());
        assertTrue(step.isRequireVerified());
        assertEquals("alice", step.getApprovedBy());
    }

    @Test
    void defaultsOfRollback() {
        EsRollbackRemoteStep step = new EsRollbackRemoteStep("leader");

        assertTrue(step.isInvalidateKey());
        assertFalse(step.isKeystoreEntryRemoved());
    }

    @Test
    void disableWithoutApproverIsRejected() {
        StepDescriptor descriptor = new EsDisableCertificateAccessStep.DescriptorImpl();

        Exception error = assertThrows(IllegalArgumentException.class,
                () -> descriptor.newInstance(Map.of("alias", "leader")));

        assertTrue(error.getMessage().contains("Missing approvedBy"), error.getMessage());
    }

    @Test
    void invalidModeIsRejected() {
        StepDescriptor descriptor = new EsReconnectRemoteStep.DescriptorImpl();

        Exception error = assertThrows(IllegalArgumentException.class,
                () -> descriptor.newInstance(Map.of("alias", "leader", "mode", "direct")));

        assertTrue(error.getMessage().contains("Invalid mode 'direct'"), error.getMessage());
    }

    @Test
    void invalidCredentialsStoreIsRejected() {
        StepDescriptor descriptor = new EsCreateCrossClusterKeyStep.DescriptorImpl();

        Exception error = assertThrows(IllegalArgumentException.class,
                () -> descriptor.newInstance(Map.of("alias", "leader", "credentialsStore", "user")));

        assertTrue(error.getMessage().contains("'folder' or 'system'"), error.getMessage());
    }

    @Test
    void invalidGrantIsRejected() {
        StepDescriptor descriptor = new EsGrantRemotePrivilegesStep.DescriptorImpl();

        Exception error = assertThrows(IllegalArgumentException.class,
                () -> descriptor.newInstance(Map.of("alias", "leader", "grants", List.of(Map.of("role", "x")))));

        assertTrue(error.getMessage().contains("copyFrom"), error.getMessage());
    }
}
