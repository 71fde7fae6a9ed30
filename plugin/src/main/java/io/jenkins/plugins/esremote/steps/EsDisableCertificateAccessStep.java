package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.DisableCertificateAccessRequest;
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
 * Blocks certificate-based access to the remote cluster once the migration is proven: an IP
 * filter on its transport interface and/or deleting roles that only served cross-cluster work.
 * The step does not ask for approval itself; the Pipeline gates it with {@code input} and passes
 * the approver, which the console and the result record.
 */
public class EsDisableCertificateAccessStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esDisableCertificateAccess";

    private final String approvedBy;
    private boolean ipFilter = true;
    private List<String> allow;
    private List<String> deleteRoles;
    private boolean requireVerified = true;

    @DataBoundConstructor
    public EsDisableCertificateAccessStep(String alias, String approvedBy) {
        super(alias);
        this.approvedBy = trim(approvedBy);
        if (this.approvedBy == null) {
            throw new IllegalArgumentException(
                    "Missing approvedBy: disabling certificate access needs the name of whoever "
                            + "approved it, for example from an input step's submitterParameter.");
        }
        if (this.approvedBy.chars().anyMatch(Character::isISOControl)) {
            // A line break would let the value forge console lines and journal entries.
            throw new IllegalArgumentException(
                    "Invalid approvedBy '" + this.approvedBy.replaceAll("\\p{Cntrl}", "?")
                            + "': give one line of text without control characters.");
        }
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public boolean isIpFilter() {
        return ipFilter;
    }

    @DataBoundSetter
    public void setIpFilter(boolean ipFilter) {
        this.ipFilter = ipFilter;
    }

    public List<String> getAllow() {
        return allow;
    }

    @DataBoundSetter
    public void setAllow(List<String> allow) {
        List<String> list = trimAll(allow);
        this.allow = list.isEmpty() ? null : list;
    }

    public List<String> getDeleteRoles() {
        return deleteRoles;
    }

    @DataBoundSetter
    public void setDeleteRoles(List<String> deleteRoles) {
        List<String> list = trimAll(deleteRoles);
        this.deleteRoles = list.isEmpty() ? null : list;
    }

    public boolean isRequireVerified() {
        return requireVerified;
    }

    @DataBoundSetter
    public void setRequireVerified(boolean requireVerified) {
        this.requireVerified = requireVerified;
    }

    DisableCertificateAccessRequest request() {
        return new DisableCertificateAccessRequest(ipFilter, allow, deleteRoles, requireVerified);
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
            return Messages.EsDisableCertificateAccessStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsDisableCertificateAccessStep step;

        Execution(EsDisableCertificateAccessStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            stepRun.log("approved by '" + step.getApprovedBy() + "'");
            Map<String, Object> map = stepRun.execute(stepRun.local(), stepRun.remote(true),
                    migration -> migration.disableCertificateAccess(step.request()));
            map.put("approvedBy", step.getApprovedBy());
            return map;
        }

        private static final long serialVersionUID = 1L;
    }
}
