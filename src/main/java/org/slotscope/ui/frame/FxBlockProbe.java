package org.slotscope.ui.frame;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps other work waiting: every {@link #PERIOD_MILLIS} a daemon
 * thread posts a no-op with Platform.runLater and notes how late it ran, counted from when the post
 * was due (one period after the previous probe ran), not from when it was made. So a stop of the
 * whole JVM (a garbage-collection pause) that falls while the probe sleeps counts too, as it must:
 * the FX thread stood still just the same. The largest delay is the longest the FX thread was
 * blocked (or busy), give or take one period.
 */
public final class FxBlockProbe implements AutoCloseable {
    public static final long PERIOD_MILLIS = 10;
    private static final long PERIOD_NANOS = PERIOD_MILLIS * 1_000_000;
    /** A probe not run yet (no System.nanoTime reading is this). */
    private static final long NOT_YET = Long.MIN_VALUE;

    /** Since the start or the last reset: the longest block, when it began and when the reset was made (nanoTime); guarded by {@code this}. */
    private long longestNanos;
    private long longestBeganNanos;
    private long resetNanos = NOT_YET;
    /** Since the last mark: the longest block, when it began and when the mark was made (nanoTime); guarded by {@code this}. */
    private long longestSinceMarkNanos;
    private long longestSinceMarkBeganNanos;
    private long markNanos;
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private final Consumer<Runnable> post;
    private final LongSupplier nanoTime;
    private final LongConsumer parkNanos;
    private volatile boolean running = true;

    public FxBlockProbe() {
        this(Platform::runLater, System::nanoTime, LockSupport::parkNanos);
    }

    /** With the FX thread, the clock and the sleep replaced (tests). */
    FxBlockProbe(Consumer<Runnable> post, LongSupplier nanoTime, LongConsumer parkNanos) {
        this.post = post;
        this.nanoTime = nanoTime;
        this.parkNanos = parkNanos;
        thread = new Thread(this::run, "slotscope-fx-probe");
        thread.setDaemon(true);
    }

    public FxBlockProbe start() {
        thread.start();
        return this;
    }

    private void run() {
        long due = nanoTime.getAsLong();
        while (running) {
            long wait = due - nanoTime.getAsLong();
            if (wait > 0) {
                parkNanos.accept(wait);
                continue; // woken early, or interrupted by close()
            }
            long[] ranAt = {NOT_YET};
            long dueAt = due;
            post.accept(() -> {
                long now = nanoTime.getAsLong();
                record(now - dueAt, dueAt);
                samples.incrementAndGet();
                synchronized (ranAt) {
                    ranAt[0] = now;
                    ranAt.notifyAll();
                }
            });
            try {
                synchronized (ranAt) {
                    while (ranAt[0] == NOT_YET && running) {
                        ranAt.wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            if (ranAt[0] != NOT_YET) {
                due = Math.max(due, ranAt[0]) + PERIOD_NANOS; // a long block is counted once
            }
        }
    }

    public synchronized void reset() {
        longestNanos = 0;
        resetNanos = nanoTime.getAsLong();
        longestBeganNanos = resetNanos;
        samples.set(0);
    }

    public synchronized double longestMillis() {
        return longestNanos / 1e6;
    }

    /**
     * When the longest block began, in seconds after the last {@link #reset} (0 when it began
     * before it, or when there was no reset): a report can then tell a block during a reshard from
     * one after it.
     */
    public synchronized double longestBeganSeconds() {
        return resetNanos == NOT_YET ? 0 : Math.max(0, longestBeganNanos - resetNanos) / 1e9;
    }

    private synchronized void record(long blockNanos, long beganNanos) {
        if (blockNanos > longestNanos) {
            longestNanos = blockNanos;
            longestBeganNanos = beganNanos;
        }
        if (blockNanos > longestSinceMarkNanos) {
            longestSinceMarkNanos = blockNanos;
            longestSinceMarkBeganNanos = beganNanos;
        }
    }

    /** Starts a second measure, for a span inside the whole run (one reshard of several). */
    public synchronized void mark() {
        longestSinceMarkNanos = 0;
        markNanos = nanoTime.getAsLong();
        longestSinceMarkBeganNanos = markNanos;
    }

    /** The longest block since {@link #mark}. */
    public synchronized double longestSinceMarkMillis() {
        return longestSinceMarkNanos / 1e6;
    }

    /**
     * When the longest block since {@link #mark} began, in ms after the mark (0 when it began before
     * it): so a report can tell a reshard's first frames from a pause in its middle.
     */
    public synchronized double longestSinceMarkBeganMillis() {
        return Math.max(0, longestSinceMarkBeganNanos - markNanos) / 1e6;
    }

    public long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
