package io.jenkins.plugins.esremote.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.engine.MigrationOptions;
import io.jenkins.plugins.esremote.engine.ReconnectRequest;
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
 * Points the alias at the remote cluster server port (proxy or sniff mode) and waits until it
 * connects with the cross-cluster API key.
 */
public class EsReconnectRemoteStep extends EsMigrationStep {

    static final String FUNCTION_NAME = "esReconnectRemote";

    private String mode;
    private List<String> addresses;
    private String serverName;
    private boolean checkRemotePort = true;

    @DataBoundConstructor
    public EsReconnectRemoteStep(String alias) {
        super(alias);
    }

    public String getMode() {
        return mode;
    }

    /** Sets {@code proxy} (the default) or {@code sniff}. */
    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = trim(mode);
        Requests.parseMode(this.mode);
    }

    public List<String> getAddresses() {
        return addresses;
    }

    /** Sets the remote cluster server addresses ({@code host:port}); empty means discover them. */
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

    public boolean isCheckRemotePort() {
        return checkRemotePort;
    }

    /**
     * Sets whether the step first checks, under a temporary alias, that the local cluster reaches a
     * remote cluster server at the target address (default {@code true}).
     */
    @DataBoundSetter
    public void setCheckRemotePort(boolean checkRemotePort) {
        this.checkRemotePort = checkRemotePort;
    }

    @Override
    MigrationOptions migrationOptions() {
        return super.migrationOptions().withRemotePortCheck(checkRemotePort);
    }

    ReconnectRequest request() {
        return Requests.reconnect(mode, addresses, serverName);
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
            return Messages.EsReconnectRemoteStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private final transient EsReconnectRemoteStep step;

        Execution(EsReconnectRemoteStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepRun stepRun = StepRun.start(FUNCTION_NAME, step, getContext());
            boolean discover = step.getAddresses() == null;
            return stepRun.execute(stepRun.local(), stepRun.remote(discover),
                    migration -> migration.reconnect(step.request()));
        }

        private static final long serialVersionUID = 1L;
    }
}
