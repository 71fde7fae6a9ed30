package io.jenkins.plugins.esremote.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageWindowTest {

    private static final long MS = 1_000_000L;

    /**
     * Builds one sample every 100 ms from a state string: {@code c} certificate model usable,
     * {@code k} API-key model usable, {@code x} not connected, {@code p} connected with the key but
     * the probe search failed.
     */
    private static List<Sample> samples(String states) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            long nanos = 5_000 * MS + i * 100 * MS;
            samples.add(switch (states.charAt(i)) {
                case 'c' -> new Sample(nanos, true, false, true, null);
                case 'k' -> new Sample(nanos, true, true, true, null);
                case 'x' -> new Sample(nanos, false, false, false, "not connected");
                case 'p' -> new Sample(nanos, true, true, false, "probe skipped the remote");
                default -> throw new IllegalArgumentException("unknown state " + states.charAt(i));
            });
        }
        return samples;
    }

    @Test
    void neverBrokenHasZeroWindow() {
        OutageWindow window = OutageWindow.compute(samples("ccckkk"), true);

        assertEquals(0, window.windowNanos());
        assertEquals(100 * MS, window.upperBoundNanos());
        assertTrue(window.recovered());
        assertEquals(0, window.brokenIntervals());
        assertFalse(window.brokenAtStart());
    }

    @Test
    void windowSpansFirstBrokenToTarget() {
        OutageWindow window = OutageWindow.compute(samples("ccxxkk"), true);

        assertEquals(200 * MS, window.windowNanos());
        assertEquals(300 * MS, window.upperBoundNanos());
        assertTrue(window.recovered());
        assertEquals(1, window.brokenIntervals());
        assertEquals(6, window.samples());
        assertEquals(100 * MS, window.maxIntervalNanos());
    }

    @Test
    void brokenAtStartIsFlagged() {
        OutageWindow window = OutageWindow.compute(samples("xxkk"), true);

        assertTrue(window.brokenAtStart());
        assertEquals(200 * MS, window.windowNanos());
        assertEquals(window.windowNanos(), window.upperBoundNanos());
        assertTrue(window.recovered());
    }

    @Test
    void brokenUntilEndIsNotRecovered() {
        OutageWindow window = OutageWindow.compute(samples("ccxxx"), true);

        assertFalse(window.recovered());
        assertEquals(200 * MS, window.windowNanos());
        assertEquals(window.windowNanos(), window.upperBoundNanos());
    }

    @Test
    void flappingSpansEveryInterval() {
        OutageWindow window = OutageWindow.compute(samples("ccxkxpkk"), true);

        assertEquals(2, window.brokenIntervals());
        assertEquals(400 * MS, window.windowNanos());
        assertTrue(window.recovered());
    }

    @Test
    void failedProbeCountsAsBroken() {
        OutageWindow window = OutageWindow.compute(samples("ccppkk"), true);

        assertEquals(200 * MS, window.windowNanos());
        assertEquals(1, window.brokenIntervals());
    }

    @Test
    void wrongModelDoesNotCloseWindow() {
        // Back on certificates after the break: usable, but a migration is not finished yet.
        OutageWindow window = OutageWindow.compute(samples("cxccc"), true);

        assertFalse(window.recovered());
        assertEquals(300 * MS, window.windowNanos());
    }

    @Test
    void rollbackTargetsCertificates() {
        OutageWindow window = OutageWindow.compute(samples("kkxcc"), false);

        assertEquals(100 * MS, window.windowNanos());
        assertEquals(200 * MS, window.upperBoundNanos());
        assertTrue(window.recovered());
    }

    @Test
    void switchNeverHappenedIsNotRecovered() {
        OutageWindow window = OutageWindow.compute(samples("cccc"), true);

        assertEquals(0, window.windowNanos());
        assertFalse(window.recovered());
    }

    @Test
    void emptySamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OutageWindow.compute(List.of(), true));
    }

    @Test
    void samplesOutOfOrderAreRejected() {
        List<Sample> samples = new ArrayList<>(samples("cck"));
        samples.add(0, samples.remove(2));

        assertThrows(IllegalArgumentException.class, () -> OutageWindow.compute(samples, true));
    }
}
