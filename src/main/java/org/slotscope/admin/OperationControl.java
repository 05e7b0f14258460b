package org.slotscope.admin;

/**
 * Pause, resume and cancel for a long operation, asked from another thread (the window, Ctrl-C).
 * The operation calls {@link #proceed()} between two units of work (slots), never inside one, so a
 * pause or a cancel never leaves a slot half-moved by this operation.
 */
public final class OperationControl {
    private boolean paused;
    private boolean cancelled;

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
     * Waits while paused; returns false when cancelled (the operation must stop), true to go on.
     * An interrupt counts as a cancel.
     */
    public synchronized boolean proceed() {
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
