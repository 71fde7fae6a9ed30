package io.jenkins.plugins.esremote.pipeline

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertFalse
import static org.junit.jupiter.api.Assertions.assertNull
import static org.junit.jupiter.api.Assertions.assertTrue

import io.jenkins.plugins.esremote.testkit.EsClusters
import io.jenkins.plugins.esremote.testkit.EsClustersExtension
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith

/** Runs test-pipelines/rollback/Jenkinsfile after a finished migration. */
@ExtendWith(EsClustersExtension)
class RollbackPipelineTest {

    EsClusters clusters
    ClusterPipelines jenkins
    AliasTasks tasks

    @BeforeEach
    void setUp(EsClusters clusters) {
        this.clusters = clusters
        jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        tasks = new AliasTasks(clusters.local(), clusters.remote(), clusters.alias())
        tasks.create()
    }

    @AfterEach
    void tearDown() {
        jenkins.close()
    }

    @Test
    void rollbackRestoresFinishedMigration() {
        // Given a finished migration, certificate access disabled
        Map tasksBefore = tasks.states()
        Map settingsBefore = jenkins.aliasSettings('leader')
        Map filterBefore = jenkins.transportFilter()
        PipelineHarness migration = jenkins.newHarness(System.out)
        migration.inputAnswer = InputAnswers.approveAs('alice', 'es-admins')
        assertEquals('SUCCESS', migration.run(MigrationPipelineTest.JENKINSFILE), migration.console.text())

        // When the rollback job runs with its parameters, removing the key on the agent
        PipelineHarness rollback = jenkins.newHarness(System.out)
        rollback.params.putAll([
            LOCAL_CLUSTER: ClusterPipelines.LOCAL,
            REMOTE_CLUSTER: ClusterPipelines.REMOTE,
            ALIASES: 'leader',
            KEYSTORE_MODE: 'agent',
            KEYSTORE_AGENT_LABELS: ClusterPipelines.LOCAL_AGENT,
        ])
        String result = rollback.run('test-pipelines/rollback/Jenkinsfile')

        // Then both stages ran and the rollback step was told the keystore entry is gone
        assertEquals('SUCCESS', result, rollback.console.text())
        assertEquals(['Remove keys from local keystores', 'Roll back from the journal'], rollback.stages)
        Map arguments = rollback.calls('esRollbackRemote').first().arguments
        assertEquals([cluster: 'es-local', remoteCluster: 'es-remote', alias: 'leader', keystoreEntryRemoved: true,
                      invalidateKey: true], arguments)
        assertEquals(ClusterPipelines.LOCAL_AGENT, rollback.shellScripts.first().agent)

        // And the clusters are as before the migration
        assertFalse(clusters.local().listSecureSettings().contains(MigrationPipelineTest.SETTING))
        assertEquals(settingsBefore, jenkins.aliasSettings('leader'))
        Map info = jenkins.remoteInfo('leader')
        assertEquals(true, info.connected)
        assertNull(info.cluster_credentials)
        assertEquals(filterBefore, jenkins.transportFilter())
        assertEquals(tasksBefore, tasks.states())
    }

    @Test
    void rollbackParametersAreDeclared() {
        // Given the rollback Jenkinsfile with no aliases
        PipelineHarness rollback = jenkins.newHarness(System.out)
        rollback.params.putAll([LOCAL_CLUSTER: 'es-local', REMOTE_CLUSTER: 'es-remote', ALIASES: ' ',
                                KEYSTORE_MODE: 'agent', KEYSTORE_AGENT_LABELS: ClusterPipelines.LOCAL_AGENT])

        // When it runs
        String result = rollback.run('test-pipelines/rollback/Jenkinsfile')

        // Then it declared its parameters and failed before any stage
        assertEquals('FAILURE', result)
        List<String> names = rollback.jobProperties.find { it.symbol == 'parameters' }.values*.name
        assertEquals(['LOCAL_CLUSTER', 'REMOTE_CLUSTER', 'ALIASES', 'KEYSTORE_MODE', 'KEYSTORE_AGENT_LABELS'], names)
        assertEquals([], rollback.stages)
    }

    @Test
    void rollbackFirstBuildOnlyRegistersParameters() {
        // Given the rollback Jenkinsfile's first build, which Jenkins runs without parameters
        PipelineHarness rollback = jenkins.newHarness(System.out)

        // When it runs
        String result = rollback.run('test-pipelines/rollback/Jenkinsfile')

        // Then it fails with a message saying to run it with parameters, before any stage
        assertEquals('FAILURE', result)
        assertTrue(rollback.failure.message.contains('Build with Parameters'), rollback.failure.message)
        assertEquals([], rollback.stages)
        assertEquals([], rollback.stepCalls)
    }
}
