package org.slotscope.ui.frame;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps other work waiting: every {@link #PERIOD_MILLIS} a daemon
 * thread posts a no-op with Platform.runLater and notes how late it ran. The largest delay is the
 * longest the FX thread was blocked (or busy) in that time, give or take one period of scheduling.
 */
public final class FxBlockProbe implements AutoCloseable {
    public static final long PERIOD_MILLIS = 10;

    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public FxBlockProbe() {
        thread = new Thread(this::run, "slotscope-fx-probe");
        thread.setDaemon(true);
    }

    public FxBlockProbe start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            long posted = System.nanoTime();
            Object done = new Object();
            boolean[] ran = {false};
            Platform.runLater(() -> {
                long delay = System.nanoTime() - posted;
                longestNanos.accumulateAndGet(delay, Math::max);
                samples.incrementAndGet();
                synchronized (done) {
                    ran[0] = true;
                    done.notifyAll();
                }
            });
            try {
                synchronized (done) {
                    while (!ran[0] && running) {
                        done.wait(1000);
                    }
                }
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public void reset() {
        longestNanos.set(0);
        samples.set(0);
    }

    public double longestMillis() {
        return longestNanos.get() / 1e6;
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
