package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.GrantPrivilegesRequest;
import java.util.ArrayList;
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
 * Adds {@code remote_indices} / {@code remote_cluster} privileges for the alias to local roles,
 * after journaling their full definitions. Without grants no role changes, which fits tasks that
 * run as {@code superuser}.
 */
public class EsGrantRemotePrivilegesStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esGrantRemotePrivileges";

    private List<Map<String, Object>> grants;

    @DataBoundConstructor
    public EsGrantRemotePrivilegesStep(String alias) {
        super(alias);
    }

    public List<Map<String, Object>> getGrants() {
        return grants;
    }

    /**
     * Sets the grants, each {@code [role: 'x', copyFrom: ['remote_role']]} or {@code [role: 'x',
     * remoteIndices: [[names: [...], privileges: [...]]], remoteCluster: [...]]}.
     */
    @DataBoundSetter
    public void setGrants(List<Map<String, Object>> grants) {
        this.grants = grants == null || grants.isEmpty() ? null : new ArrayList<>(grants);
        if (this.grants != null) {
            Requests.grants(this.grants);
        }
    }

    GrantPrivilegesRequest request() {
        return Requests.grants(grants);
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
            return Messages.EsGrantRemotePrivilegesStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsGrantRemotePrivilegesStep step;

        Execution(EsGrantRemotePrivilegesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            return stepRun.execute(stepRun.local(), stepRun.remote(false),
                    migration -> migration.grantRemotePrivileges(step.request()));
        }

        private static final long serialVersionUID = 1L;
    }
}
