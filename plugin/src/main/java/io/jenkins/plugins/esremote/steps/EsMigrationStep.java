package io.jenkins.plugins.esremote.steps;

import io.jenkins.plugins.esremote.engine.JournalKey;
import io.jenkins.plugins.esremote.engine.MigrationOptions;
import io.jenkins.plugins.esremote.engine.SwitchOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters every migration step takes: the alias, the local cluster (a configured
 * connection or an inline URL and credential id), the optional remote cluster and the switch
 * order. Values are trimmed and blanks become {@code null}, as the Snippet Generator sends them.
 */
public abstract class EsMigrationStep extends Step {

    private final String alias;
    private String cluster;
    private String url;
    private String credentialsId;
    private String caCertificate;
    private String caFingerprint;
    private String remoteCluster;
    private String remoteUrl;
    private String remoteCredentialsId;
    private String remoteCaCertificate;
    private String remoteCaFingerprint;
    private String switchOrder;

    protected EsMigrationStep(String alias) {
        String value = trim(alias);
        if (value == null) {
            throw new IllegalArgumentException(
                    "Missing alias: give the remote cluster alias on the local cluster, for "
                            + "example alias: 'leader'.");
        }
        this.alias = JournalKey.requireValidAlias(value);
    }

    public String getAlias() {
        return alias;
    }

    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = trim(cluster);
    }

    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = trim(url);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = trim(credentialsId);
    }

    public String getCaCertificate() {
        return caCertificate;
    }

    @DataBoundSetter
    public void setCaCertificate(String caCertificate) {
        this.caCertificate = trim(caCertificate);
    }

    public String getCaFingerprint() {
        return caFingerprint;
    }

    @DataBoundSetter
    public void setCaFingerprint(String caFingerprint) {
        this.caFingerprint = trim(caFingerprint);
    }

    public String getRemoteCluster() {
        return remoteCluster;
    }

    @DataBoundSetter
    public void setRemoteCluster(String remoteCluster) {
        this.remoteCluster = trim(remoteCluster);
    }

    public String getRemoteUrl() {
        return remoteUrl;
    }

    @DataBoundSetter
    public void setRemoteUrl(String remoteUrl) {
        this.remoteUrl = trim(remoteUrl);
    }

    public String getRemoteCredentialsId() {
        return remoteCredentialsId;
    }

    @DataBoundSetter
    public void setRemoteCredentialsId(String remoteCredentialsId) {
        this.remoteCredentialsId = trim(remoteCredentialsId);
    }

    public String getRemoteCaCertificate() {
        return remoteCaCertificate;
    }

    @DataBoundSetter
    public void setRemoteCaCertificate(String remoteCaCertificate) {
        this.remoteCaCertificate = trim(remoteCaCertificate);
    }

    public String getRemoteCaFingerprint() {
        return remoteCaFingerprint;
    }

    @DataBoundSetter
    public void setRemoteCaFingerprint(String remoteCaFingerprint) {
        this.remoteCaFingerprint = trim(remoteCaFingerprint);
    }

    public String getSwitchOrder() {
        return switchOrder;
    }

    /** Sets {@code reload-and-repoint} or {@code documented}; blank lets the engine choose. */
    @DataBoundSetter
    public void setSwitchOrder(String switchOrder) {
        String value = trim(switchOrder);
        if (value != null) {
            parseSwitchOrder(value);
        }
        this.switchOrder = value;
    }

    /** Returns whether the step was given a remote cluster, by name or inline. */
    boolean hasRemote() {
        return remoteCluster != null || remoteUrl != null;
    }

    /** Returns the engine options for this step: the switch order, and what a subclass adds. */
    MigrationOptions migrationOptions() {
        return MigrationOptions.defaults().withSwitchOrder(switchOrderValue());
    }

    SwitchOrder switchOrderValue() {
        return switchOrder == null ? null : parseSwitchOrder(switchOrder);
    }

    private static SwitchOrder parseSwitchOrder(String value) {
        List<String> ids = new ArrayList<>();
        for (SwitchOrder order : SwitchOrder.values()) {
            if (order.id().equals(value.toLowerCase(Locale.ROOT))) {
                return order;
            }
            ids.add(order.id());
        }
        throw new IllegalArgumentException(
                "Invalid switchOrder '" + value + "': use one of " + String.join(", ", ids) + ".");
    }

    static String trim(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    static List<String> trimAll(List<String> values) {
        List<String> list = new ArrayList<>();
        if (values != null) {
            for (Object value : values) {
                String text = value == null ? null : trim(value.toString());
                if (text != null) {
                    list.add(text);
                }
            }
        }
        return list;
    }
}
