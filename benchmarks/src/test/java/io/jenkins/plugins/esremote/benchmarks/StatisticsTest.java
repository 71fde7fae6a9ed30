package io.jenkins.plugins.esremote.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfOddCount() {
        assertEquals(3.0, Statistics.median(List.of(5L, 1L, 3L, 9L, 2L)));
    }

    @Test
    void medianOfEvenCount() {
        assertEquals(2.5, Statistics.median(List.of(4L, 1L, 3L, 2L)));
    }

    @Test
    void maxIsWorst() {
        assertEquals(9L, Statistics.max(List.of(5L, 1L, 9L, 2L)));
    }

    @Test
    void emptyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Statistics.median(List.of()));
    }
}
