package io.jenkins.plugins.esremote.pipeline

import groovy.json.JsonOutput
import io.jenkins.plugins.esremote.testkit.EsClusters
import io.jenkins.plugins.esremote.testkit.EsClustersExtension

/**
 * The demo: starts the two testkit clusters in their certificate-trust state with tasks reading
 * through the alias, runs test-pipelines/migration/Jenkinsfile through the pipeline harness,
 * printing each stage as it runs, and ends by printing the alias's entry of GET /_remote/info.
 */
class DemoRunner {

    static final String JENKINSFILE = 'test-pipelines/migration/Jenkinsfile'
    static final String APPROVER = 'demo-admin'

    static void main(String[] args) {
        int status = 1
        try {
            status = run(System.out)
        } catch (Throwable failure) {
            failure.printStackTrace()
        }
        // The shutdown hook of testkit stops the Elasticsearch nodes.
        System.exit(status)
    }

    static int run(PrintStream out) {
        out.println('demo: starting the local and remote Elasticsearch clusters (takes up to a minute)')
        // testkit's JUnit 5 extension is its only public way to the shared clusters; it reads
        // neither context argument when resolving them.
        EsClusters clusters = new EsClustersExtension().resolveParameter(null, null) as EsClusters
        String alias = clusters.alias()

        AliasTasks tasks = new AliasTasks(clusters.local(), clusters.remote(), alias)
        tasks.create()
        ClusterPipelines jenkins = new ClusterPipelines(clusters.local(), clusters.remote())
        try {
            out.println("demo: alias '${alias}' before the migration: ${JsonOutput.toJson(jenkins.remoteInfo(alias))}")
            out.println("demo: tasks reading through '${alias}': ${tasks.states()}")

            PipelineHarness harness = jenkins.newHarness(out)
            harness.inputAnswer = { Map input ->
                out.println("demo: answering the input as ${APPROVER} (member of ${input.submitter ?: 'anyone'})")
                return InputAnswers.approveAs(APPROVER, 'es-admins').call(input)
            }
            String result = harness.run(JENKINSFILE)

            out.println("demo: tasks after the migration: ${tasks.states()}")
            out.println("demo: GET /_remote/info on the local cluster, alias '${alias}':")
            out.println(JsonOutput.prettyPrint(JsonOutput.toJson(jenkins.remoteInfo(alias))))
            out.println("demo: Pipeline result ${result}")
            return result == 'SUCCESS' ? 0 : 1
        } finally {
            jenkins.close()
        }
    }
}
