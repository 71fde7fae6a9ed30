package io.jenkins.plugins.esremote.benchmarks;

import java.util.List;

/**
 * The time an alias was unusable during one switch, computed from the samples taken meanwhile.
 *
 * <p>The window opens at the first sample in which the alias was not usable ({@code _remote/info}
 * not connected, or the probe search failed) and closes at the first later sample, after the last
 * unusable one, in which it was usable in the target model ({@code cluster_credentials} present
 * after a migration, absent after a rollback). When the alias flaps, the window spans every broken
 * interval. A switch that no sample caught broken has a window of zero, and {@link #upperBoundNanos}
 * then still bounds the outage a sampler could have missed.
 *
 * @param windowNanos time between the first unusable sample and the closing sample. When the alias
 *     never recovered, it runs to the last sample and is a lower bound.
 * @param upperBoundNanos time between the last good sample before the window and the closing
 *     sample: the longest outage consistent with the samples. Equal to {@code windowNanos} when
 *     the first sample was already broken or the alias never recovered
 * @param brokenAtStart whether the first sample was unusable, so the window may have opened earlier
 * @param recovered whether a sample after the last unusable one reached the target model
 * @param brokenIntervals how many separate runs of unusable samples there were
 * @param samples how many samples there were
 * @param maxIntervalNanos longest time between two consecutive samples (the resolution)
 */
public record OutageWindow(
        long windowNanos,
        long upperBoundNanos,
        boolean brokenAtStart,
        boolean recovered,
        int brokenIntervals,
        int samples,
        long maxIntervalNanos) {

    /**
     * Computes the window from samples in the order they were taken.
     *
     * @param targetCredentials {@code true} when the switch goes to the API key (migration), {@code
     *     false} when it goes back to certificates (rollback)
     * @throws IllegalArgumentException when there are no samples or they are not in time order
     */
    public static OutageWindow compute(List<Sample> samples, boolean targetCredentials) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No samples: the sampler must run during the switch.");
        }
        long maxInterval = 0;
        int firstBroken = -1;
        int lastBroken = -1;
        int brokenIntervals = 0;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (i > 0) {
                long interval = sample.nanos() - samples.get(i - 1).nanos();
                if (interval < 0) {
                    throw new IllegalArgumentException("Samples out of time order at index " + i + ".");
                }
                maxInterval = Math.max(maxInterval, interval);
            }
            if (!sample.usable()) {
                if (firstBroken < 0) {
                    firstBroken = i;
                }
                if (lastBroken != i - 1 || i == 0) {
                    brokenIntervals++;
                }
                lastBroken = i;
            }
        }

        int closing = firstReached(samples, lastBroken + 1, targetCredentials);
        boolean recovered = closing >= 0;
        if (firstBroken < 0) {
            // Never caught broken: the switch happened between two samples, if at all.
            long bound = recovered && closing > 0 ? samples.get(closing).nanos() - samples.get(closing - 1).nanos() : 0;
            return new OutageWindow(0, bound, false, recovered, 0, samples.size(), maxInterval);
        }

        long opened = samples.get(firstBroken).nanos();
        long closed = recovered ? samples.get(closing).nanos() : samples.get(samples.size() - 1).nanos();
        long window = closed - opened;
        long bound = firstBroken > 0 && recovered ? closed - samples.get(firstBroken - 1).nanos() : window;
        return new OutageWindow(window, bound, firstBroken == 0, recovered, brokenIntervals, samples.size(), maxInterval);
    }

    private static int firstReached(List<Sample> samples, int from, boolean targetCredentials) {
        for (int i = from; i < samples.size(); i++) {
            if (samples.get(i).reached(targetCredentials)) {
                return i;
            }
        }
        return -1;
    }

    public double windowSeconds() {
        return windowNanos / 1e9;
    }

    public double upperBoundSeconds() {
        return upperBoundNanos / 1e9;
    }
}
