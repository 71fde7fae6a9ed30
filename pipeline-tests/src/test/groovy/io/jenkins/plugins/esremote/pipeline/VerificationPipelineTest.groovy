package io.jenkins.plugins.esremote.pipeline

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertTrue

import io.jenkins.plugins.esremote.testkit.EsClusters
import io.jenkins.plugins.esremote.testkit.EsClustersExtension
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith

/** Runs test-pipelines/nightly-verification/Jenkinsfile and reads the JUnit report it publishes. */
@ExtendWith(EsClustersExtension)
class VerificationPipelineTest {

    static final String JENKINSFILE = 'test-pipelines/nightly-verification/Jenkinsfile'
    static final String REPORT = 'es-remote-clusters.xml'

    EsClusters clusters
    ClusterPipelines jenkins
    PipelineHarness harness

    @BeforeEach
    void setUp(EsClusters clusters) {
        this.clusters = clusters
        jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        harness = jenkins.newHarness(System.out)
    }

    @AfterEach
    void tearDown() {
        jenkins.close()
    }

    @Test
    void brokenAliasFailsInReport() {
        // Given the alias points at a port where nothing listens
        breakAlias()

        // When the nightly verification runs
        String result = harness.run(JENKINSFILE)

        // Then the report has one failed test case for the alias and the build is UNSTABLE
        assertEquals('UNSTABLE', result, harness.console.text())
        def suite = new XmlSlurper().parseText(harness.junitReports[REPORT])
        assertEquals('1', suite.@tests.text())
        assertEquals('1', suite.@failures.text())
        def testCase = suite.testcase[0]
        assertEquals('es-local', testCase.@classname.text())
        assertEquals('leader', testCase.@name.text())
        assertTrue(testCase.failure.@message.text().length() > 0)
        assertEquals(['esVerifyRemote'], harness.stepCalls*.name)
        assertEquals(false, harness.stepCalls[0].arguments.failOnProblems)
    }

    @Test
    void nightlyTriggerIsDeclared() {
        // When the nightly verification runs against the certificate-trust alias
        harness.run(JENKINSFILE)

        // Then it registered its cron trigger and ran the check on an agent workspace
        Map triggers = harness.jobProperties.find { it.symbol == 'pipelineTriggers' }
        assertEquals([[symbol: 'cron', spec: 'H 2 * * *']], triggers.values)
        assertTrue(harness.junitReports.containsKey(REPORT))
    }

    @Test
    void failedResultFailsBuild() {
        // Given a broken alias and a check configured to fail the build
        breakAlias()
        String jenkinsfile = """@Library('es-remote-migration') _
            node {
                esRemoteClusterCheck(cluster: 'es-local', aliases: ['leader'], failedResult: 'FAILURE')
            }"""

        // When it runs
        String result = harness.runText(jenkinsfile)

        // Then the report is still published and the build fails naming the alias
        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message.contains('es-local/leader'), harness.failure.message)
        assertTrue(harness.junitReports.containsKey(REPORT))
    }

    @Test
    void expiringKeyMarksUnstable() {
        // Given an alias migrated with a key that expires in two days
        harness.runText("""@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', remoteCluster: 'es-remote', alias: 'leader',
                key: [expiration: '2d', access: [search: [[names: ['orders']]]]],
                keystore: [mode: 'agent', agentLabels: ['es-local-node-1']],
                approval: [enabled: false])""")
        assertEquals('SUCCESS', harness.result, harness.console.text())
        PipelineHarness nightly = jenkins.newHarness(System.out)

        // When the nightly verification runs
        String result = nightly.run(JENKINSFILE)

        // Then the alias passes, with a warning in the report, and the build is UNSTABLE
        assertEquals('UNSTABLE', result, nightly.console.text())
        def suite = new XmlSlurper().parseText(nightly.junitReports[REPORT])
        assertEquals('0', suite.@failures.text())
        String output = suite.testcase[0].'system-out'.text()
        assertTrue(output.contains('WARNING: cross-cluster API key expires in 1 day(s)'), output)
        assertTrue(nightly.console.text().contains('Cross-cluster API keys expire within 14 days: es-local/leader'))
    }

    private void breakAlias() {
        AliasTasks.send(clusters.local(), 'PUT', '/_cluster/settings',
            [persistent: ['cluster.remote.leader.seeds': ['127.0.0.1:9']]])
    }
}
