package org.slotscope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("interval p50 16.0  p90 16.0  p99 40.0  max 120.0 ms (100)  missed 9 (8.3%)", meter.summary());
        meter.reset();
        assertEquals(0, meter.frames());
        assertEquals(0, meter.missedPulses());
        assertEquals(0, meter.percentileMillis(99));
    }

    @Test
    void jitterIsNotAMissedPulseButADoubleGapIs() {
        FrameMeter meter = new FrameMeter();
        assertEquals(0, meter.frame(0), "no gap before the first pulse");
        assertEquals(17_900_000L, meter.frame(17_900_000L)); // a late pulse
        meter.frame(17_900_000L + 14_100_000L); // and the early one after it
        assertEquals(0, meter.missedPulses());
        assertEquals(32_500_000L, meter.frame(32_000_000L + 32_500_000L)); // one pulse not shown
        assertEquals(1, meter.missedPulses());
        meter.reset();
        assertEquals(0, meter.frame(100_000_000L), "none after a reset either");
    }

    private static final long MS = 1_000_000L;

    @Test
    void aFrameTimeRunsFromWhenTheFrameWasDueToWhenItWasRendered() {
        FrameMeter meter = new FrameMeter();
        meter.measureFrameTimes(true);
        meter.frame(0);
        meter.rendered(4 * MS); // the first frame: due when its pulse began
        meter.frame(16 * MS);
        meter.rendered(21 * MS); // 5 ms
        // the FX thread was held 30 ms before this pulse: it was due at 32 ms, began at 62 ms
        meter.frame(62 * MS);
        meter.rendered(66 * MS); // 34 ms late
        // an early pulse counts from its own start
        meter.frame(70 * MS);
        meter.rendered(73 * MS);
        assertEquals(4, meter.renderedFrames());
        assertEquals(34.0, meter.longestFrameTimeMillis(), 1e-9);
        assertEquals(4.0, meter.frameTimePercentileMillis(50), 1e-9);
        assertEquals(34.0, meter.frameTimePercentileMillis(99), 1e-9);
        assertTrue(meter.summary().startsWith("frame time p50 4.0  p90 34.0  p99 34.0  max 34.0 ms (4 frames);  interval "),
                meter.summary());
        assertEquals(2, meter.lines().size(), "frame times and intervals, a line each");
        assertTrue(meter.lines().get(1).startsWith("interval p50 "), meter.lines().toString());
    }

    @Test
    void aSlowRenderFinishesAfterTheNextPulseBeganAndIsStillItsOwnFrame() {
        FrameMeter meter = new FrameMeter();
        meter.measureFrameTimes(true);
        meter.frame(0);
        meter.frame(16 * MS); // the next pulse begins while the first frame is still being rendered
        meter.rendered(25 * MS); // frame 1: 25 ms
        meter.rendered(30 * MS); // frame 2: 14 ms
        meter.rendered(31 * MS); // nothing waits: ignored
        assertEquals(2, meter.renderedFrames());
        assertEquals(25.0, meter.longestFrameTimeMillis(), 1e-9);
        assertEquals(14.0, meter.frameTimePercentileMillis(50), 1e-9);
    }

    @Test
    void pulsesThatRenderNothingMakeFrameTimesLongerNeverShorter() {
        FrameMeter meter = new FrameMeter();
        meter.measureFrameTimes(true);
        meter.frame(0); // renders nothing
        meter.frame(16 * MS); // renders nothing either
        meter.frame(32 * MS);
        meter.rendered(36 * MS);
        // at most two pulses wait for their frames: the first is dropped, the second is paired with the
        // third's frame (20 ms, not 4): why the window makes every pulse render while it measures
        assertEquals(1, meter.renderedFrames());
        assertEquals(20.0, meter.longestFrameTimeMillis(), 1e-9);
    }

    @Test
    void withoutRendersReportedOrWhenNotMeasuringThereAreNoFrameTimes() {
        FrameMeter meter = new FrameMeter();
        meter.frame(0);
        meter.rendered(5 * MS);
        meter.frame(16 * MS);
        assertEquals(0, meter.renderedFrames());
        assertFalse(meter.summary().contains("frame time"), meter.summary());
        meter.measureFrameTimes(true);
        meter.frame(32 * MS);
        meter.rendered(40 * MS);
        assertEquals(1, meter.renderedFrames());
        meter.reset();
        assertEquals(0, meter.renderedFrames());
        assertEquals(0, meter.frameTimePercentileMillis(99));
    }
}
