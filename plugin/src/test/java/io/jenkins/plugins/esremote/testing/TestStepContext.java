package io.jenkins.plugins.esremote.testing;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A step context with a run, a console that records every line and a future that completes when
 * the step reports success or failure.
 */
public final class TestStepContext extends StepContext {

    private final transient Run<?, ?> run;
    private final transient ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final transient PrintStream logger = new PrintStream(console, true, StandardCharsets.UTF_8);
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    public TestStepContext(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == Run.class) {
            return key.cast(run);
        }
        if (key == TaskListener.class) {
            TaskListener listener = () -> logger;
            return key.cast(listener);
        }
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

    public CompletableFuture<Object> outcome() {
        return outcome;
    }

    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static final long serialVersionUID = 1L;
}
