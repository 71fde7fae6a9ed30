package io.jenkins.plugins.esremote.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and maximum of a list of durations in nanoseconds. */
final class Statistics {

    private Statistics() {}

    /** Returns the median; for an even count, the mean of the two middle values. */
    static double median(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to take the median of.");
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    static long max(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to take the maximum of.");
        }
        return Collections.max(values);
    }
}
