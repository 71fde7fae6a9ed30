package io.jenkins.plugins.esremote.config;

import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.esremote.credentials.CredentialsAccess;
import io.jenkins.plugins.esremote.engine.Authentication;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.engine.TlsTrust;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns a step's connection parameters (a configured connection name, or an inline URL and
 * credential id) into an engine {@link ClusterConnection}, reading the secret from the credential
 * only here and only for the engine.
 */
public final class ConnectionResolver {

    private final CredentialsAccess credentials;
    private final EsClustersConfiguration configuration;
    private final Run<?, ?> run;

    public ConnectionResolver(
            CredentialsAccess credentials, EsClustersConfiguration configuration, Run<?, ?> run) {
        this.credentials = credentials;
        this.configuration = configuration;
        this.run = run;
    }

    /**
     * Resolves one side of the migration. {@code role} ({@code local} or {@code remote}) and the
     * two parameter names only appear in error messages.
     */
    public ClusterConnection resolve(
            String role,
            String nameParameter,
            String urlParameter,
            String clusterName,
            String url,
            String credentialsId,
            String caCertificate,
            String caFingerprint)
            throws AbortException {
        if (clusterName != null && url != null) {
            throw new AbortException(
                    Messages.ConnectionResolver_BothGiven(role, nameParameter, urlParameter));
        }
        if (clusterName != null) {
            return fromConfiguration(role, clusterName);
        }
        if (url == null) {
            throw new AbortException(
                    Messages.ConnectionResolver_Missing(role, nameParameter, urlParameter));
        }
        List<String> urls = EsClusterConnection.splitUrls(url);
        String name = withoutUserInfo(urls.isEmpty() ? url : urls.get(0));
        return build(role, name, urls, credentialsId, caCertificate, caFingerprint,
                EsClusterConnection.DEFAULT_CONNECT_TIMEOUT_SECONDS,
                EsClusterConnection.DEFAULT_SOCKET_TIMEOUT_SECONDS);
    }

    /**
     * Masks everything between the scheme and the last {@code @}: an inline URL names the
     * connection in messages and console lines, and a password written into it must not show.
     */
    static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        String prefix = scheme >= 0 && scheme < at ? url.substring(0, scheme + 3) : "";
        return prefix + "****@" + url.substring(at + 1);
    }

    private ClusterConnection fromConfiguration(String role, String clusterName) throws AbortException {
        EsClusterConnection connection = configuration.getCluster(clusterName);
        if (connection == null) {
            List<String> known = new ArrayList<>();
            configuration.getClusters().forEach(cluster -> known.add(cluster.getName()));
            throw new AbortException(
                    Messages.ConnectionResolver_UnknownCluster(role, clusterName, known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return build(role, connection.getName(), connection.urlList(), connection.getCredentialsId(),
                connection.getCaCertificate(), connection.getCaFingerprint(),
                connection.getConnectTimeoutSeconds(), connection.getSocketTimeoutSeconds());
    }

    private ClusterConnection build(
            String role,
            String name,
            List<String> urls,
            String credentialsId,
            String caCertificate,
            String caFingerprint,
            int connectTimeoutSeconds,
            int socketTimeoutSeconds)
            throws AbortException {
        if (credentialsId == null) {
            throw new AbortException(Messages.ConnectionResolver_MissingCredentialsId(role, name));
        }
        Authentication authentication = authentication(role, name, credentialsId);
        try {
            return ClusterConnection.builder(name)
                    .urls(urls)
                    .authentication(authentication)
                    .tlsTrust(TlsTrust.of(caCertificate, caFingerprint))
                    .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                    .socketTimeout(Duration.ofSeconds(socketTimeoutSeconds))
                    .build();
        } catch (IllegalArgumentException e) {
            authentication.destroy();
            throw new AbortException(Messages.ConnectionResolver_Invalid(role, name, e.getMessage()));
        }
    }

    private Authentication authentication(String role, String name, String credentialsId)
            throws AbortException {
        StandardUsernamePasswordCredentials user =
                credentials.findCredential(credentialsId, StandardUsernamePasswordCredentials.class, run);
        if (user != null) {
            char[] password = user.getPassword().getPlainText().toCharArray();
            try {
                return Authentication.basic(user.getUsername(), password);
            } catch (IllegalArgumentException e) {
                throw new AbortException(
                        Messages.ConnectionResolver_Invalid(role, name, e.getMessage()));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        StringCredentials apiKey = credentials.findCredential(credentialsId, StringCredentials.class, run);
        if (apiKey != null) {
            char[] encoded = apiKey.getSecret().getPlainText().toCharArray();
            try {
                return Authentication.apiKey(encoded);
            } catch (IllegalArgumentException e) {
                throw new AbortException(
                        Messages.ConnectionResolver_Invalid(role, name, e.getMessage()));
            } finally {
                Arrays.fill(encoded, '\0');
            }
        }
        throw new AbortException(Messages.ConnectionResolver_CredentialNotFound(credentialsId, role, name));
    }
}
