package io.jenkins.plugins.esremote.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the measurements as a Markdown table: median and worst window per order and direction. */
final class ResultTable {

    private ResultTable() {}

    static String markdown(String started, List<Map<String, Object>> lines, List<String> notes) {
        StringBuilder out = new StringBuilder();
        out.append("Run started ").append(started).append('\n');
        for (Map<String, Object> line : lines) {
            out.append(String.format(Locale.ROOT,
                    "%nElasticsearch %s, nodes on %s, benchmark JVM %s, %s processors, sample interval %s ms,"
                            + " load average %s before and %s after.%n",
                    line.get("version"), line.get("nodeJvm"), line.get("benchmarkJvm"), line.get("processors"),
                    line.get("intervalMillis"), line.get("loadBefore"), line.get("loadAfter")));
        }
        out.append('\n');
        out.append("| Elasticsearch | switch | order | runs | window median (s) | window worst (s) "
                + "| upper bound median (s) | upper bound worst (s) | engine-reported median (s) "
                + "| longest sample interval (ms) | not recovered |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> line : lines) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> raw = (List<Map<String, Object>>) line.get("measurements");
            Map<String, List<Measurement>> groups = new LinkedHashMap<>();
            for (String direction : List.of("migration", "rollback")) {
                for (String order : List.of("product", "engine-documented", "documented", "repoint-then-reload")) {
                    groups.put(direction + " " + order, new ArrayList<>());
                }
            }
            for (Map<String, Object> map : raw) {
                Measurement measurement = Measurement.fromMap(map);
                groups.computeIfAbsent(measurement.direction() + " " + measurement.order(), key -> new ArrayList<>())
                        .add(measurement);
            }
            for (Map.Entry<String, List<Measurement>> group : groups.entrySet()) {
                if (!group.getValue().isEmpty()) {
                    out.append(row(String.valueOf(line.get("version")), group.getKey(), group.getValue()));
                }
            }
        }
        for (String note : notes) {
            out.append('\n').append(note).append('\n');
        }
        return out.toString();
    }

    private static String row(String version, String key, List<Measurement> measurements) {
        List<Long> windows = new ArrayList<>();
        List<Long> bounds = new ArrayList<>();
        List<Long> engine = new ArrayList<>();
        long longestInterval = 0;
        int notRecovered = 0;
        for (Measurement measurement : measurements) {
            windows.add(measurement.window().windowNanos());
            bounds.add(measurement.window().upperBoundNanos());
            if (measurement.engineMillis() != null) {
                engine.add(measurement.engineMillis() * 1_000_000);
            }
            longestInterval = Math.max(longestInterval, measurement.window().maxIntervalNanos());
            notRecovered += measurement.window().recovered() ? 0 : 1;
        }
        String[] parts = key.split(" ", 2);
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %s | %.0f | %d |%n",
                version, parts[0], parts[1], measurements.size(), Statistics.median(windows) / 1e9,
                Statistics.max(windows) / 1e9, Statistics.median(bounds) / 1e9, Statistics.max(bounds) / 1e9,
                engine.isEmpty() ? "-" : String.format(Locale.ROOT, "%.3f", Statistics.median(engine) / 1e9),
                longestInterval / 1e6, notRecovered);
    }
}
