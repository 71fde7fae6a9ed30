package io.jenkins.plugins.esremote.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.esremote.testkit.EsClusters;
import io.jenkins.plugins.esremote.testkit.EsClustersExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark as a JUnit class, because testkit hands out its clusters through its JUnit
 * extension. {@link BenchmarkRun} launches it; it lives in the main source set so that the test
 * phase never runs it.
 */
@ExtendWith(EsClustersExtension.class)
class OutageScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void measureOutageWindows(EsClusters clusters) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Path directory = settings.output().resolve("es-" + clusters.version());
        deleteRecursively(directory);
        Files.createDirectories(directory);
        String loadBefore = LoadAverage.read();

        List<Measurement> measurements = new SwitchBenchmark(clusters, settings, directory).run();

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("version", clusters.version());
        results.put("nodeJvm", nodeJvm(clusters));
        results.put("benchmarkJvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("processors", Runtime.getRuntime().availableProcessors());
        results.put("intervalMillis", settings.interval().toMillis());
        results.put("loadBefore", loadBefore);
        results.put("loadAfter", LoadAverage.read());
        results.put("directory", directory.toString());
        results.put("measurements", measurements.stream().map(Measurement::toMap).toList());
        Path file = settings.output().resolve("line-" + clusters.version().charAt(0) + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
    }

    private static String nodeJvm(EsClusters clusters) throws IOException {
        Request request = new Request("GET", "/_nodes/_local/jvm");
        try (InputStream body = clusters.local().restClient().performRequest(request).getEntity().getContent()) {
            JsonNode jvm = JSON.readTree(body).path("nodes").elements().next().path("jvm");
            return jvm.path("vm_name").asText() + " " + jvm.path("version").asText();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
