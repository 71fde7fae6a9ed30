package io.jenkins.plugins.esremote.steps;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Display names and messages from {@code Messages.properties}. The class is written by hand with
 * the method names the Jenkins localizer would generate, because the localizer Maven plugin does
 * not resolve from Maven Central. The Jenkins build in jenkins-build/ turns the generator off.
 */
final class Messages {

    private Messages() {}

    static String EsPlanMigrationStep_DisplayName() {
        return format("EsPlanMigrationStep.DisplayName");
    }

    static String EsCreateCrossClusterKeyStep_DisplayName() {
        return format("EsCreateCrossClusterKeyStep.DisplayName");
    }

    static String EsCreateCrossClusterKeyStep_NeedsUser(Object cluster, Object authentication) {
        return format("EsCreateCrossClusterKeyStep.NeedsUser", cluster, authentication);
    }

    static String EsPauseRemoteTasksStep_DisplayName() {
        return format("EsPauseRemoteTasksStep.DisplayName");
    }

    static String EsGrantRemotePrivilegesStep_DisplayName() {
        return format("EsGrantRemotePrivilegesStep.DisplayName");
    }

    static String EsDisconnectRemoteStep_DisplayName() {
        return format("EsDisconnectRemoteStep.DisplayName");
    }

    static String EsReloadSecureSettingsStep_DisplayName() {
        return format("EsReloadSecureSettingsStep.DisplayName");
    }

    static String EsReconnectRemoteStep_DisplayName() {
        return format("EsReconnectRemoteStep.DisplayName");
    }

    static String EsVerifyRemoteStep_DisplayName() {
        return format("EsVerifyRemoteStep.DisplayName");
    }

    static String EsResumeRemoteTasksStep_DisplayName() {
        return format("EsResumeRemoteTasksStep.DisplayName");
    }

    static String EsDisableCertificateAccessStep_DisplayName() {
        return format("EsDisableCertificateAccessStep.DisplayName");
    }

    static String EsRollbackRemoteStep_DisplayName() {
        return format("EsRollbackRemoteStep.DisplayName");
    }

    private static String format(String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(Messages.class.getName()).getString(key);
        return new MessageFormat(pattern).format(arguments);
    }
}
