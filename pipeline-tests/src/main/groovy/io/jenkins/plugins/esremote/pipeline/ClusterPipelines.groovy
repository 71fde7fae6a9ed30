package io.jenkins.plugins.esremote.pipeline

import hudson.model.TaskListener
import io.jenkins.plugins.esremote.config.EsClusterConnection
import io.jenkins.plugins.esremote.config.EsClustersConfiguration
import io.jenkins.plugins.esremote.steps.PluginServices
import io.jenkins.plugins.esremote.testkit.EsNode
import java.nio.file.Files
import java.nio.file.Path

/**
 * Jenkins as the test pipelines expect it, around two testkit clusters: the connections
 * {@value #LOCAL} and {@value #REMOTE} in the global configuration, their superuser credentials
 * in the system store, the agent {@value #LOCAL_AGENT} running on the local node, and the
 * plugin's steps bound to every harness it creates.
 */
class ClusterPipelines implements AutoCloseable {

    static final String LOCAL = 'es-local'
    static final String REMOTE = 'es-remote'
    static final String LOCAL_AGENT = 'es-local-node-1'

    final EsNode local
    final EsNode remote
    final InMemoryCredentials credentials = new InMemoryCredentials()
    final EsClustersConfiguration configuration = new EsClustersConfiguration()
    final PluginSteps steps = PluginSteps.discover()
    final Path jenkinsHome

    private final AutoCloseable installed
    private final List<PipelineHarness> harnesses = []

    ClusterPipelines(EsNode local, EsNode remote) {
        this.local = local
        this.remote = remote
        this.jenkinsHome = Files.createTempDirectory('jenkins-home')
        credentials.addUsernamePassword('es-local-admin', local.superuser(), local.superuserPassword())
        credentials.addUsernamePassword('es-remote-admin', remote.superuser(), remote.superuserPassword())
        configuration.setClusters([connection(LOCAL, local, 'es-local-admin'), connection(REMOTE, remote, 'es-remote-admin')])
        installed = PluginServices.use(new PluginServices(credentials, { configuration }, { jenkinsHome }))
    }

    private static EsClusterConnection connection(String name, EsNode node, String credentialsId) {
        EsClusterConnection connection = new EsClusterConnection(name, node.httpUrl(), credentialsId)
        connection.setCaCertificate(node.caCertificate().getText('UTF-8'))
        return connection
    }

    /** Creates a harness whose es* steps, credentials and agents are those of this Jenkins. */
    PipelineHarness newHarness(PrintStream out, boolean cps = false) {
        PipelineHarness harness = new PipelineHarness(PipelineHarness.repositoryRoot(), out, cps)
        harnesses << harness
        harness.setUp()
        File buildDir = new File(harness.workspace, '.build')
        buildDir.mkdirs()
        PipelineBuild build = new PipelineBuild('migration', buildDir)
        PrintStream stepLog = harness.console.stream()
        TaskListener listener = { -> stepLog } as TaskListener
        harness.stepRunner = { String name, Map args -> steps.run(name, args, build, listener) }
        harness.secretLookup = { String id -> credentials.secretText(id) }
        harness.agents[LOCAL_AGENT] = local.keystoreCommand()
        harness.bindSteps(steps.descriptors().keySet())
        return harness
    }

    /** Returns the local cluster's {@code GET /_remote/info} entry for the alias, or null. */
    Map remoteInfo(String alias) {
        return AliasTasks.send(local, 'GET', '/_remote/info', null)[alias] as Map
    }

    /** Returns the local cluster's persistent settings of the alias, flattened. */
    Map aliasSettings(String alias) {
        Map settings = AliasTasks.send(local, 'GET', "/_cluster/settings?flat_settings=true", null).persistent as Map
        return settings.findAll { key, value -> key.startsWith("cluster.remote.${alias}.") }
    }

    /** Returns the remote cluster's persistent and transient transport IP filter settings, flattened. */
    Map transportFilter() {
        Map settings = AliasTasks.send(remote, 'GET', '/_cluster/settings?flat_settings=true', null)
        return (settings.persistent + settings.transient).findAll { key, value ->
            key.startsWith('xpack.security.transport.filter.')
        }
    }

    /** Returns the journal files the steps wrote under the Jenkins home. */
    List<Path> journals() {
        File directory = jenkinsHome.resolve('es-remote-migration').resolve('journals').toFile()
        return (directory.listFiles() ?: []).collect { it.toPath() }
    }

    @Override
    void close() {
        installed.close()
        jenkinsHome.toFile().deleteDir()
        harnesses.each { it.workspace.deleteDir() }
    }
}
