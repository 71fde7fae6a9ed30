package io.jenkins.plugins.esremote.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outage window of one switch.
 *
 * @param version Elasticsearch version of both clusters
 * @param order how the switch was done: {@code product} (the engine's default order), {@code
 *     engine-documented} (the engine with the documented order), {@code documented}
 *     or {@code repoint-then-reload} (both over REST)
 * @param direction {@code migration} (certificates to API key) or {@code rollback}
 * @param run run number, from 1
 * @param window the window computed from the samples
 * @param engineMillis the outage the engine itself reported, or {@code null} for REST orders
 * @param samplesFile file with every sample and mark of the run, relative to the output directory
 */
record Measurement(
        String version,
        String order,
        String direction,
        int run,
        OutageWindow window,
        Long engineMillis,
        String samplesFile) {

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("version", version);
        map.put("order", order);
        map.put("direction", direction);
        map.put("run", run);
        map.put("windowNanos", window.windowNanos());
        map.put("upperBoundNanos", window.upperBoundNanos());
        map.put("brokenAtStart", window.brokenAtStart());
        map.put("recovered", window.recovered());
        map.put("brokenIntervals", window.brokenIntervals());
        map.put("samples", window.samples());
        map.put("maxIntervalNanos", window.maxIntervalNanos());
        map.put("engineMillis", engineMillis);
        map.put("samplesFile", samplesFile);
        return map;
    }

    static Measurement fromMap(Map<String, Object> map) {
        OutageWindow window = new OutageWindow(
                number(map, "windowNanos"),
                number(map, "upperBoundNanos"),
                (Boolean) map.get("brokenAtStart"),
                (Boolean) map.get("recovered"),
                (int) number(map, "brokenIntervals"),
                (int) number(map, "samples"),
                number(map, "maxIntervalNanos"));
        Object engine = map.get("engineMillis");
        return new Measurement((String) map.get("version"), (String) map.get("order"), (String) map.get("direction"),
                (int) number(map, "run"), window, engine == null ? null : ((Number) engine).longValue(),
                (String) map.get("samplesFile"));
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
