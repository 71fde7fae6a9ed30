package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.RollbackRequest;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Undoes the journaled phases in reverse from the journal under the Jenkins home, so a separate
 * rollback job can run it, and checks that the alias connects without {@code cluster_credentials}.
 */
public class EsRollbackRemoteStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esRollbackRemote";

    private boolean keystoreEntryRemoved;
    private boolean invalidateKey = true;

    @DataBoundConstructor
    public EsRollbackRemoteStep(String alias) {
        super(alias);
    }

    public boolean isKeystoreEntryRemoved() {
        return keystoreEntryRemoved;
    }

    /** Confirms that the operator removed the keystore entry from every local node. */
    @DataBoundSetter
    public void setKeystoreEntryRemoved(boolean keystoreEntryRemoved) {
        this.keystoreEntryRemoved = keystoreEntryRemoved;
    }

    public boolean isInvalidateKey() {
        return invalidateKey;
    }

    @DataBoundSetter
    public void setInvalidateKey(boolean invalidateKey) {
        this.invalidateKey = invalidateKey;
    }

    RollbackRequest request() {
        return new RollbackRequest(keystoreEntryRemoved, invalidateKey);
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
            return Messages.EsRollbackRemoteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsRollbackRemoteStep step;

        Execution(EsRollbackRemoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            return stepRun.execute(stepRun.local(), stepRun.remote(false),
                    migration -> migration.rollback(step.request()));
        }

        private static final long serialVersionUID = 1L;
    }
}
