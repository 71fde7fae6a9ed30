package io.jenkins.plugins.esremote.pipeline;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The context one step execution runs in: the build's {@link Run} and a {@link TaskListener}
 * writing to the build console; the outcome the execution reports is awaited by {@link #await}.
 */
final class TestStepContext extends StepContext {

    private final transient Run<?, ?> run;
    private final transient TaskListener listener;
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    TestStepContext(Run<?, ?> run, TaskListener listener) {
        this.run = run;
        this.listener = listener;
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key.isInstance(run)) {
            return key.cast(run);
        }
        if (key.isInstance(listener)) {
            return key.cast(listener);
        }
        // Real Jenkins returns null for a context object it cannot provide.
        return null;
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable failure) {
        outcome.completeExceptionally(failure);
    }

    /** Waits for the execution's outcome and returns it, or throws what the step failed with. */
    Object await(long timeout, TimeUnit unit) throws Exception {
        try {
            return outcome.get(timeout, unit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new TimeoutException("The step did not finish within " + timeout + " " + unit);
        }
    }

    private static final long serialVersionUID = 1L;
}
