package io.jenkins.plugins.esremote.testing;

import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import io.jenkins.plugins.esremote.steps.PluginServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * Runs steps as Jenkins would, through {@code Step.start} and the execution's own thread, with
 * in-memory credentials, a configuration and a Jenkins home in a temporary folder.
 */
public final class StepHarness implements AutoCloseable {

    public static final String USER = "builder";

    public final Path jenkinsHome;
    public final TestCredentialsStore folder = new TestCredentialsStore();
    public final TestCredentialsStore system = new TestCredentialsStore();
    public final EsClustersConfiguration configuration = new EsClustersConfiguration();

    private final TestJob job = new TestJob("migrate-es");
    private final AutoCloseable installed;
    private int builds;

    public StepHarness(Path directory) {
        this(directory, true);
    }

    /** With {@code inFolder} false the job sits at the top level, so there is no folder store. */
    public StepHarness(Path directory, boolean inFolder) {
        this.jenkinsHome = directory.resolve("jenkins-home");
        TestCredentialsAccess access = new TestCredentialsAccess(inFolder ? folder : null, system, USER);
        installed = PluginServices.use(new PluginServices(access, () -> configuration, () -> jenkinsHome));
    }

    /** Starts {@code step} and waits for its outcome. */
    public Outcome run(Step step) throws Exception {
        Path buildDir = jenkinsHome.resolve("jobs/migrate-es/builds/" + ++builds);
        Files.createDirectories(buildDir);
        TestStepContext context = new TestStepContext(new TestRun(job, buildDir));
        boolean finished = step.start(context).start();
        if (finished) {
            throw new AssertionError(step + " finished on the CPS thread; it must run in the background.");
        }
        try {
            Object result = context.outcome().get(5, TimeUnit.MINUTES);
            return new Outcome(asMap(result), null, context.console(), buildDir);
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause(), context.console(), buildDir);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object result) {
        return (Map<String, Object>) result;
    }

    @Override
    public void close() throws Exception {
        installed.close();
    }

    /** What a step returned or how it failed, and what it printed. */
    public record Outcome(Map<String, Object> result, Throwable failure, String console, Path buildDir) {

        /** Returns the result, failing the test with the step's error and console if it failed. */
        public Map<String, Object> success() {
            if (failure != null) {
                throw new AssertionError("Step failed: " + failure + "\nConsole:\n" + console, failure);
            }
            return result;
        }

        /** Returns the failure, failing the test if the step succeeded. */
        public Throwable failed() {
            if (failure == null) {
                throw new AssertionError("Step succeeded with " + result + "\nConsole:\n" + console);
            }
            return failure;
        }
    }
}
