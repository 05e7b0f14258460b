package org.slotscope.ui.frame;

import java.util.List;
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

    private final Samples gaps = new Samples(CAPACITY);
    private long last = Long.MIN_VALUE;
    private long missed;

    /**
     * When each pulse whose frame is not rendered yet was due, oldest first. JavaFX waits for the
     * previous frame's rendering before it copies the next pulse's changes to the renderer
     * (Scene.ScenePulseListener: "Waiting for previous rendering"), so at most two are ever waiting.
     */
    private final long[] pending = new long[2];
    private int pendingCount;
    private final Samples frameTimes = new Samples(CAPACITY);
    private boolean measuringFrameTimes;

    /**
     * Called at every pulse with its timestamp (AnimationTimer's {@code now}); returns the gap since
     * the previous pulse, 0 for the first one (or the first after a reset).
     */
    public synchronized long frame(long nowNanos) {
        if (measuringFrameTimes) {
            long due = last == Long.MIN_VALUE ? nowNanos : Math.min(nowNanos, last + PULSE_NANOS);
            if (pendingCount == pending.length) {
                // a pulse that rendered nothing: forget the oldest rather than pair it with a later frame
                pending[0] = pending[1];
                pendingCount--;
            }
            pending[pendingCount++] = due;
        }
        long gap = 0;
        if (last != Long.MIN_VALUE) {
            gap = nowNanos - last;
            gaps.add(gap);
            // a frame that took two pulses' time made the window skip one: the pulses a user did not see
            missed += Math.max(0, Math.round(gap / (double) PULSE_NANOS) - 1);
        }
        last = nowNanos;
        return gap;
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
        frameTimes.add(frameTime);
    }

    /** Forget everything (a benchmark's warm-up is over). */
    public synchronized void reset() {
        gaps.clear();
        last = Long.MIN_VALUE;
        missed = 0;
        pendingCount = 0;
        frameTimes.clear();
    }

    /** Intervals measured (pulses after the first). */
    public synchronized int frames() {
        return gaps.count();
    }

    /** Frames whose rendering was reported. */
    public synchronized int renderedFrames() {
        return frameTimes.count();
    }

    /** The p-th percentile of frame times (due to rendered) in ms, nearest rank; 0 without any. */
    public synchronized double frameTimePercentileMillis(double p) {
        return frameTimes.percentilesMillis(p)[0];
    }

    public synchronized double longestFrameTimeMillis() {
        return frameTimes.longestMillis();
    }

    /** Pulses the window skipped because a frame was not ready in time (a 32 ms gap is one). */
    public synchronized long missedPulses() {
        return missed;
    }

    /** The longest gap between two frames, in ms: the longest the FX thread was blocked, or busier. */
    public synchronized double longestMillis() {
        return gaps.longestMillis();
    }

    /** The p-th percentile of intervals between pulses in ms (nearest rank), 0 without any. */
    public synchronized double percentileMillis(double p) {
        return gaps.percentilesMillis(p)[0];
    }

    /** One line for --frame-stats: {@link #lines()} joined. */
    public synchronized String summary() {
        return String.join(";  ", lines());
    }

    /**
     * Frame times (when renders are reported), then the intervals between pulses and the pulses
     * skipped: a line each, for the overlay.
     */
    public synchronized List<String> lines() {
        int count = gaps.count();
        double missedShare = count + missed == 0 ? 0 : 100.0 * missed / (count + missed);
        double[] g = gaps.percentilesMillis(50, 90, 99);
        String intervals = String.format(Locale.ROOT,
                "interval p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms (%d)  missed %d (%.1f%%)",
                g[0], g[1], g[2], gaps.longestMillis(), count, missed, missedShare);
        if (frameTimes.count() == 0) {
            return List.of(intervals);
        }
        double[] f = frameTimes.percentilesMillis(50, 90, 99);
        return List.of(String.format(Locale.ROOT, "frame time p50 %.1f  p90 %.1f  p99 %.1f  max %.1f ms (%d frames)",
                f[0], f[1], f[2], frameTimes.longestMillis(), frameTimes.count()), intervals);
    }
}
