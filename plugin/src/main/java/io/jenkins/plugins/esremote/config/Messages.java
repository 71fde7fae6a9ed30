package io.jenkins.plugins.esremote.config;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Display names and messages from {@code Messages.properties}. The class is written by hand with
 * the method names the Jenkins localizer would generate, because the localizer Maven plugin does
 * not resolve from Maven Central. The Jenkins build in jenkins-build/ turns the generator off.
 */
final class Messages {

    private Messages() {}

    static String EsClustersConfiguration_DisplayName() {
        return format("EsClustersConfiguration.DisplayName");
    }

    static String EsClustersConfiguration_InvalidPrefix(Object prefix) {
        return format("EsClustersConfiguration.InvalidPrefix", prefix);
    }

    static String EsClustersConfiguration_BlankPrefix(Object defaultPrefix) {
        return format("EsClustersConfiguration.BlankPrefix", defaultPrefix);
    }

    static String EsClustersConfiguration_DuplicateName(Object name) {
        return format("EsClustersConfiguration.DuplicateName", name);
    }

    static String EsClusterConnection_DisplayName() {
        return format("EsClusterConnection.DisplayName");
    }

    static String EsClusterConnection_MissingName() {
        return format("EsClusterConnection.MissingName");
    }

    static String EsClusterConnection_MissingUrls() {
        return format("EsClusterConnection.MissingUrls");
    }

    static String EsClusterConnection_PlainHttp(Object url) {
        return format("EsClusterConnection.PlainHttp", url);
    }

    static String EsClusterConnection_MissingCredentialsId() {
        return format("EsClusterConnection.MissingCredentialsId");
    }

    static String EsClusterConnection_InvalidTimeout(Object seconds) {
        return format("EsClusterConnection.InvalidTimeout", seconds);
    }

    static String ConnectionResolver_BothGiven(Object role, Object nameParameter, Object urlParameter) {
        return format("ConnectionResolver.BothGiven", role, nameParameter, urlParameter);
    }

    static String ConnectionResolver_Missing(Object role, Object nameParameter, Object urlParameter) {
        return format("ConnectionResolver.Missing", role, nameParameter, urlParameter);
    }

    static String ConnectionResolver_UnknownCluster(Object role, Object name, Object known) {
        return format("ConnectionResolver.UnknownCluster", role, name, known);
    }

    static String ConnectionResolver_MissingCredentialsId(Object role, Object name) {
        return format("ConnectionResolver.MissingCredentialsId", role, name);
    }

    static String ConnectionResolver_CredentialNotFound(Object id, Object role, Object name) {
        return format("ConnectionResolver.CredentialNotFound", id, role, name);
    }

    static String ConnectionResolver_Invalid(Object role, Object name, Object reason) {
        return format("ConnectionResolver.Invalid", role, name, reason);
    }

    private static String format(String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(Messages.class.getName()).getString(key);
        return new MessageFormat(pattern).format(arguments);
    }
}
