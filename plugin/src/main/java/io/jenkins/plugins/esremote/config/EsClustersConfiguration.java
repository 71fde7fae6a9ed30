package io.jenkins.plugins.esremote.config;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The "Elasticsearch clusters" section of the system configuration: named cluster connections and
 * the administrator's rules for credentials that {@code esCreateCrossClusterKey} writes.
 */
@Extension
@Symbol("elasticsearchClusters")
public class EsClustersConfiguration extends GlobalConfiguration {

    /** The prefix of credential ids the key step may write when an administrator sets none. */
    public static final String DEFAULT_CREDENTIALS_ID_PREFIX = "es-ccs-";

    /** Characters Jenkins accepts in credential ids. */
    static final Pattern CREDENTIALS_ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private List<EsClusterConnection> clusters = new ArrayList<>();
    private boolean allowSystemCredentialsStore;
    private String credentialsIdPrefix = DEFAULT_CREDENTIALS_ID_PREFIX;

    public EsClustersConfiguration() {
        load();
    }

    /** Returns the registered instance; only inside a running Jenkins. */
    public static EsClustersConfiguration get() {
        return ExtensionList.lookupSingleton(EsClustersConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.EsClustersConfiguration_DisplayName();
    }

    /**
     * Binds the form. A form with no connection left has no {@code clusters} entry at all, so the
     * list is cleared first; otherwise deleting the last connection would not stick.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        clusters = new ArrayList<>();
        req.bindJSON(this, json);
        save();
        return true;
    }

    public List<EsClusterConnection> getClusters() {
        return clusters;
    }

    @DataBoundSetter
    public void setClusters(List<EsClusterConnection> clusters) {
        List<EsClusterConnection> list = clusters == null ? new ArrayList<>() : new ArrayList<>(clusters);
        List<String> names = new ArrayList<>();
        for (EsClusterConnection cluster : list) {
            if (names.contains(cluster.getName())) {
                throw new IllegalArgumentException(
                        Messages.EsClustersConfiguration_DuplicateName(cluster.getName()));
            }
            names.add(cluster.getName());
        }
        this.clusters = list;
        save();
    }

    /** Returns the connection named {@code name}, or {@code null}. */
    public EsClusterConnection getCluster(String name) {
        for (EsClusterConnection cluster : clusters) {
            if (cluster.getName() != null && cluster.getName().equals(name)) {
                return cluster;
            }
        }
        return null;
    }

    public boolean isAllowSystemCredentialsStore() {
        return allowSystemCredentialsStore;
    }

    @DataBoundSetter
    public void setAllowSystemCredentialsStore(boolean allowSystemCredentialsStore) {
        this.allowSystemCredentialsStore = allowSystemCredentialsStore;
        save();
    }

    public String getCredentialsIdPrefix() {
        return credentialsIdPrefix;
    }

    /** Sets the prefix; a blank value restores the default, so ids are always restricted. */
    @DataBoundSetter
    public void setCredentialsIdPrefix(String credentialsIdPrefix) {
        String value = EsClusterConnection.trimToNull(credentialsIdPrefix);
        if (value != null && !CREDENTIALS_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    Messages.EsClustersConfiguration_InvalidPrefix(credentialsIdPrefix));
        }
        this.credentialsIdPrefix = value == null ? DEFAULT_CREDENTIALS_ID_PREFIX : value;
        save();
    }

    public FormValidation doCheckCredentialsIdPrefix(@QueryParameter String value) {
        String prefix = EsClusterConnection.trimToNull(value);
        if (prefix == null) {
            return FormValidation.warning(
                    Messages.EsClustersConfiguration_BlankPrefix(DEFAULT_CREDENTIALS_ID_PREFIX));
        }
        if (!CREDENTIALS_ID.matcher(prefix).matches()) {
            return FormValidation.error(Messages.EsClustersConfiguration_InvalidPrefix(value));
        }
        return FormValidation.ok();
    }
}
