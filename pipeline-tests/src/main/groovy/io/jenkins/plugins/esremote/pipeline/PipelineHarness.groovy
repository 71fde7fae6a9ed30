package io.jenkins.plugins.esremote.pipeline

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.cps.PipelineTestHelperCPS
import com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration
import com.lesfurets.jenkins.unit.global.lib.SourceRetriever
import hudson.AbortException

/**
 * Runs scripted Jenkinsfiles and the shared library of this repository with JenkinsPipelineUnit.
 * The Pipeline steps the library uses are bound to behaviour close to Jenkins': es* steps run
 * the plugin's Step classes, sh runs a real shell on an "agent" whose PATH holds the keystore
 * tool of an Elasticsearch node, withCredentials binds secrets from a credential lookup and masks
 * them in the console, input is answered by the caller.
 */
class PipelineHarness extends BasePipelineTest {

    /** The name Jenkinsfiles load the library by: {@code @Library('es-remote-migration') _}. */
    static final String LIBRARY_NAME = 'es-remote-migration'

    /** The label of the agent that node { } without a label runs on; it has no keystore tool. */
    static final String BUILT_IN = 'built-in'

    final File root
    final File workspace
    final MaskingConsole console

    /** Stage names in the order they started. */
    final List<String> stages = []
    /** Every es* step call with its arguments, its result or its failure, in order. */
    final List<StepCall> stepCalls = []
    /** Every input call, in order. */
    final List<InputCall> inputs = []
    /** Every timeout call's arguments, in order. */
    final List<Map> timeouts = []
    /** Every sh script with the agent label it ran on. */
    final List<Map> shellScripts = []
    /** Job properties set with properties([...]). */
    final List<Object> jobProperties = []
    /** Reports published with junit, by path. */
    final Map<String, String> junitReports = [:]

    final Map<String, String> env = [:]
    Map<String, Object> params = [:]

    /** Agent label to the keystore command line of the Elasticsearch node on that agent. */
    final Map<String, List<String>> agents = [:]
    /** Returns the plain text of a Secret text credential by id; throws when none exists. */
    Closure<String> secretLookup = { String id -> throw new AbortException("No credentials with id '${id}'") }
    /** Answers an input call: returns its value or throws BuildAbortedException to abort. */
    Closure<Object> inputAnswer = { Map args -> throw new IllegalStateException("No answer for input: ${args.message}") }
    /** Runs an es* step; bound by the caller to the plugin's steps. */
    Closure<Object> stepRunner = { String name, Map args -> throw new IllegalStateException("No plugin steps bound") }

    /** Step names whose next call fails before running, to inject a failure in a stage. */
    final Set<String> failingSteps = [] as Set

    String result = 'SUCCESS'
    Throwable failure

    private String currentAgent
    private final Deque<Map> openTimeouts = new ArrayDeque<>()
    private final File binRoot
    private final File scratch
    private int scratchScripts

    PipelineHarness(File root, PrintStream out) {
        this(root, out, false)
    }

    /**
     * With {@code cps} true, scripts run CPS-transformed and every step's environment is
     * serialized and read back, as Jenkins does at each step; use it to find values that Jenkins
     * could not save, not to check behaviour.
     */
    PipelineHarness(File root, PrintStream out, boolean cps) {
        if (cps) {
            helper = new PipelineTestHelperCPS()
        }
        this.root = root.canonicalFile
        this.console = new MaskingConsole(out)
        this.workspace = File.createTempFile('workspace', '')
        workspace.delete()
        workspace.mkdirs()
        this.binRoot = new File(workspace, '.agents')
        this.scratch = new File(workspace, '.jenkinsfiles')
        scratch.mkdirs()
        scriptRoots = [this.root.path, scratch.path] as String[]
        scriptExtension = ''
        baseScriptRoot = this.root.path
        env.putAll([BUILD_NUMBER: '1', JOB_NAME: 'es-remote-migration', WORKSPACE: workspace.path])
    }

    /** Returns the repository root from the 'library.root' system property or the working directory. */
    static File repositoryRoot() {
        File root = new File(System.getProperty('library.root', '.')).canonicalFile
        if (!new File(root, 'vars').directory) {
            root = root.parentFile
        }
        if (!new File(root, 'vars').directory) {
            throw new IllegalStateException("No vars/ directory under ${root}: set -Dlibrary.root to the repository root.")
        }
        return root
    }

    @Override
    void setUp() throws Exception {
        super.setUp()
        helper.registerSharedLibrary(LibraryConfiguration.library()
            .name(LIBRARY_NAME)
            .defaultVersion('main')
            .allowOverride(false)
            .implicit(false)
            .targetPath(root.path)
            .retriever(new RepositoryRetriever(root))
            .build())
        binding.setVariable('env', env)
        binding.setVariable('params', params)
        binding.setVariable('currentBuild', [result: null, currentResult: 'SUCCESS', number: 1])
        registerFlowSteps()
        registerWorkspaceSteps()
        registerJobProperties()
    }

    /** Binds each name to the es* step runner, so the library's calls reach the plugin. */
    void bindSteps(Collection<String> names) {
        names.each { String name ->
            helper.registerAllowedMethod(name, [Map], { Map args -> callStep(name, args) })
            helper.registerAllowedMethod(name, [], { -> callStep(name, [:]) })
        }
    }

    /** Runs a Jenkinsfile (a path under the repository root) and returns the build result. */
    String run(String jenkinsfile) {
        console.println("[Pipeline] Start of Pipeline ${jenkinsfile}")
        binding.setVariable('params', params)
        try {
            runScript(jenkinsfile)
        } catch (Throwable thrown) {
            failure = thrown
            result = thrown instanceof InterruptedException ? 'ABORTED' : 'FAILURE'
            console.println("ERROR: ${thrown.message ?: thrown}")
        }
        String scriptResult = binding.getVariable('currentBuild').result
        if (scriptResult && failure == null) {
            result = worse(result, scriptResult)
        }
        console.println("[Pipeline] End of Pipeline: Finished: ${result}")
        return result
    }

    /** Runs a Jenkinsfile given as text, as if it were a file in the repository. */
    String runText(String jenkinsfile) {
        String name = "Jenkinsfile-${++scratchScripts}"
        new File(scratch, name).setText(jenkinsfile, 'UTF-8')
        return run(name)
    }

    /** Returns the es* step calls of one step, in order. */
    List<StepCall> calls(String name) {
        return stepCalls.findAll { it.name == name }
    }

    private Object callStep(String name, Map args) {
        StepCall call = new StepCall(name: name, arguments: new LinkedHashMap(args), stage: stages ? stages.last() : null)
        stepCalls << call
        if (failingSteps.remove(name)) {
            call.failure = new AbortException("Injected failure in ${name}")
            throw call.failure
        }
        try {
            call.result = stepRunner.call(name, args)
            return call.result
        } catch (Throwable thrown) {
            call.failure = thrown
            throw thrown
        }
    }

    private void registerFlowSteps() {
        helper.registerAllowedMethod('stage', [String, Closure], { String name, Closure body ->
            stages << name
            console.println("[Pipeline] stage: ${name}")
            long started = System.nanoTime()
            try {
                Object value = helper.callClosure(body)
                console.println("[Pipeline] stage done: ${name} (${seconds(started)} s)")
                return value
            } catch (Throwable thrown) {
                console.println("[Pipeline] stage failed: ${name} (${seconds(started)} s)")
                throw thrown
            }
        })
        helper.registerAllowedMethod('echo', [String], { String text -> console.println(text) })
        helper.registerAllowedMethod('error', [String], { String message -> throw new AbortException(message) })
        helper.registerAllowedMethod('unstable', [String], { String message ->
            console.println("WARNING: ${message}")
            markResult('UNSTABLE')
        })
        helper.registerAllowedMethod('unstable', [Map], { Map args ->
            console.println("WARNING: ${args.message}")
            markResult('UNSTABLE')
        })
        helper.registerAllowedMethod('timeout', [Map, Closure], { Map args, Closure body ->
            timeouts << args
            openTimeouts.push(args)
            try {
                return helper.callClosure(body)
            } finally {
                openTimeouts.pop()
            }
        })
        helper.registerAllowedMethod('input', [Map], { Map args -> answerInput(args) })
        helper.registerAllowedMethod('input', [String], { String message -> answerInput([message: message]) })
        helper.registerAllowedMethod('node', [String, Closure], { String label, Closure body -> onAgent(label, body) })
        helper.registerAllowedMethod('node', [Closure], { Closure body -> onAgent(BUILT_IN, body) })
        helper.registerAllowedMethod('sh', [String], { String script -> shell([script: script]) })
        helper.registerAllowedMethod('sh', [Map], { Map args -> shell(args) })
        helper.registerAllowedMethod('string', [Map], { Map args -> [symbol: 'string'] + args })
        helper.registerAllowedMethod('withCredentials', [List, Closure], { List bindings, Closure body ->
            withSecrets(bindings, body)
        })
    }

    private void registerWorkspaceSteps() {
        helper.registerAllowedMethod('writeFile', [Map], { Map args ->
            File file = workspaceFile(args.file as String)
            file.parentFile.mkdirs()
            file.setText(args.text as String, 'UTF-8')
        })
        helper.registerAllowedMethod('readFile', [String], { String path -> workspaceFile(path).getText('UTF-8') })
        helper.registerAllowedMethod('readFile', [Map], { Map args -> workspaceFile(args.file as String).getText('UTF-8') })
        helper.registerAllowedMethod('junit', [String], { String path -> publishJunit([testResults: path]) })
        helper.registerAllowedMethod('junit', [Map], { Map args -> publishJunit(args) })
    }

    private void registerJobProperties() {
        helper.registerAllowedMethod('properties', [List], { List values -> jobProperties.addAll(values) })
        ['pipelineTriggers', 'parameters'].each { String name ->
            helper.registerAllowedMethod(name, [List], { List values -> [symbol: name, values: values] })
        }
        helper.registerAllowedMethod('cron', [String], { String spec -> [symbol: 'cron', spec: spec] })
        helper.registerAllowedMethod('disableConcurrentBuilds', [], { -> [symbol: 'disableConcurrentBuilds'] })
        helper.registerAllowedMethod('buildDiscarder', [Object], { Object strategy -> [symbol: 'buildDiscarder', strategy: strategy] })
        ['logRotator', 'choice', 'booleanParam'].each { String name ->
            helper.registerAllowedMethod(name, [Map], { Map args -> [symbol: name] + args })
        }
    }

    private Object answerInput(Map args) {
        InputCall call = new InputCall(arguments: args, agent: currentAgent, timeout: openTimeouts.peek(),
            stage: stages ? stages.last() : null)
        inputs << call
        console.println("Input requested: ${args.message}")
        Object answer = inputAnswer.call(args)
        console.println("Input answered${args.submitterParameter ? " by ${answer}" : ''}")
        return answer
    }

    private Object onAgent(String label, Closure body) {
        if (!agents.containsKey(label) && label != BUILT_IN) {
            throw new AbortException("No agent has label '${label}'; known labels: ${agents.keySet()}")
        }
        String previous = currentAgent
        currentAgent = label
        console.println("Running on ${label} in ${workspace}")
        try {
            return helper.callClosure(body)
        } finally {
            currentAgent = previous
        }
    }

    /**
     * Runs the script with sh -xe on the current agent, as Jenkins' sh step does, with the
     * agent's keystore tool first on PATH as elasticsearch-keystore.
     */
    private Object shell(Map args) {
        if (currentAgent == null) {
            throw new AbortException('sh needs an agent: call it inside node(label) { ... }')
        }
        String script = args.script as String
        shellScripts << [agent: currentAgent, script: script]
        ProcessBuilder builder = new ProcessBuilder('/bin/sh', '-xe', '-c', script).directory(workspace)
        builder.environment().putAll(env)
        if (agents.containsKey(currentAgent)) {
            builder.environment().PATH = agentBin(currentAgent).path + File.pathSeparator + System.getenv('PATH')
        }
        Process process = builder.start()
        process.outputStream.close()
        StringBuilder stdout = new StringBuilder()
        Thread errors = Thread.start { process.errorStream.eachLine('UTF-8') { console.println(it) } }
        process.inputStream.eachLine('UTF-8') { String line ->
            if (args.returnStdout) {
                stdout.append(line).append('\n')
            } else {
                console.println(line)
            }
        }
        int status = process.waitFor()
        errors.join()
        if (args.returnStatus) {
            return status
        }
        if (status != 0) {
            throw new AbortException("script returned exit code ${status}")
        }
        return args.returnStdout ? stdout.toString() : null
    }

    private File agentBin(String label) {
        File bin = new File(binRoot, label.replaceAll('[^A-Za-z0-9_.-]', '_'))
        File tool = new File(bin, 'elasticsearch-keystore')
        if (!tool.exists()) {
            bin.mkdirs()
            String command = agents[label].collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
            tool.setText("#!/bin/sh\nexec ${command} \"\$@\"\n", 'UTF-8')
            tool.setExecutable(true)
        }
        return bin
    }

    private Object withSecrets(List bindings, Closure body) {
        List<String> bound = []
        try {
            bindings.each { Map binding ->
                if (binding.symbol != 'string') {
                    throw new AbortException("Only string(credentialsId:, variable:) bindings are supported, not ${binding}")
                }
                String secret = secretLookup.call(binding.credentialsId as String)
                console.mask(secret)
                env[binding.variable as String] = secret
                bound << (binding.variable as String)
            }
            return helper.callClosure(body)
        } finally {
            bound.each { env.remove(it) }
        }
    }

    private void publishJunit(Map args) {
        File report = workspaceFile(args.testResults as String)
        if (!report.file) {
            if (args.allowEmptyResults) {
                return
            }
            throw new AbortException("No test report files were found at ${args.testResults}")
        }
        String xml = report.getText('UTF-8')
        junitReports[args.testResults as String] = xml
        def suite = new XmlSlurper().parseText(xml)
        int failures = suite.testcase.findAll { it.failure.size() > 0 }.size()
        console.println("Recording test results: ${suite.testcase.size()} tests, ${failures} failures")
        // The real junit step marks the build UNSTABLE when a test failed.
        if (failures > 0) {
            markResult('UNSTABLE')
        }
    }

    private File workspaceFile(String path) {
        return new File(workspace, path)
    }

    private void markResult(String value) {
        Map build = binding.getVariable('currentBuild') as Map
        build.result = worse(build.result as String ?: 'SUCCESS', value)
        build.currentResult = build.result
    }

    private static String worse(String first, String second) {
        List<String> order = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED']
        return order.indexOf(first) >= order.indexOf(second) ? first : second
    }

    private static String seconds(long startedNanos) {
        return String.format('%.1f', (System.nanoTime() - startedNanos) / 1e9d)
    }

    /** One es* step call as the library made it. */
    static class StepCall {
        String name
        String stage
        Map arguments
        Object result
        Throwable failure

        @Override
        String toString() {
            return "${name}(${arguments})${failure ? " failed: ${failure.message}" : ''}"
        }
    }

    /** One input call: its arguments, the agent it held (null outside node) and its timeout. */
    static class InputCall {
        Map arguments
        String agent
        Map timeout
        String stage
    }

    /** Hands JenkinsPipelineUnit the repository root as the library's source. */
    static class RepositoryRetriever implements SourceRetriever {
        private final File root

        RepositoryRetriever(File root) {
            this.root = root
        }

        @Override
        List<URL> retrieve(String repository, String branch, String targetPath) {
            return [root.toURI().toURL()]
        }
    }
}
