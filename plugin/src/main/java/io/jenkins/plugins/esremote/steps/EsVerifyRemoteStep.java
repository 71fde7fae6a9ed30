package io.jenkins.plugins.esremote.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.VerifyRequest;
import io.jenkins.plugins.esremote.engine.VerifyResult;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Checks the alias on the local cluster: connected, authenticated with the cross-cluster API key
 * ({@code cluster_credentials}), an optional probe search, follower status and key expiry.
 */
public class EsVerifyRemoteStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esVerifyRemote";

    static final int DEFAULT_KEY_EXPIRY_WARNING_DAYS =
            (int) VerifyRequest.DEFAULT_KEY_EXPIRY_WARNING.toDays();

    private String probeIndex;
    private int keyExpiryWarningDays = DEFAULT_KEY_EXPIRY_WARNING_DAYS;
    private boolean failOnProblems = true;

    @DataBoundConstructor
    public EsVerifyRemoteStep(String alias) {
        super(alias);
    }

    public String getProbeIndex() {
        return probeIndex;
    }

    @DataBoundSetter
    public void setProbeIndex(String probeIndex) {
        this.probeIndex = trim(probeIndex);
        VerifyRequest.probing(this.probeIndex);
    }

    public int getKeyExpiryWarningDays() {
        return keyExpiryWarningDays;
    }

    @DataBoundSetter
    public void setKeyExpiryWarningDays(int keyExpiryWarningDays) {
        if (keyExpiryWarningDays < 0) {
            throw new IllegalArgumentException(
                    "Invalid keyExpiryWarningDays " + keyExpiryWarningDays + ": give 0 or more days.");
        }
        this.keyExpiryWarningDays = keyExpiryWarningDays;
    }

    public boolean isFailOnProblems() {
        return failOnProblems;
    }

    @DataBoundSetter
    public void setFailOnProblems(boolean failOnProblems) {
        this.failOnProblems = failOnProblems;
    }

    VerifyRequest request() {
        return new VerifyRequest(probeIndex, Duration.ofDays(keyExpiryWarningDays));
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
            return Messages.EsVerifyRemoteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsVerifyRemoteStep step;

        Execution(EsVerifyRemoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            VerifyResult[] verified = new VerifyResult[1];
            Map<String, Object> map = stepRun.execute(stepRun.local(), stepRun.remote(false),
                    migration -> verified[0] = migration.verify(step.request()));
            if (!verified[0].ok() && step.isFailOnProblems()) {
                throw new AbortException("[" + FUNCTION_NAME + "] alias '" + step.getAlias()
                        + "' failed verification: " + String.join("; ", verified[0].problems())
                        + ". Roll back with esRollbackRemote, or pass failOnProblems: false to "
                        + "only report it.");
            }
            return map;
        }

        private static final long serialVersionUID = 1L;
    }
}
