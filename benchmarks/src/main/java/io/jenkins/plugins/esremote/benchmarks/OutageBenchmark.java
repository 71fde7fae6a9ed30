package io.jenkins.plugins.esremote.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point: measures the outage window on each Elasticsearch line in its own JVM (testkit
 * starts one pair of clusters per JVM), then writes the results table to {@code
 * <benchmark.output>/results.md} and prints it.
 */
public final class OutageBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutageBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        Files.createDirectories(settings.output());
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean failed = false;
        for (String line : settings.lines()) {
            Path results = settings.output().resolve("line-" + line + ".json");
            Files.deleteIfExists(results);
            int exit = runLine(line, settings);
            if (exit == 0 && Files.exists(results)) {
                lines.add(JSON.readValue(results.toFile(), new TypeReference<Map<String, Object>>() {}));
            } else if (exit == BenchmarkRun.SKIPPED) {
                notes.add("Elasticsearch " + line + ".x skipped: testkit found no suitable JDK for its nodes.");
            } else {
                notes.add("Elasticsearch " + line + ".x failed (exit code " + exit + "); see the output above.");
                failed = true;
            }
        }
        String table = ResultTable.markdown(started, lines, notes);
        Path file = settings.output().resolve("results.md");
        Files.writeString(file, table, StandardCharsets.UTF_8);
        System.out.println(table);
        System.out.println("benchmark: results written to " + file);
        System.exit(failed ? 1 : 0);
    }

    private static int runLine(String line, BenchmarkSettings settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dtestkit.elasticsearch.line=" + line);
        for (String property : List.of("basedir", "testkit.java.home", "benchmark.runs", "benchmark.intervalMillis")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-Dbenchmark.output=" + settings.output());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchmarkRun.class.getName());
        System.out.println("benchmark: measuring Elasticsearch line " + line);
        Process process = new ProcessBuilder(command).inheritIO().start();
        return process.waitFor();
    }
}
