package io.jenkins.plugins.esremote.pipeline

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

import org.junit.After
import org.junit.Before
import org.junit.Test

/**
 * Failure handling of the shared library globals with the es* steps bound to recording closures:
 * each test scripts what the steps return or throw, so no cluster is involved.
 */
class LibraryFailureHandlingTest {

    private PipelineHarness harness
    /** Step name to a closure that receives the step's arguments and returns its result. */
    private final Map<String, Closure> stepResults = [:]

    @Before
    void setUp() {
        setUpHarness(false)
    }

    /** With cps true, the library runs CPS-transformed, as in Jenkins, which some loops and catches need. */
    private void setUpHarness(boolean cps) {
        harness = new PipelineHarness(PipelineHarness.repositoryRoot(), System.out, cps)
        harness.setUp()
        harness.stepRunner = { String name, Map args ->
            Closure result = stepResults[name]
            if (result == null) {
                throw new AssertionError((Object) "step ${name} must not run")
            }
            return result.call(args)
        }
        harness.bindSteps(['esPlanMigration', 'esCreateCrossClusterKey', 'esPauseRemoteTasks',
            'esGrantRemotePrivileges', 'esDisconnectRemote', 'esReloadSecureSettings', 'esReconnectRemote',
            'esVerifyRemote', 'esResumeRemoteTasks', 'esDisableCertificateAccess', 'esRollbackRemote'])
    }

    @After
    void tearDown() {
        harness.workspace.deleteDir()
    }

    @Test
    void checkAbortStopsRemainingAliases() {
        checkAbortDuringCheck()
    }

    @Test
    void checkAbortStopsRemainingAliasesUnderCps() {
        harness.workspace.deleteDir()
        setUpHarness(true)
        checkAbortDuringCheck()
    }

    private void checkAbortDuringCheck() {
        // Given the build is aborted while the first of two aliases is verified
        stepResults.esVerifyRemote = { Map args -> throw new BuildAbortedException('Aborted by alice', 'alice') }
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', aliases: ['leader', 'follower'])"""

        // When the check runs
        String result = harness.runText(jenkinsfile)

        // Then the build is aborted, not reported as a failed alias, and the second alias is skipped
        assertEquals(harness.console.text(), 'ABORTED', result)
        assertEquals(1, harness.calls('esVerifyRemote').size())
        assertEquals([:], harness.junitReports)
    }

    @Test
    void checkReportEscapesMessages() {
        // Given a failure message with XML markup, quotes, a line break and a control character
        String message = 'index <logs> & "quoted" \'x\'\nline two \u0001 end'
        stepResults.esVerifyRemote = { Map args ->
            args.alias == 'leader' ? [ok: false, problems: [message]] : [ok: true, connected: true]
        }
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', aliases: ['leader', 'follower'])"""

        // When the check runs
        String result = harness.runText(jenkinsfile)

        // Then the report parses, keeps the message's text, and the build is UNSTABLE
        assertEquals(harness.console.text(), 'UNSTABLE', result)
        def suite = new XmlSlurper().parseText(harness.junitReports['es-remote-clusters.xml'])
        assertEquals('2', suite.@tests.text())
        assertEquals('1', suite.@failures.text())
        String parsed = suite.testcase[0].failure.@message.text()
        assertTrue(parsed, parsed.startsWith('index <logs> & "quoted" \'x\'\nline two '))
        assertTrue(parsed, parsed.endsWith(' end'))
    }

    @Test
    void checkExceptionInOneAliasChecksOthers() {
        stepResults.esVerifyRemote = { Map args ->
            if (args.alias == 'leader') {
                throw new IllegalStateException('connection refused')
            }
            return [ok: true, connected: true]
        }
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', aliases: ['leader', 'follower'], failedResult: 'FAILURE')"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertEquals(['leader', 'follower'], harness.calls('esVerifyRemote')*.arguments*.alias)
        assertTrue(harness.failure.message, harness.failure.message.contains('1 of 2'))
        def suite = new XmlSlurper().parseText(harness.junitReports['es-remote-clusters.xml'])
        assertEquals('connection refused', suite.testcase[0].failure.@message.text())
    }

    @Test
    void rollbackNeedingActionIsNotReportedDone() {
        // Given a migration whose reconnect fails and whose rollback needs a restart
        stubMigrationSteps()
        stepResults.esReconnectRemote = { Map args -> throw new IllegalStateException('reconnect failed') }
        stepResults.esRollbackRemote = { Map args ->
            [outcome: 'action-required', instructions: 'restart every local node, then run rollback again']
        }
        harness.inputAnswer = InputAnswers.approveAs('alice')
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', remoteCluster: 'es-remote', alias: 'leader',
                rollbackOnFailure: true)"""

        // When it runs
        String result = harness.runText(jenkinsfile)

        // Then the original error fails the build and the log gives the rollback's instructions
        String console = harness.console.text()
        assertEquals('FAILURE', result)
        assertEquals('reconnect failed', harness.failure.message)
        assertTrue(console, console.contains('restart every local node, then run rollback again'))
        assertTrue(console, !console.contains("Rolled back alias 'leader'"))
    }

    @Test
    void rollbackGlobalNeedingActionIsUnstable() {
        // Given the first of two aliases needs a restart before its rollback can finish
        stepResults.esRollbackRemote = { Map args ->
            args.alias == 'leader' ? [outcome: 'action-required', instructions: 'restart every local node'] :
                [outcome: 'done']
        }
        harness.inputAnswer = InputAnswers.approveAs('alice')
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterRollback(cluster: 'es-local', targets: [[alias: 'leader'], [alias: 'follower']])"""

        // When the rollback runs
        String result = harness.runText(jenkinsfile)

        // Then both aliases roll back and the build is UNSTABLE with the instructions
        String console = harness.console.text()
        assertEquals(console, 'UNSTABLE', result)
        assertEquals(['leader', 'follower'], harness.calls('esRollbackRemote')*.arguments*.alias)
        assertTrue(console, console.contains("alias 'leader' on es-local is not complete: restart every local node"))
    }

    @Test
    void failureWithoutRollbackKeepsOriginalError() {
        stubMigrationSteps()
        stepResults.esGrantRemotePrivileges = { Map args -> throw new IllegalStateException('role update rejected') }
        harness.inputAnswer = InputAnswers.approveAs('alice')

        String result = harness.runText(MIGRATION)

        assertEquals('FAILURE', result)
        assertEquals('role update rejected', harness.failure.message)
        assertEquals([], harness.calls('esRollbackRemote'))
        assertTrue(!harness.stages.contains('Roll back'))
    }

    @Test
    void preflightFailureRollsNothingBack() {
        stubMigrationSteps()
        stepResults.esPlanMigration = { Map args -> [ready: false, blockers: ['remote is 7.17'], switchOrder: null] }

        String result = harness.runText(MIGRATION.replace('rollbackOnFailure: false', 'rollbackOnFailure: true'))

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains('remote is 7.17'))
        assertEquals(['esPlanMigration'], harness.stepCalls*.name)
    }

    @Test
    void rollbackErrorDoesNotMaskOriginal() {
        stubMigrationSteps()
        stepResults.esReconnectRemote = { Map args -> throw new IllegalStateException('reconnect failed') }
        stepResults.esRollbackRemote = { Map args -> throw new IllegalStateException('journal locked') }
        harness.inputAnswer = InputAnswers.approveAs('alice')

        String result = harness.runText(MIGRATION.replace('rollbackOnFailure: false', 'rollbackOnFailure: true'))

        assertEquals('FAILURE', result)
        assertEquals('reconnect failed', harness.failure.message)
        assertEquals(['journal locked'], harness.failure.suppressed*.message)
    }

    @Test
    void approvalRecordsApproverOutsideNode() {
        stubMigrationSteps()
        harness.inputAnswer = InputAnswers.approveAs('alice')

        String result = harness.runText(MIGRATION)

        assertEquals(harness.console.text(), 'SUCCESS', result)
        PipelineHarness.InputCall approval = harness.inputs.find { it.arguments.ok == 'Disable certificate access' }
        assertEquals(null, approval.agent)
        assertEquals(240, approval.timeout.time)
        assertEquals('alice', harness.calls('esDisableCertificateAccess')[0].arguments.approvedBy)
    }

    @Test
    void abortAtApprovalKeepsMigration() {
        // Given rollbackOnFailure but not rollbackOnDeclinedApproval, and the approval is aborted
        stubMigrationSteps()
        harness.inputAnswer = { Map args ->
            if (args.ok == 'Disable certificate access') {
                throw new BuildAbortedException('Aborted by bob', 'bob')
            }
            return null
        }

        String result = harness.runText(MIGRATION.replace('rollbackOnFailure: false', 'rollbackOnFailure: true'))

        // Then the build is aborted, nothing is rolled back and certificate access is untouched
        assertEquals('ABORTED', result)
        assertEquals([], harness.calls('esRollbackRemote'))
        assertEquals([], harness.calls('esDisableCertificateAccess'))
    }

    @Test
    void abortDuringRollbackStopsIt() {
        checkAbortDuringRollback()
    }

    @Test
    void abortDuringRollbackStopsItUnderCps() {
        harness.workspace.deleteDir()
        setUpHarness(true)
        checkAbortDuringRollback()
    }

    private void checkAbortDuringRollback() {
        // Given two targets, a failing reconnect, and the operator aborts the first key removal
        stubMigrationSteps()
        stepResults.esReconnectRemote = { Map args -> throw new IllegalStateException('reconnect failed') }
        stepResults.esRollbackRemote = { Map args -> [outcome: 'done'] }
        harness.inputAnswer = { Map args ->
            if (args.message.contains('Remove the cross-cluster API key')) {
                throw new BuildAbortedException('Aborted by bob', 'bob')
            }
            return null
        }
        String jenkinsfile = MIGRATION.replace("alias: 'leader',", "targets: [[alias: 'leader'], [alias: 'follower']],")
            .replace('rollbackOnFailure: false', 'rollbackOnFailure: true')

        String result = harness.runText(jenkinsfile)

        // Then the rollback stops at the abort: no second removal prompt and no journal rollback,
        // and the build fails with the original error, the abort attached to it
        assertEquals('FAILURE', result)
        assertEquals('reconnect failed', harness.failure.message)
        assertEquals(['Aborted by bob'], harness.failure.suppressed*.message)
        assertEquals(1, harness.inputs.count { it.arguments.message.contains('Remove the cross-cluster API key') })
        assertEquals([], harness.calls('esRollbackRemote'))
    }

    @Test
    void rollbackPromptsOnlyForWrittenKeys() {
        // Given two targets in operator mode, and the reload fails after the first key is written
        stubMigrationSteps()
        stepResults.esReloadSecureSettings = { Map args -> throw new IllegalStateException('reload failed') }
        stepResults.esRollbackRemote = { Map args -> [outcome: 'done'] }
        harness.inputAnswer = InputAnswers.approveAs('alice')
        String jenkinsfile = MIGRATION.replace("alias: 'leader',", "targets: [[alias: 'leader'], [alias: 'follower']],")
            .replace('rollbackOnFailure: false', 'rollbackOnFailure: true')

        String result = harness.runText(jenkinsfile)

        // Then the operator is asked to remove the first key only, and both journals roll back
        assertEquals('FAILURE', result)
        assertEquals('reload failed', harness.failure.message)
        List<String> removals = harness.inputs*.arguments*.message.findAll { it.contains('Remove the cross-cluster API key') }
        assertEquals(1, removals.size())
        assertTrue(removals[0], removals[0].contains("alias 'leader'"))
        assertEquals(['leader', 'follower'], harness.calls('esRollbackRemote')*.arguments*.alias)
    }

    @Test
    void agentKeystoreKeepsKeyOffCommandLineAndLog() {
        // Given agent mode, where the agent's keystore tool records its arguments and stdin
        String key = 'Y2NzLWtleTpzZWNyZXQ+/=='
        stubMigrationSteps()
        harness.inputAnswer = InputAnswers.approveAs('alice')
        harness.secretLookup = { String id -> id == 'es-ccs-leader' ? key : null }
        File recorded = new File(harness.workspace, 'keystore-calls')
        harness.agents.n1 = ['/bin/sh', '-c', 'echo "args: $*" >> "$0"; cat >> "$0"; echo >> "$0"', recorded.path]
        String jenkinsfile = MIGRATION.replace('rollbackOnFailure: false',
            "rollbackOnFailure: false, keystore: [mode: 'agent', agentLabels: ['n1']]")

        // When the migration runs
        String result = harness.runText(jenkinsfile)

        // Then the tool got the key on stdin only, and neither scripts nor the console show it
        assertEquals(harness.console.text(), 'SUCCESS', result)
        assertEquals('args: add --stdin --force cluster.remote.leader.credentials\n' + key + '\n', recorded.text)
        assertTrue(harness.shellScripts*.script.toString(), harness.shellScripts.every { !it.script.contains(key) })
        assertTrue(harness.console.text(), !harness.console.text().contains(key))
        assertTrue(harness.console.text(), !harness.console.text().contains('Y2NzLWtleTpzZWNyZXQ'))
        // Not even masked: the trace of sh -x must not expand the key
        assertTrue(harness.console.text(), !harness.console.text().contains('****'))
    }

    @Test
    void operatorInstructionsKeepValuesLiteral() {
        // Given a connection name that looks like a placeholder of the instructions template
        stubMigrationSteps()
        harness.inputAnswer = InputAnswers.approveAs('alice')
        String jenkinsfile = MIGRATION.replace("cluster: 'es-local'", "cluster: 'es-\${setting}'")

        // When the migration stops for the operator to write the key
        String result = harness.runText(jenkinsfile)

        // Then the instructions show the name as given, not the setting substituted into it
        assertEquals(harness.console.text(), 'SUCCESS', result)
        String instructions = harness.inputs[0].arguments.message
        assertTrue(instructions, instructions.contains("local cluster 'es-\${setting}'"))
        assertTrue(instructions, instructions.contains('elasticsearch-keystore add --force cluster.remote.leader.credentials'))
    }

    @Test
    void portCheckOptionBindsToSteps() {
        // Given steps that are built from their arguments as Jenkins builds them, which rejects unknown ones
        stubMigrationSteps()
        PluginSteps steps = PluginSteps.discover()
        Closure stubs = harness.stepRunner
        harness.stepRunner = { String name, Map args ->
            DescribableInstantiator.instantiate(steps.descriptors()[name].clazz, args)
            return stubs.call(name, args)
        }
        harness.inputAnswer = InputAnswers.approveAs('alice')
        String jenkinsfile = MIGRATION.replace('rollbackOnFailure: false',
            'rollbackOnFailure: false, reconnect: [checkRemotePort: false]')

        // When the migration runs with the remote port check turned off
        String result = harness.runText(jenkinsfile)

        // Then every step accepts its arguments and only the reconnect step gets the option
        assertEquals(harness.console.text(), 'SUCCESS', result)
        assertEquals(false, harness.calls('esReconnectRemote')[0].arguments.checkRemotePort)
        assertTrue(!harness.calls('esPlanMigration')[0].arguments.containsKey('checkRemotePort'))
    }

    private static final String MIGRATION = """@Library('es-remote-migration') _
        esRemoteClusterMigration(cluster: 'es-local', remoteCluster: 'es-remote', alias: 'leader',
            rollbackOnFailure: false)"""

    private void stubMigrationSteps() {
        stepResults.esPlanMigration = { Map args -> [ready: true, switchOrder: 'documented', switchOrderReason: 'test'] }
        stepResults.esCreateCrossClusterKey = { Map args -> [credentialsId: 'es-ccs-leader', keyId: 'k1', credentialAction: 'created'] }
        stepResults.esPauseRemoteTasks = { Map args -> [outcome: 'done'] }
        stepResults.esGrantRemotePrivileges = { Map args -> [outcome: 'done'] }
        stepResults.esDisconnectRemote = { Map args -> [outcome: 'done'] }
        stepResults.esReloadSecureSettings = { Map args -> [outcome: 'done'] }
        stepResults.esReconnectRemote = { Map args -> [outcome: 'done'] }
        stepResults.esVerifyRemote = { Map args -> [ok: true, connected: true, clusterCredentials: true] }
        stepResults.esResumeRemoteTasks = { Map args -> [outcome: 'done'] }
        stepResults.esDisableCertificateAccess = { Map args -> [outcome: 'done'] }
    }
}
