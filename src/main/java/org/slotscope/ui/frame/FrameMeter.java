package org.slotscope.ui.frame;

import java.util.Arrays;
import java.util.Locale;

/**
 * Frame times: the gap between two consecutive pulses of the FX animation timer, which is how long
 * one frame took to produce (layout, CSS, our drawing, rendering) when the window cannot keep up
 * with the 60 Hz pulse. Also the longest the FX thread was seen blocked (the largest gap).
 * Kept in a fixed ring of the last {@link #CAPACITY} frames, so it costs nothing to leave on.
 */
public final class FrameMeter {
    public static final int CAPACITY = 100_000;
    /** JavaFX's pulse period without vsync: 1000 / 60 ms in whole milliseconds (QuantumToolkit). */
    static final long PULSE_NANOS = 16_000_000L;

    private final long[] gaps = new long[CAPACITY];
    private int count;
    private int next;
    private long last = Long.MIN_VALUE;
    private long longest;
    private long missed;

    /** Called at every pulse with its timestamp (AnimationTimer's {@code now}). */
    public void frame(long nowNanos) {
        if (last != Long.MIN_VALUE) {
            long gap = nowNanos - last;
            gaps[next] = gap;
            next = (next + 1) % CAPACITY;
            count = Math.min(count + 1, CAPACITY);
            longest = Math.max(longest, gap);
            // a frame that took two pulses' time made the window skip one: the pulses a user did not see
            missed += Math.max(0, Math.round(gap / (double) PULSE_NANOS) - 1);
        }
        last = nowNanos;
    }

    /** Forget everything (a benchmark's warm-up is over). */
    public void reset() {
        count = 0;
        next = 0;
        last = Long.MIN_VALUE;
        longest = 0;
        missed = 0;
    }

    public int frames() {
        return count;
    }

    /** Pulses the window skipped because a frame was not ready in time (a 32 ms gap is one). */
    public long missedPulses() {
        return missed;
    }

    /** The longest gap between two frames, in ms: the longest the FX thread was blocked, or busier. */
    public double longestMillis() {
        return longest / 1e6;
    }

    /** The p-th percentile of frame times in ms (nearest rank), 0 without frames. */
    public double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    /** One line for the overlay and for --frame-stats: frames, p50, p90, p99, max, the pulses skipped. */
    public String summary() {
        double missedShare = count + missed == 0 ? 0 : 100.0 * missed / (count + missed);
        return String.format(Locale.ROOT, "frames %d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  missed %d (%.1f%%)",
                count, percentileMillis(50), percentileMillis(90), percentileMillis(99), longestMillis(), missed,
                missedShare);
    }
}
