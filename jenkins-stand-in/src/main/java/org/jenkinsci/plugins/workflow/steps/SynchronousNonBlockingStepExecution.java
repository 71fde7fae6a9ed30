package org.jenkinsci.plugins.workflow.steps;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs {@link #run()} on a background thread under the authentication of the thread that started
 * it, then reports the result or the failure to the context, as real Jenkins does.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        SecurityContext caller = SecurityContextHolder.getContext();
        Thread worker = new Thread(() -> runAs(caller), "step " + getClass().getName());
        worker.setDaemon(true);
        worker.start();
        return false;
    }

    private void runAs(SecurityContext caller) {
        SecurityContextHolder.setContext(caller);
        try {
            getContext().onSuccess(run());
        } catch (Throwable failure) {
            getContext().onFailure(failure);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static final long serialVersionUID = 1L;
}
