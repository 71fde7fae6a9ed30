package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Records the alias's persistent and transient settings on the local cluster; under the
 * documented switch order it also removes them.
 */
public class EsDisconnectRemoteStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esDisconnectRemote";

    @DataBoundConstructor
    public EsDisconnectRemoteStep(String alias) {
        super(alias);
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
            return Messages.EsDisconnectRemoteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsDisconnectRemoteStep step;

        Execution(EsDisconnectRemoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            return stepRun.execute(
                    stepRun.local(), stepRun.remote(false), migration -> migration.disconnect());
        }

        private static final long serialVersionUID = 1L;
    }
}
