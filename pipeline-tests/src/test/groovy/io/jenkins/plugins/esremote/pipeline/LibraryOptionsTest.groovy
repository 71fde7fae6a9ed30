package io.jenkins.plugins.esremote.pipeline

import static org.junit.Assert.assertEquals
import static org.junit.Assert.assertTrue

import org.junit.After
import org.junit.Before
import org.junit.Test

/**
 * Option checks of the shared library globals: they fail the build before any step runs, so no
 * cluster is involved and any step call fails the test.
 */
class LibraryOptionsTest {

    private PipelineHarness harness

    @Before
    void setUp() {
        harness = new PipelineHarness(PipelineHarness.repositoryRoot(), System.out)
        harness.setUp()
        harness.stepRunner = { String name, Map args -> throw new AssertionError((Object) "step ${name} must not run") }
        harness.bindSteps(['esPlanMigration', 'esVerifyRemote', 'esRollbackRemote'])
    }

    @After
    void tearDown() {
        harness.workspace.deleteDir()
    }

    @Test
    void misspeltOptionFailsBuild() {
        // Given a migration call with a misspelt option
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', rollbackOnFailur: true)"""

        // When it runs
        String result = harness.runText(jenkinsfile)

        // Then the build fails naming the option, before any stage
        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Unknown option 'rollbackOnFailur'"))
        assertEquals([], harness.stages)
    }

    @Test
    void quotedPortCheckFlagFailsBuild() {
        // Given the flag as a string, which the reconnect step would reject only after the disconnect
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', reconnect: [checkRemotePort: 'false'])"""

        // When it runs
        String result = harness.runText(jenkinsfile)

        // Then the build fails naming the option, before any stage
        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains(
            "Invalid option 'reconnect.checkRemotePort': expected true or false, without quotes"))
        assertEquals([], harness.stages)
    }

    @Test
    void misspeltNestedOptionFailsBuild() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', keystore: [agentLabel: 'x'])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Unknown option 'keystore.agentLabel'"))
    }

    @Test
    void nestedOptionMustBeMap() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', approval: false)"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Invalid option 'approval': expected a map"))
    }

    @Test
    void keystoreCommandWithShellCharactersIsRejected() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterRollback(cluster: 'es-local', alias: 'leader',
                keystore: [mode: 'agent', agentLabels: ['n1'], command: 'elasticsearch-keystore; id'])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Invalid keystore.command 'elasticsearch-keystore; id'"))
        assertEquals([], harness.shellScripts)
    }

    @Test
    void keystoreCommandMustRunKeystoreTool() {
        List<String> rejected = ['rm -rf /', 'elasticsearch-keystore-evil', 'elasticsearch-keystore add x',
            'elasticsearch-keystore\nid', '']
        rejected.each { String command ->
            harness.failure = null
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterRollback(cluster: 'es-local', alias: 'leader',
                    keystore: [mode: 'agent', agentLabels: ['n1'], command: '${command.replace('\n', '\\n')}'])"""

            String result = harness.runText(jenkinsfile)

            assertEquals(command, 'FAILURE', result)
            assertTrue("${command}: ${harness.failure}", harness.failure.message.contains('Invalid keystore.command'))
        }
        assertEquals([], harness.shellScripts)
    }

    @Test
    void keystoreCommandAcceptsPathAndPrefix() {
        ['elasticsearch-keystore', '/usr/share/elasticsearch/bin/elasticsearch-keystore',
         'sudo -u elasticsearch /usr/share/elasticsearch/bin/elasticsearch-keystore',
         'env ES_PATH_CONF=/etc/elasticsearch elasticsearch-keystore'].each { String command ->
            harness.failure = null
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterRollback(cluster: 'es-local', alias: 'leader',
                    keystore: [mode: 'agent', agentLabels: ['n1'], command: '${command}'])"""

            harness.runText(jenkinsfile)

            // The options pass, so the build fails only at the unknown agent label
            assertTrue("${command}: ${harness.failure}", harness.failure.message.contains("No agent has label 'n1'"))
        }
    }

    @Test
    void aliasWithShellCharactersIsRejected() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterRollback(cluster: 'es-local', alias: 'leader;rm -rf /')"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Invalid or missing alias 'leader;rm -rf /'"))
        assertEquals([], harness.stepCalls)
    }

    @Test
    void missingAliasIsNamed() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local')"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Missing option 'alias' for targets[0]"))
    }

    @Test
    void checkAliasBesideAliasesIsRejected() {
        // Given a single alias and a list: the single one would silently not be checked
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', alias: 'leader', aliases: ['follower'])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Option 'alias' ('leader') is ignored"))
        assertEquals([], harness.stepCalls)
    }

    @Test
    void aliasesWithShellSyntaxAreRejected() {
        // Each alias is written as a Groovy string literal with escapes, so quotes and line breaks reach the library
        List<String> aliases = ['leader; rm -rf /', "leader'", 'leader"', 'leader\nid', 'leader$(id)', 'leader`id`',
            'leader id', 'leader|id', '../leader', '']
        aliases.each { String alias ->
            harness.failure = null
            String literal = alias.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n').replace('$', '\\$')
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterCheck(cluster: 'es-local', aliases: ['${literal}'])"""

            String result = harness.runText(jenkinsfile)

            assertEquals(alias, 'FAILURE', result)
            assertTrue("${alias}: ${harness.failure}", harness.failure.message.contains("Invalid or missing alias '${alias}'"))
        }
        assertEquals([], harness.stepCalls)
    }

    @Test
    void agentLabelExpressionsAreRejected() {
        Map<String, String> cases = [
            "['n1 || n2']": "Invalid keystore.agentLabels entry 'n1 || n2'",
            "['n1', '!n2']": "Invalid keystore.agentLabels entry '!n2'",
            "['n1', 'n1']": 'keystore.agentLabels lists n1 more than once',
        ]
        cases.each { String labels, String expected ->
            harness.failure = null
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterRollback(cluster: 'es-local', alias: 'leader',
                    keystore: [mode: 'agent', agentLabels: ${labels}])"""

            String result = harness.runText(jenkinsfile)

            assertEquals(labels, 'FAILURE', result)
            assertTrue("${labels}: ${harness.failure}", harness.failure.message.contains(expected))
        }
        assertEquals([], harness.shellScripts)
    }

    @Test
    void missingClusterIsRejected() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(aliases: ['leader'])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Missing option 'cluster'"))
    }

    @Test
    void duplicateTargetsAreRejected() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterMigration(cluster: 'es-local', targets: [[alias: 'leader'], [alias: 'leader']])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains('es-local/leader'))
    }

    @Test
    void agentModeWithoutLabelsIsRejected() {
        // Given agent mode without labels; the rollback's first stage needs them
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterRollback(cluster: 'es-local', alias: 'leader', keystore: [mode: 'agent'])"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains('keystore.agentLabels is empty'))
        assertEquals([], harness.stepCalls)
    }

    @Test
    void invalidFailedResultIsRejected() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', aliases: ['leader'], failedResult: 'RED')"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Invalid failedResult 'RED'"))
    }

    @Test
    void wrongTypedOptionsAreRejected() {
        // A string 'false' is true in Groovy, so each option must have its default's type
        Map<String, String> cases = [
            "rollbackOnFailure: 'false'": "Invalid option 'rollbackOnFailure'",
            "approval: [enabled: 'false']": "Invalid option 'approval.enabled'",
            "approval: [timeoutMinutes: '30']": "Invalid option 'approval.timeoutMinutes'",
            "keystore: [mode: 'agent', agentLabels: 'n1']": "Invalid option 'keystore.agentLabels'",
            "targets: 'leader'": "Invalid option 'targets'",
            "targets: ['leader']": "Invalid option 'targets[0]'",
        ]
        cases.each { String option, String expected ->
            harness.failure = null
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', ${option})"""

            String result = harness.runText(jenkinsfile)

            assertEquals(option, 'FAILURE', result)
            assertTrue("${option}: ${harness.failure}", harness.failure.message.contains(expected))
        }
        assertEquals([], harness.stepCalls)
    }

    @Test
    void invalidApprovalAndTimeoutsAreRejected() {
        Map<String, String> cases = [
            "approval: [timeoutMinutes: 0]": "Invalid approval.timeoutMinutes '0'",
            "approval: [timeoutMinutes: -5]": "Invalid approval.timeoutMinutes '-5'",
            "keystore: [timeoutMinutes: 0]": "Invalid keystore.timeoutMinutes for es-local/leader '0'",
            "approval: [submitter: ['alice', 'bob']]": "Invalid approval.submitter '[alice, bob]'",
        ]
        cases.each { String option, String expected ->
            harness.failure = null
            String jenkinsfile = """@Library('es-remote-migration') _
                esRemoteClusterMigration(cluster: 'es-local', alias: 'leader', ${option})"""

            String result = harness.runText(jenkinsfile)

            assertEquals(option, 'FAILURE', result)
            assertTrue("${option}: ${harness.failure}", harness.failure.message.contains(expected))
        }
        assertEquals([], harness.stepCalls)
    }

    @Test
    void checkAliasesMustBeList() {
        String jenkinsfile = """@Library('es-remote-migration') _
            esRemoteClusterCheck(cluster: 'es-local', aliases: 'leader')"""

        String result = harness.runText(jenkinsfile)

        assertEquals('FAILURE', result)
        assertTrue(harness.failure.message, harness.failure.message.contains("Invalid option 'aliases'"))
    }
}
