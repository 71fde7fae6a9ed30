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

/**
 * Runs test-pipelines/migration/Jenkinsfile against the testkit clusters, with its tasks reading
 * through the alias, and checks what each stage did to the clusters.
 */
@ExtendWith(EsClustersExtension)
class MigrationPipelineTest {

    static final String JENKINSFILE = 'test-pipelines/migration/Jenkinsfile'
    static final String SETTING = 'cluster.remote.leader.credentials'
    static final List<String> MIGRATION_STAGES = [
        'Preflight and plan',
        'Create cross-cluster API keys',
        'Pause cross-cluster tasks',
        'Grant remote privileges to roles',
        'Record and disconnect certificate remotes',
        'Write keys to local keystores',
        'Reconnect remotes with API keys',
        'Verify remote connections',
        'Resume cross-cluster tasks',
        'Approve disabling certificate access',
    ]

    EsClusters clusters
    ClusterPipelines jenkins
    PipelineHarness harness
    AliasTasks tasks

    @BeforeEach
    void setUp(EsClusters clusters) {
        this.clusters = clusters
        jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        harness = jenkins.newHarness(System.out)
        tasks = new AliasTasks(clusters.local(), clusters.remote(), clusters.alias())
        tasks.create()
    }

    @AfterEach
    void tearDown() {
        jenkins.close()
    }

    @Test
    void migrationKeepsAliasAndTasks() {
        // Given tasks reading through the certificate-trust alias, and an approver in es-admins
        Map tasksBefore = tasks.states()
        Map filterBefore = jenkins.transportFilter()
        harness.inputAnswer = InputAnswers.approveAs('alice', 'es-admins')

        // When the migration Jenkinsfile runs
        String result = harness.run(JENKINSFILE)

        // Then every stage ran in order and the alias uses the API key
        assertEquals('SUCCESS', result, harness.console.text())
        assertEquals(MIGRATION_STAGES + ['Disable certificate access'], harness.stages)
        Map info = jenkins.remoteInfo('leader')
        assertEquals(true, info.connected)
        assertEquals('::es_redacted::', info.cluster_credentials)
        assertEquals("${clusters.remote().remoteClusterAddress()}".toString(), info.proxy_address)

        // And the tasks are back in the states they had
        assertEquals(tasksBefore, tasks.states())

        // And the key went from its credential to the keystore on stdin, never on a command line
        String key = jenkins.credentials.secretText('es-ccs-leader')
        assertTrue(clusters.local().listSecureSettings().contains(SETTING))
        assertEquals(1, harness.shellScripts.size())
        assertEquals(ClusterPipelines.LOCAL_AGENT, harness.shellScripts[0].agent)
        assertFalse(harness.shellScripts[0].script.contains(key))
        assertTrue(harness.shellScripts[0].script.contains('add --stdin --force ' + SETTING))
        assertFalse(harness.console.text().contains(key))

        // And the approval waited outside any node, inside a timeout, for es-admins
        PipelineHarness.InputCall approval = harness.inputs.last()
        assertNull(approval.agent)
        assertEquals([time: 240, unit: 'MINUTES'], approval.timeout)
        assertEquals('es-admins', approval.arguments.submitter)
        assertEquals('approver', approval.arguments.submitterParameter)

        // And the approver reached the disable step, which changed the remote's IP filter
        Map disable = harness.calls('esDisableCertificateAccess').first().arguments
        assertEquals('alice', disable.approvedBy)
        assertTrue(harness.console.text().contains('Disabling certificate access approved by alice'))
        assertTrue(jenkins.transportFilter() != filterBefore)

        // And the key step got the Jenkinsfile's credential id and expiry
        Map keyArguments = harness.calls('esCreateCrossClusterKey').first().arguments
        assertEquals('es-ccs-leader', keyArguments.keyCredentialsId)
        assertEquals('90d', keyArguments.expiration)
    }

    @Test
    void failedReconnectRollsBack() {
        // Given tasks reading through the alias and a reconnect that fails
        Map tasksBefore = tasks.states()
        Map settingsBefore = jenkins.aliasSettings('leader')
        harness.failingSteps << 'esReconnectRemote'
        harness.inputAnswer = InputAnswers.approveAs('alice', 'es-admins')

        // When the migration Jenkinsfile runs
        String result = harness.run(JENKINSFILE)

        // Then the build fails after rolling back from the journal
        assertEquals('FAILURE', result)
        assertEquals('Injected failure in esReconnectRemote', harness.failure.message)
        assertEquals(MIGRATION_STAGES.subList(0, 7) + ['Roll back'], harness.stages)
        Map rollback = harness.calls('esRollbackRemote').first().arguments
        assertEquals(true, rollback.keystoreEntryRemoved)
        assertEquals(0, harness.calls('esDisableCertificateAccess').size())

        // And the alias, the keystore and the tasks are as they were
        assertEquals(settingsBefore, jenkins.aliasSettings('leader'))
        Map info = jenkins.remoteInfo('leader')
        assertEquals(true, info.connected)
        assertNull(info.cluster_credentials)
        assertFalse(clusters.local().listSecureSettings().contains(SETTING))
        assertEquals(tasksBefore, tasks.states())
    }

    @Test
    void abortedApprovalKeepsCertificateAccess() {
        // Given an approver who aborts
        Map filterBefore = jenkins.transportFilter()
        harness.inputAnswer = InputAnswers.abortAs('bob')

        // When the migration Jenkinsfile runs
        String result = harness.run(JENKINSFILE)

        // Then the build is aborted at the approval, certificate access untouched
        assertEquals('ABORTED', result)
        assertEquals(MIGRATION_STAGES, harness.stages)
        assertEquals(0, harness.calls('esDisableCertificateAccess').size())
        assertEquals(filterBefore, jenkins.transportFilter())
        assertTrue(harness.console.text().contains('certificate access on the remote clusters is unchanged'))

        // And the migrated alias stays on the API key: no rollback was asked for a declined approval
        assertEquals(0, harness.calls('esRollbackRemote').size())
        assertEquals('::es_redacted::', jenkins.remoteInfo('leader').cluster_credentials)
    }

    @Test
    void operatorWritesKeystoreAtInput() {
        // Given a migration whose keystore phase is left to an operator, who follows the input's
        // instructions with the node's keystore tool
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', remoteCluster: 'es-remote', alias: 'leader',
                approval: [enabled: false])"""
        List<String> instructions = []
        harness.inputAnswer = { Map args ->
            instructions << (args.message as String)
            String key = jenkins.credentials.secretText('es-ccs-leader')
            clusters.local().addSecureSetting(SETTING, key.toCharArray())
            return null
        }

        // When it runs
        String result = harness.runText(jenkinsfile)

        // Then the input named the credential and the exact command, and the alias uses the key
        assertEquals('SUCCESS', result, harness.console.text())
        assertEquals(1, instructions.size())
        assertTrue(instructions[0].contains("Secret text credential 'es-ccs-leader'"), instructions[0])
        assertTrue(instructions[0].contains('elasticsearch-keystore add --force ' + SETTING), instructions[0])
        assertNull(harness.inputs[0].agent)
        assertEquals([], harness.shellScripts)
        assertEquals('::es_redacted::', jenkins.remoteInfo('leader').cluster_credentials)
        assertEquals(MIGRATION_STAGES.subList(0, 9), harness.stages)
    }

    @Test
    void twoAliasesMigrateInOneCall() {
        // Given a second certificate-trust alias to the same remote, used by no task
        AliasTasks.send(clusters.local(), 'PUT', '/_cluster/settings', [persistent: [
            'cluster.remote.logs.mode': 'sniff',
            'cluster.remote.logs.seeds': [clusters.remote().transportAddress()],
        ]])
        awaitConnected('logs')
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', remoteCluster: 'es-remote',
                targets: [[alias: 'leader'], [alias: 'logs', key: [access: [search: [[names: ['logs-*']]]]]]],
                keystore: [mode: 'agent', agentLabels: ['es-local-node-1']],
                approval: [enabled: false])"""

        // When one migration call lists both
        String result = harness.runText(jenkinsfile)

        // Then each stage ran once, for both aliases in order, and both use their own key
        assertEquals('SUCCESS', result, harness.console.text())
        assertEquals(MIGRATION_STAGES.subList(0, 9), harness.stages)
        assertEquals(['leader', 'logs'], harness.calls('esCreateCrossClusterKey')*.arguments*.alias)
        assertEquals(['leader', 'logs'], harness.calls('esVerifyRemote')*.arguments*.alias)
        assertEquals([search: [[names: ['logs-*']]]], harness.calls('esCreateCrossClusterKey')[1].arguments.access)
        assertEquals('::es_redacted::', jenkins.remoteInfo('leader').cluster_credentials)
        assertEquals('::es_redacted::', jenkins.remoteInfo('logs').cluster_credentials)
        List<String> keystore = clusters.local().listSecureSettings()
        assertTrue(keystore.contains('cluster.remote.leader.credentials'), keystore.toString())
        assertTrue(keystore.contains('cluster.remote.logs.credentials'), keystore.toString())
    }

    private void awaitConnected(String alias) {
        long deadline = System.nanoTime() + 30_000_000_000L
        while (jenkins.remoteInfo(alias)?.connected != true) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("alias ${alias} did not connect within 30 s: ${jenkins.remoteInfo(alias)}")
            }
            Thread.sleep(200)
        }
    }
}
