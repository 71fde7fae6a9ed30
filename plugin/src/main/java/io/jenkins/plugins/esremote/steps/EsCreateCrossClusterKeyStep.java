package io.jenkins.plugins.esremote.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.credentials.KeyCredentialWriter;
import io.jenkins.plugins.esremote.engine.Authentication;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.engine.CreateKeyRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Creates the cross-cluster API key on the remote cluster and writes its encoded form straight
 * into a Secret text credential. The result names the credential and the key, never the secret.
 */
public class EsCreateCrossClusterKeyStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esCreateCrossClusterKey";

    private String keyCredentialsId;
    private String credentialsStore;
    private String keyName;
    private Map<String, Object> access;
    private String expiration;

    @DataBoundConstructor
    public EsCreateCrossClusterKeyStep(String alias) {
        super(alias);
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    /** Sets the id of the Secret text credential; empty means the prefix followed by the alias. */
    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = trim(keyCredentialsId);
    }

    public String getCredentialsStore() {
        return credentialsStore;
    }

    /** Sets {@code folder} (the default) or {@code system}. */
    @DataBoundSetter
    public void setCredentialsStore(String credentialsStore) {
        this.credentialsStore = trim(credentialsStore);
        KeyCredentialWriter.Target.parse(this.credentialsStore);
    }

    public String getKeyName() {
        return keyName;
    }

    @DataBoundSetter
    public void setKeyName(String keyName) {
        this.keyName = trim(keyName);
    }

    public Map<String, Object> getAccess() {
        return access;
    }

    /**
     * Sets the key's access as Elasticsearch writes it; empty means derive it.
     *
     * <p>NOTE: Pipeline passes the map through as is, but the Snippet Generator has no form
     * control for a map, so this parameter is Pipeline-only; not checked in a running Jenkins.
     */
    @DataBoundSetter
    public void setAccess(Map<String, Object> access) {
        this.access = access == null || access.isEmpty() ? null : new LinkedHashMap<>(access);
    }

    public String getExpiration() {
        return expiration;
    }

    @DataBoundSetter
    public void setExpiration(String expiration) {
        this.expiration = trim(expiration);
    }

    CreateKeyRequest request() {
        return Requests.createKey(keyName, access, expiration);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Registers the step under its Pipeline name. */
    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return Messages.EsCreateCrossClusterKeyStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsCreateCrossClusterKeyStep step;

        Execution(EsCreateCrossClusterKeyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            ClusterConnection local = stepRun.local();
            ClusterConnection remote = stepRun.remote(true);
            if (remote.authentication().type() != Authentication.Type.BASIC) {
                local.authentication().destroy();
                remote.authentication().destroy();
                throw new AbortException(Messages.EsCreateCrossClusterKeyStep_NeedsUser(
                        remote.name(), remote.authentication().type()));
            }

            // Checked before the key exists, so a refused write never orphans a key.
            KeyCredentialWriter writer;
            try {
                writer = KeyCredentialWriter.prepare(stepRun.services().credentials(),
                        stepRun.services().configuration(), stepRun.run(), step.getKeyCredentialsId(),
                        step.getCredentialsStore(), step.getAlias());
            } catch (AbortException e) {
                local.authentication().destroy();
                remote.authentication().destroy();
                throw e;
            }

            Map<String, Object> map = stepRun.execute(local, remote,
                    migration -> migration.createCrossClusterKey(step.request(), writer));
            map.put("credentialsId", writer.credentialsId());
            map.put("credentialsStore", writer.storeDescription());
            map.put("credentialAction", writer.action().id());
            stepRun.log("credential '" + writer.credentialsId() + "' in the " + writer.storeDescription()
                    + " store " + writer.action().id() + " for key " + map.get("keyId"));
            return map;
        }

        private static final long serialVersionUID = 1L;
    }
}
