package org.slotscope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameMeterTest {
    @Test
    void percentilesAndLongestOfTheGapsBetweenPulses() {
        FrameMeter meter = new FrameMeter();
        long t = 0;
        meter.frame(t);
        for (int i = 0; i < 98; i++) {
            t += 16_000_000L;
            meter.frame(t);
        }
        t += 40_000_000L;
        meter.frame(t);
        t += 120_000_000L;
        meter.frame(t);
        assertEquals(100, meter.frames());
        assertEquals(16.0, meter.percentileMillis(50), 1e-9);
        assertEquals(16.0, meter.percentileMillis(98), 1e-9);
        assertEquals(40.0, meter.percentileMillis(99), 1e-9);
        assertEquals(120.0, meter.longestMillis(), 1e-9);
        assertEquals("frames 100  p50 16.0 ms  p90 16.0 ms  p99 40.0 ms  max 120.0 ms", meter.summary());
        meter.reset();
        assertEquals(0, meter.frames());
        assertEquals(0, meter.percentileMillis(99));
    }
}
