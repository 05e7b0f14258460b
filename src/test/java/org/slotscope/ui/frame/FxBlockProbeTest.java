package org.slotscope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FxBlockProbeTest {
    private static final long MS = 1_000_000;

    /** Starts the probe and waits (on the real clock, briefly) until its fake-clock run has ended. */
    private static void runUntil(FxBlockProbe probe, long probes) {
        probe.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (probe.samples() < probes && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(probes, probe.samples());
    }

    /** Runs the probe on a fake clock until it has taken {@code probes} samples. */
    private static double longestMillis(long probes, long stallWhileSleepingMs, long fxBusyMs) throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong parks = new AtomicLong();
        FxBlockProbe[] probe = new FxBlockProbe[1];
        probe[0] = new FxBlockProbe(task -> {
            if (probe[0].samples() == probes / 2) {
                now.addAndGet(fxBusyMs * MS); // the FX thread is busy when the probe arrives
            }
            task.run();
            if (probe[0].samples() >= probes) {
                probe[0].close();
            }
        }, now::get, nanos -> {
            // the whole JVM stops once while the probe sleeps (a garbage-collection pause)
            now.addAndGet(nanos + (parks.incrementAndGet() == 3 ? stallWhileSleepingMs * MS : 0));
        });
        runUntil(probe[0], probes);
        assertEquals(probe[0].longestMillis(), probe[0].longestSinceMarkMillis(), 0.0, "never marked");
        return probe[0].longestMillis();
    }

    @Test
    void aPauseWhileTheProbeSleepsCountsAsABlock() throws Exception {
        assertEquals(200, longestMillis(20, 200, 0), 0.001);
    }

    @Test
    void aBusyFxThreadCountsAsABlockAndAQuietOneAsNone() throws Exception {
        assertEquals(75, longestMillis(20, 0, 75), 0.001);
        assertTrue(longestMillis(20, 0, 0) < 0.001);
    }

    @Test
    void aMarkStartsASecondMeasureAndLeavesTheWholeOne() throws Exception {
        AtomicLong now = new AtomicLong();
        FxBlockProbe[] probe = new FxBlockProbe[1];
        probe[0] = new FxBlockProbe(task -> {
            long n = probe[0].samples();
            if (n == 3) {
                now.addAndGet(90 * MS);
            } else if (n == 6) {
                probe[0].mark();
            } else if (n == 8) {
                now.addAndGet(30 * MS);
            }
            task.run();
            if (probe[0].samples() >= 10) {
                probe[0].close();
            }
        }, now::get, nanos -> now.addAndGet(nanos));
        runUntil(probe[0], 10);
        assertEquals(90, probe[0].longestMillis(), 0.001);
        assertEquals(30, probe[0].longestSinceMarkMillis(), 0.001);
        // marked as the 7th probe ran; the block began when the 9th was due, two periods later
        assertEquals(2 * FxBlockProbe.PERIOD_MILLIS, probe[0].longestSinceMarkBeganMillis(), 0.001);
    }

    @Test
    void theWholeMeasureSaysWhenItsLongestBlockBeganCountedFromTheReset() throws Exception {
        AtomicLong now = new AtomicLong();
        AtomicLong posts = new AtomicLong();
        FxBlockProbe[] probe = new FxBlockProbe[1];
        probe[0] = new FxBlockProbe(task -> {
            long n = posts.getAndIncrement(); // not samples(): the reset sets those back to 0
            if (n == 1) {
                now.addAndGet(500 * MS); // before the reset: forgotten by it
            } else if (n == 2) {
                probe[0].reset();
            } else if (n == 5) {
                now.addAndGet(40 * MS);
            }
            task.run();
            if (posts.get() >= 7) {
                probe[0].close();
            }
        }, now::get, nanos -> now.addAndGet(nanos));
        runUntil(probe[0], 5); // the five from the one that reset on
        assertEquals(40, probe[0].longestMillis(), 0.001);
        // reset as the 3rd probe ran; the block began when the 6th was due, three periods later
        assertEquals(3 * FxBlockProbe.PERIOD_MILLIS / 1000.0, probe[0].longestBeganSeconds(), 1e-9);
    }
}
