package org.slotscope.admin;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Pause, resume and cancel for a long operation, asked from another thread (the window, Ctrl-C).
 * The operation calls {@link #proceed()} between two units of work (slots), never inside one, so a
 * pause or a cancel never leaves a slot half-moved by this operation.
 */
public final class OperationControl {
    private boolean paused;
    private boolean cancelled;
    private volatile double restPerWork;
    private volatile double startRestRatio;
    private volatile long startRestUntil = System.nanoTime();
    /** No unit of work starts before this System.nanoTime (see yieldFor). */
    private final AtomicLong yieldUntil = new AtomicLong(System.nanoTime());
    /** The rest after the first unit of work (see restAfterFirst); taken once, by the first to finish one. */
    private volatile long firstRestNanos;
    private final AtomicBoolean firstRestTaken = new AtomicBoolean();
    /** When each thread of the operation last went on (lanes move in parallel, each on its thread). */
    private final ThreadLocal<long[]> wentOn = ThreadLocal.withInitial(() -> new long[] {-1});

    /**
     * Makes the operation rest, between two units of work, {@code ratio} times as long as the last unit
     * took on that thread (0, the default: no rest). The window uses it so a reshard does not take the
     * cores the animation needs: on two cores a reshard at full speed left the renderer waiting.
     */
    public void restAfterWork(double ratio) {
        restPerWork = requireRatio(ratio);
    }

    /**
     * For the next {@code nanos}, rests at least {@code ratio} times the work (see restAfterWork). The
     * window gives a reshard a slow start: its first seconds are when the JIT compiler takes a core
     * for the migration's code, and the FX thread was then the one left waiting.
     */
    public void restMoreFor(double ratio, long nanos) {
        startRestRatio = requireRatio(ratio);
        startRestUntil = System.nanoTime() + Math.max(0, nanos);
    }

    /**
     * Once the first unit of work is done, every thread of the operation rests {@code nanos} before
     * its next one. The window's first frames of a reshard (the first open slot, the first marker, the
     * first event lines) run code no frame ran before; without this the reshard's threads took the
     * cores from them.
     */
    public void restAfterFirst(long nanos) {
        firstRestNanos = Math.max(0, nanos);
    }

    /**
     * The caller needs the cores for a while (the window, after a late frame): the next unit of work
     * starts no sooner than {@code nanos} from now, on every thread of the operation. Later calls
     * extend the wait, never shorten it.
     */
    public void yieldFor(long nanos) {
        long until = System.nanoTime() + Math.max(0, nanos);
        yieldUntil.accumulateAndGet(until, OperationControl::later);
    }

    private static double requireRatio(double ratio) {
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("the rest must be a finite ratio >= 0: " + ratio);
        }
        return ratio;
    }

    /** The later of two System.nanoTime readings (which may wrap, so compared by difference). */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Stops before the next unit of work; also ends a pause. */
    public synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused && !cancelled;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Rests (see {@link #restAfterWork}), then waits while paused; returns false when cancelled (the
     * operation must stop), true to go on. An interrupt counts as a cancel.
     */
    public boolean proceed() {
        long[] last = wentOn.get();
        if (last[0] >= 0 && firstRestNanos > 0 && firstRestTaken.compareAndSet(false, true)) {
            yieldFor(firstRestNanos);
        }
        long until = yieldUntil.get();
        double ratio = restPerWork;
        long now = System.nanoTime();
        if (now - startRestUntil < 0) {
            ratio = Math.max(ratio, startRestRatio);
        }
        if (ratio > 0 && last[0] >= 0) {
            until = later(until, now + (long) ((now - last[0]) * ratio));
        }
        for (long left = until - System.nanoTime(); left > 0 && !isCancelled(); left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                break; // seen as a cancel just below
            }
        }
        boolean goOn = waitWhilePaused();
        last[0] = System.nanoTime();
        return goOn;
    }

    private synchronized boolean waitWhilePaused() {
        if (Thread.currentThread().isInterrupted()) {
            cancelled = true;
        }
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }
        return !cancelled;
    }
}
