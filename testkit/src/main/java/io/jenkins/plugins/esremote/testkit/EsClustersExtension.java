package io.jenkins.plugins.esremote.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 entry point: resolves {@link EsClusters} parameters of tests, {@code @BeforeEach} and
 * {@code @BeforeAll} methods, and resets the clusters after each test that used them.
 *
 * <p>The clusters start on first use and are shared by every test class in the JVM. They stop
 * when the JVM exits; if it is killed, the nodes stop on their own when their standard input
 * closes. With {@code -Dtestkit.elasticsearch.line=9} and no Java 21+ runtime, tests are skipped
 * with one line saying so.
 */
public final class EsClustersExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EsClustersExtension.class);
    private static final Object LOCK = new Object();
    private static EsClusters shared;
    private static RuntimeException startFailure;
    private static boolean skipReported;
    private static final Map<ElasticsearchLine, Optional<Path>> NODE_JAVA = new EnumMap<>(ElasticsearchLine.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ElasticsearchLine line = ElasticsearchLine.selected();
        if (nodeJava(line).isPresent()) {
            return ConditionEvaluationResult.enabled("a Java " + line.minimumJava() + "+ runtime was found");
        }
        String reason = "testkit: skipped, Elasticsearch " + line.major() + ".x needs Java " + line.minimumJava()
            + "+ and none was found (set -D" + JavaRuntimes.PROPERTY + " or " + JavaRuntimes.VARIABLE + " to a JDK home)";
        synchronized (LOCK) {
            if (skipReported == false) {
                System.out.println(reason);
                skipReported = true;
            }
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EsClusters.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            EsClusters clusters = clusters();
            // The root store closes its values when the test plan ends: the clusters stop there,
            // before the JVM exits, and report what they used.
            extensionContext.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "clusters", key -> (AutoCloseable) clusters::stop, AutoCloseable.class);
            return clusters;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("testkit could not start the Elasticsearch clusters: " + e.getMessage(), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        EsClusters clusters;
        synchronized (LOCK) {
            clusters = shared;
        }
        if (clusters != null) {
            clusters.reset();
        }
    }

    /** Returns the shared clusters, starting them on first call. */
    static EsClusters clusters() {
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (startFailure != null) {
                throw new IllegalStateException("the clusters failed to start earlier in this JVM", startFailure);
            }
            ElasticsearchLine line = ElasticsearchLine.selected();
            Optional<Path> java = nodeJava(line);
            if (java.isEmpty()) {
                throw new IllegalStateException("no Java " + line.minimumJava() + "+ runtime found for Elasticsearch " + line.major());
            }
            Path workDir = workDirectory();
            try {
                shared = EsClusters.start(line, java.get(), workDir);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            EsClusters started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.closeNow();
            }, "testkit-stop-clusters"));
            return shared;
        }
    }

    /** Returns the Java runtime for the nodes of a line, looked up once per JVM. */
    private static Optional<Path> nodeJava(ElasticsearchLine line) {
        synchronized (LOCK) {
            return NODE_JAVA.computeIfAbsent(line, l -> JavaRuntimes.find(l.minimumJava()));
        }
    }

    /**
     * Returns {@code target/testkit/run-<pid>} under the module directory, after deleting the
     * directories of earlier runs whose JVM is gone.
     */
    private static Path workDirectory() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "testkit");
        long pid = ProcessHandle.current().pid();
        try {
            Files.createDirectories(base);
            try (DirectoryStream<Path> runs = Files.newDirectoryStream(base, "run-*")) {
                for (Path run : runs) {
                    String suffix = run.getFileName().toString().substring("run-".length());
                    boolean alive = suffix.matches("\\d+") && ProcessHandle.of(Long.parseLong(suffix)).isPresent();
                    if (alive == false) {
                        deleteRecursively(run);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to prepare " + base, e);
        }
        return base.resolve("run-" + pid);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
