package org.slotscope.ui.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FxBlockProbeTest {
    private static final long MS = 1_000_000;

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
        Thread thread = new Thread(probe[0]::start);
        thread.start();
        thread.join();
        long deadline = System.currentTimeMillis() + 10_000;
        while (probe[0].samples() < probes && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(probes, probe[0].samples());
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
}
