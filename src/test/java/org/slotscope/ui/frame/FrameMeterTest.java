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
        // 40 ms is two and a half pulses (rounded up: two skipped), 120 ms is seven and a half (seven skipped)
        assertEquals(2 + 7, meter.missedPulses());
        assertEquals("frames 100  p50 16.0 ms  p90 16.0 ms  p99 40.0 ms  max 120.0 ms  missed 9 (8.3%)", meter.summary());
        meter.reset();
        assertEquals(0, meter.frames());
        assertEquals(0, meter.missedPulses());
        assertEquals(0, meter.percentileMillis(99));
    }

    @Test
    void jitterIsNotAMissedPulseButADoubleGapIs() {
        FrameMeter meter = new FrameMeter();
        meter.frame(0);
        meter.frame(17_900_000L); // a late pulse
        meter.frame(17_900_000L + 14_100_000L); // and the early one after it
        assertEquals(0, meter.missedPulses());
        meter.frame(32_000_000L + 32_500_000L); // one pulse not shown
        assertEquals(1, meter.missedPulses());
    }
}
