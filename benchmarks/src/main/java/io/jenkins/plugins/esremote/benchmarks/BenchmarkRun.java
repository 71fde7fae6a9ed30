package io.jenkins.plugins.esremote.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Measures one Elasticsearch line (testkit's {@code testkit.elasticsearch.line} property) in this
 * JVM, because testkit starts one pair of clusters per JVM. Exits 0 when measured, 1 on failure
 * and {@value #SKIPPED} when testkit skipped the line (no suitable JDK for its nodes).
 */
public final class BenchmarkRun {

    static final int SKIPPED = 3;

    private BenchmarkRun() {}

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutageScenarios.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTotalFailureCount() > 0) {
            summary.printFailuresTo(new PrintWriter(System.err, true), 40);
            System.exit(1);
        }
        System.exit(summary.getTestsSucceededCount() == 1 ? 0 : SKIPPED);
    }
}
