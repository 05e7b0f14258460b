package org.slotscope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SamplesTest {
    private static final long MS = 1_000_000L;

    @Test
    void percentilesAreOfTheSamplesKeptAndTheLongestOfAllSinceCleared() {
        Samples samples = new Samples(4);
        assertArrayEquals(new double[] {0, 0}, samples.percentilesMillis(50, 99));
        samples.add(90 * MS); // pushed out of the ring by the four after it
        for (long ms : new long[] {4, 1, 3, 2}) {
            samples.add(ms * MS);
        }
        assertEquals(4, samples.count());
        assertArrayEquals(new double[] {1, 2, 4, 4}, samples.percentilesMillis(0, 50, 99, 100), 1e-9);
        assertEquals(90, samples.longestMillis(), 1e-9);
        samples.clear();
        assertEquals(0, samples.count());
        assertEquals(0, samples.longestMillis());
    }
}
