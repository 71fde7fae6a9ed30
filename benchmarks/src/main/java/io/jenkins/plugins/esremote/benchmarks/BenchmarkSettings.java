package io.jenkins.plugins.esremote.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of a benchmark run, read from system properties that the Maven exec configuration
 * passes: {@code benchmark.lines}, {@code benchmark.runs}, {@code benchmark.intervalMillis} and
 * {@code benchmark.output}.
 */
record BenchmarkSettings(List<String> lines, int runs, Duration interval, Path output) {

    static final int MIN_RUNS = 5;
    static final long MAX_INTERVAL_MILLIS = 100;

    BenchmarkSettings {
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("Invalid benchmark.runs=" + runs + ": use at least " + MIN_RUNS
                    + " so that the median and the worst case mean something.");
        }
        if (interval.isNegative() || interval.isZero() || interval.toMillis() > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("Invalid benchmark.intervalMillis=" + interval.toMillis()
                    + ": use 1 to " + MAX_INTERVAL_MILLIS + " ms.");
        }
        for (String line : lines) {
            if (!line.equals("8") && !line.equals("9")) {
                throw new IllegalArgumentException(
                        "Invalid Elasticsearch line '" + line + "' in benchmark.lines: use 8, 9 or 8,9.");
            }
        }
    }

    static BenchmarkSettings fromSystemProperties() {
        List<String> lines = new ArrayList<>();
        for (String line : System.getProperty("benchmark.lines", "8").split(",")) {
            if (!line.isBlank()) {
                lines.add(line.trim());
            }
        }
        return new BenchmarkSettings(lines, integer("benchmark.runs", "5"),
                Duration.ofMillis(integer("benchmark.intervalMillis", "50")),
                Path.of(System.getProperty("benchmark.output", "target/benchmark")).toAbsolutePath());
    }

    private static int integer(String property, String defaultValue) {
        String value = System.getProperty(property, defaultValue).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid " + property + "=" + value + ": use a whole number.", e);
        }
    }
}
