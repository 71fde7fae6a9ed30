package io.jenkins.plugins.esremote.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.engine.TlsTrust;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One named Elasticsearch cluster connection of the global configuration: node URLs, the id of
 * its credential, TLS trust and timeouts. It stores no secret, only the credential id.
 */
public class EsClusterConnection implements Describable<EsClusterConnection> {

    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS =
            (int) ClusterConnection.DEFAULT_CONNECT_TIMEOUT.toSeconds();
    static final int DEFAULT_SOCKET_TIMEOUT_SECONDS =
            (int) ClusterConnection.DEFAULT_SOCKET_TIMEOUT.toSeconds();

    private final String name;
    private final String urls;
    private final String credentialsId;
    private String caCertificate;
    private String caFingerprint;
    private int connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    private int socketTimeoutSeconds = DEFAULT_SOCKET_TIMEOUT_SECONDS;

    @DataBoundConstructor
    public EsClusterConnection(String name, String urls, String credentialsId) {
        this.name = trimToNull(name);
        this.urls = trimToNull(urls);
        this.credentialsId = trimToNull(credentialsId);
    }

    public String getName() {
        return name;
    }

    /** Node URLs separated by commas or white space. */
    public String getUrls() {
        return urls;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trimToNull(caCertificate);
    }

    public String getCaFingerprint() {
        return caFingerprint;
    }

    @DataBoundSetter
    public void setCaFingerprint(String caFingerprint) {
        this.caFingerprint = trimToNull(caFingerprint);
    }

    public int getConnectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    @DataBoundSetter
    public void setConnectTimeoutSeconds(int connectTimeoutSeconds) {
        this.connectTimeoutSeconds = connectTimeoutSeconds;
    }

    public int getSocketTimeoutSeconds() {
        return socketTimeoutSeconds;
    }

    @DataBoundSetter
    public void setSocketTimeoutSeconds(int socketTimeoutSeconds) {
        this.socketTimeoutSeconds = socketTimeoutSeconds;
    }

    /** Splits {@link #getUrls()} at commas and white space. */
    public List<String> urlList() {
        return splitUrls(urls);
    }

    static List<String> splitUrls(String value) {
        List<String> list = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[,\\s]+")) {
                if (!part.isEmpty()) {
                    list.add(part);
                }
            }
        }
        return list;
    }

    static String trimToNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    /** The form and validation of a cluster connection entry. */
    @Extension
    @Symbol("elasticsearchCluster")
    public static class DescriptorImpl extends Descriptor<EsClusterConnection> {

        @Override
        public String getDisplayName() {
            return Messages.EsClusterConnection_DisplayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            if (trimToNull(value) == null) {
                return FormValidation.error(Messages.EsClusterConnection_MissingName());
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckUrls(@QueryParameter String value) {
            List<String> list = splitUrls(value);
            if (list.isEmpty()) {
                return FormValidation.error(Messages.EsClusterConnection_MissingUrls());
            }
            try {
                ClusterConnection.builder("check").urls(list);
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
            for (String url : list) {
                if (url.startsWith("http:")) {
                    return FormValidation.warning(Messages.EsClusterConnection_PlainHttp(url));
                }
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            if (trimToNull(value) == null) {
                return FormValidation.error(Messages.EsClusterConnection_MissingCredentialsId());
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return checkTrust(value, null);
        }

        public FormValidation doCheckCaFingerprint(@QueryParameter String value) {
            return checkTrust(null, value);
        }

        public FormValidation doCheckConnectTimeoutSeconds(@QueryParameter int value) {
            return checkPositive(value);
        }

        public FormValidation doCheckSocketTimeoutSeconds(@QueryParameter int value) {
            return checkPositive(value);
        }

        private static FormValidation checkTrust(String pem, String fingerprint) {
            try {
                TlsTrust.of(pem, fingerprint);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        private static FormValidation checkPositive(int seconds) {
            if (seconds <= 0) {
                return FormValidation.error(Messages.EsClusterConnection_InvalidTimeout(seconds));
            }
            return FormValidation.ok();
        }
    }
}
