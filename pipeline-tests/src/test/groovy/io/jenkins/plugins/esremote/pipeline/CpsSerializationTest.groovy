package io.jenkins.plugins.esremote.pipeline

import static org.junit.jupiter.api.Assertions.assertEquals

import io.jenkins.plugins.esremote.testkit.EsClusters
import io.jenkins.plugins.esremote.testkit.EsClustersExtension
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith

/**
 * Runs the migration CPS-transformed, serializing every step's environment as Jenkins does when
 * it saves a running Pipeline, so a value Jenkins could not save fails here.
 */
@ExtendWith(EsClustersExtension)
class CpsSerializationTest {

    ClusterPipelines jenkins

    @BeforeEach
    void setUp(EsClusters clusters) {
        jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        new AliasTasks(clusters.local(), clusters.remote(), clusters.alias()).create()
    }

    @AfterEach
    void tearDown() {
        jenkins.close()
    }

    @Test
    void migrationStateIsSerializable() {
        // Given the migration Jenkinsfile in CPS mode
        PipelineHarness harness = jenkins.newHarness(System.out, true)
        harness.inputAnswer = InputAnswers.approveAs('alice', 'es-admins')

        // When it runs
        String result = harness.run(MigrationPipelineTest.JENKINSFILE)

        // Then it finishes as in plain mode
        assertEquals('SUCCESS', result, causes(harness.failure))
        assertEquals(MigrationPipelineTest.MIGRATION_STAGES + ['Disable certificate access'], harness.stages)
    }

    private static String causes(Throwable failure) {
        List<String> chain = []
        for (Throwable cause = failure; cause != null; cause = cause.cause) {
            chain << cause.toString()
        }
        return chain.join(' <- ')
    }
}
