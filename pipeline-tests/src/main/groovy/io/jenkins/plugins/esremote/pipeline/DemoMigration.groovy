package io.jenkins.plugins.esremote.pipeline

import groovy.json.JsonOutput
import io.jenkins.plugins.esremote.testkit.EsClusters
import io.jenkins.plugins.esremote.testkit.EsClustersExtension
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith

/**
 * The demo: the two testkit clusters in their certificate-trust state with tasks reading through
 * the alias, test-pipelines/migration/Jenkinsfile run through the pipeline harness with each
 * stage printed as it runs, and the alias's entry of GET /_remote/info printed at the end.
 */
@ExtendWith(EsClustersExtension)
class DemoMigration {

    static final String JENKINSFILE = 'test-pipelines/migration/Jenkinsfile'
    static final String APPROVER = 'demo-admin'

    @Test
    void migrate(EsClusters clusters) {
        PrintStream out = System.out
        String alias = clusters.alias()
        AliasTasks tasks = new AliasTasks(clusters.local(), clusters.remote(), alias)
        tasks.create()
        ClusterPipelines jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        try {
            out.println("demo: alias '${alias}' before the migration: ${JsonOutput.toJson(jenkins.remoteInfo(alias))}")
            out.println("demo: tasks reading through '${alias}': ${tasks.states()}")

            PipelineHarness harness = jenkins.newHarness(out)
            harness.inputAnswer = { Map input ->
                out.println("demo: approving as ${APPROVER}, a member of es-admins")
                return InputAnswers.approveAs(APPROVER, 'es-admins').call(input)
            }
            String result = harness.run(JENKINSFILE)

            out.println("demo: Pipeline result ${result}")
            out.println("demo: tasks after the migration: ${tasks.states()}")
            out.println("demo: GET /_remote/info on the local cluster, alias '${alias}':")
            out.println(JsonOutput.prettyPrint(JsonOutput.toJson([(alias): jenkins.remoteInfo(alias)])))
            if (result != 'SUCCESS') {
                throw new IllegalStateException("The migration Pipeline finished ${result}: ${harness.failure?.message}")
            }
        } finally {
            jenkins.close()
        }
    }
}
