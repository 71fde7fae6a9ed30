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
 * Loads the keystore entry with the cross-cluster key on the local nodes: a secure settings
 * reload on 8.13+, or restart instructions for the operator before 8.13.
 */
public class EsReloadSecureSettingsStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esReloadSecureSettings";

    @DataBoundConstructor
    public EsReloadSecureSettingsStep(String alias) {
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
            return Messages.EsReloadSecureSettingsStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsReloadSecureSettingsStep step;

        Execution(EsReloadSecureSettingsStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            return stepRun.execute(
                    stepRun.local(), stepRun.remote(false), migration -> migration.reloadSecureSettings());
        }

        private static final long serialVersionUID = 1L;
    }
}
