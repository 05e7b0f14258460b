package org.slotscope.ui.frame;

import java.util.Arrays;
import java.util.Locale;

/**
 * Two measures of the window's frames, each kept in a fixed ring of the last {@link #CAPACITY}, so it
 * costs nothing to leave on.
 *
 * <p><b>Frame time</b>: from the moment a frame was due to the moment the renderer finished it. A
 * frame is due one pulse period after the previous frame began, or when its pulse began if that was
 * earlier. So it counts whatever made the frame late: the FX thread busy or blocked before the pulse
 * (a GC pause, a long task), the pulse's own work (animation, our drawing, CSS, layout) and the
 * rendering on JavaFX's render thread. It needs to be told when a frame has been rendered
 * ({@link #rendered}); without that there is none.
 *
 * <p><b>Interval</b>: the gap between two consecutive pulses. Its floor is the pulse timer's period
 * plus the timer's own lateness, even with nothing to draw. Also the longest the FX thread was seen
 * blocked (the largest gap), and the pulses missed (a gap of two periods is one missed).
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

    /**
     * When each pulse whose frame is not rendered yet was due, oldest first. JavaFX waits for the
     * previous frame's rendering before it copies the next pulse's changes to the renderer
     * (Scene.ScenePulseListener: "Waiting for previous rendering"), so at most two are ever waiting.
     */
    private final long[] pending = new long[2];
    private int pendingCount;
    private final long[] frameTimes = new long[CAPACITY];
    private int frameTimeCount;
    private int frameTimeNext;
    private long longestFrameTime;
    private boolean measuringFrameTimes;

    /** Called at every pulse with its timestamp (AnimationTimer's {@code now}). */
    public synchronized void frame(long nowNanos) {
        if (measuringFrameTimes) {
            long due = last == Long.MIN_VALUE ? nowNanos : Math.min(nowNanos, last + PULSE_NANOS);
            if (pendingCount == pending.length) {
                // a pulse that rendered nothing: forget the oldest rather than pair it with a later frame
                pending[0] = pending[1];
                pendingCount--;
            }
            pending[pendingCount++] = due;
        }
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

    /**
     * Whether to pair pulses with rendered frames. Only while every pulse renders a frame (the window
     * makes sure of it while its meter shows): a pulse with nothing to draw renders nothing, and its
     * due time would be paired with a later frame.
     */
    public synchronized void measureFrameTimes(boolean on) {
        measuringFrameTimes = on;
        pendingCount = 0;
    }

    /**
     * Called (on any thread: JavaFX calls it on its render thread) when the renderer has finished the
     * oldest frame not yet rendered, at {@code nanos} on the {@link System#nanoTime()} clock.
     */
    public synchronized void rendered(long nanos) {
        if (!measuringFrameTimes || pendingCount == 0) {
            return; // a frame begun before the meter was (re)started
        }
        long due = pending[0];
        pending[0] = pending[1];
        pendingCount--;
        long frameTime = nanos - due;
        if (frameTime < 0) {
            return;
        }
        frameTimes[frameTimeNext] = frameTime;
        frameTimeNext = (frameTimeNext + 1) % CAPACITY;
        frameTimeCount = Math.min(frameTimeCount + 1, CAPACITY);
        longestFrameTime = Math.max(longestFrameTime, frameTime);
    }

    /** Forget everything (a benchmark's warm-up is over). */
    public synchronized void reset() {
        count = 0;
        next = 0;
        last = Long.MIN_VALUE;
        longest = 0;
        missed = 0;
        pendingCount = 0;
        frameTimeCount = 0;
        frameTimeNext = 0;
        longestFrameTime = 0;
    }

    /** Intervals measured (pulses after the first). */
    public synchronized int frames() {
        return count;
    }

    /** Frames whose rendering was reported. */
    public synchronized int renderedFrames() {
        return frameTimeCount;
    }

    /** The p-th percentile of frame times (due to rendered) in ms, nearest rank; 0 without any. */
    public synchronized double frameTimePercentileMillis(double p) {
        return percentile(frameTimes, frameTimeCount, p);
    }

    public synchronized double longestFrameTimeMillis() {
        return longestFrameTime / 1e6;
    }

    /** Pulses the window skipped because a frame was not ready in time (a 32 ms gap is one). */
    public synchronized long missedPulses() {
        return missed;
    }

    /** The longest gap between two frames, in ms: the longest the FX thread was blocked, or busier. */
    public synchronized double longestMillis() {
        return longest / 1e6;
    }

    /** The p-th percentile of intervals between pulses in ms (nearest rank), 0 without any. */
    public synchronized double percentileMillis(double p) {
        return percentile(gaps, count, p);
    }

    private static double percentile(long[] values, int count, double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    /** One line for --frame-stats: {@link #lines()} joined. */
    public synchronized String summary() {
        return String.join(";  ", lines());
    }

    /**
     * Frame times (when renders are reported), then the intervals between pulses and the pulses
     * skipped: a line each, for the overlay.
     */
    public synchronized java.util.List<String> lines() {
        double missedShare = count + missed == 0 ? 0 : 100.0 * missed / (count + missed);
        String intervals = String.format(Locale.ROOT,
                "interval p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms (%d)  missed %d (%.1f%%)",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), longestMillis(), count, missed,
                missedShare);
        if (frameTimeCount == 0) {
            return java.util.List.of(intervals);
        }
        return java.util.List.of(String.format(Locale.ROOT,
                "frame time p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms (%d frames)",
                frameTimePercentileMillis(50), frameTimePercentileMillis(90), frameTimePercentileMillis(99),
                longestFrameTimeMillis(), frameTimeCount), intervals);
    }
}
