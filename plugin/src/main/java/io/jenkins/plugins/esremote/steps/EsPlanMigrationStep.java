package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.PlanRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Checks both clusters (versions, licences, the remote cluster server, how the alias is
 * configured, the tasks and roles that use it) and previews every phase. Changes nothing; the
 * returned {@code ready} and {@code blockers} tell a Jenkinsfile whether to go on.
 */
public class EsPlanMigrationStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esPlanMigration";

    private String keyName;
    private Map<String, Object> access;
    private String expiration;
    private List<Map<String, Object>> grants;
    private String mode;
    private List<String> addresses;
    private String serverName;

    @DataBoundConstructor
    public EsPlanMigrationStep(String alias) {
        super(alias);
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

    public List<Map<String, Object>> getGrants() {
        return grants;
    }

    @DataBoundSetter
    public void setGrants(List<Map<String, Object>> grants) {
        this.grants = grants == null || grants.isEmpty() ? null : new ArrayList<>(grants);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = trim(mode);
        Requests.parseMode(this.mode);
    }

    public List<String> getAddresses() {
        return addresses;
    }

    @DataBoundSetter
    public void setAddresses(List<String> addresses) {
        List<String> list = trimAll(addresses);
        this.addresses = list.isEmpty() ? null : list;
    }

    public String getServerName() {
        return serverName;
    }

    @DataBoundSetter
    public void setServerName(String serverName) {
        this.serverName = trim(serverName);
    }

    PlanRequest request() {
        return new PlanRequest(
                Requests.createKey(keyName, access, expiration),
                Requests.grants(grants),
                Requests.reconnect(mode, addresses, serverName));
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
            return Messages.EsPlanMigrationStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsPlanMigrationStep step;

        Execution(EsPlanMigrationStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            return stepRun.execute(stepRun.local(), stepRun.remote(true),
                    migration -> migration.plan(step.request()));
        }

        private static final long serialVersionUID = 1L;
    }
}
