package io.jenkins.plugins.esremote.pipeline

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass

import org.junit.platform.launcher.LauncherDiscoveryRequest
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder
import org.junit.platform.launcher.core.LauncherFactory
import org.junit.platform.launcher.listeners.SummaryGeneratingListener
import org.junit.platform.launcher.listeners.TestExecutionSummary

/**
 * Runs {@link DemoMigration} on the JUnit Platform, because testkit's JUnit 5 extension is what
 * starts, shares and stops the Elasticsearch clusters. Exits with 0 when the migration succeeded.
 */
class DemoRunner {

    static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(DemoMigration))
            .build()
        SummaryGeneratingListener listener = new SummaryGeneratingListener()
        LauncherFactory.create().execute(request, listener)

        TestExecutionSummary summary = listener.summary
        summary.failures.each { TestExecutionSummary.Failure failure ->
            System.err.println("demo: FAILED: ${failure.exception}")
            failure.exception.printStackTrace()
        }
        boolean succeeded = summary.testsSucceededCount == 1 && summary.totalFailureCount == 0
        if (summary.testsSkippedCount > 0) {
            System.err.println('demo: skipped: no Java runtime for the selected Elasticsearch line was found')
        }
        System.exit(succeeded ? 0 : 1)
    }
}
