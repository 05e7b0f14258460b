package org.slotscope.ui.task;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The one way work leaves the FX thread: anything that waits for the engine (a console command, a
 * reshard, a fault) runs on these daemon threads and hands its result back through {@code ui}, which
 * is Platform::runLater in the window and a direct call in view-model tests. They run below the FX
 * thread's priority ({@link WorkerPriority}).
 */
public final class Background implements AutoCloseable {
    private final ExecutorService workers;
    private final Executor ui;

    public Background(Executor ui) {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(
                r -> WorkerPriority.newThread(r, "slotscope-background-" + count.incrementAndGet()));
        this.ui = ui;
    }

    /** Runs {@code work} off the UI thread, then {@code done} or {@code failed} on it. */
    public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        workers.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable e) {
                ui.execute(() -> failed.accept(e));
                return;
            }
            ui.execute(() -> done.accept(result));
        });
    }

    /**
     * A sink for a worker's progress reports of which only the newest matters: one hand-over to the
     * UI thread at a time, which takes the newest report when it runs. A reshard reports every slot,
     * a thousand times a second, and each hand-over wakes the FX thread. Reports must not be null;
     * a report made before the work ends is handed over before the work's result.
     */
    public <T> Consumer<T> newestOnUi(Consumer<T> sink) {
        AtomicReference<T> newest = new AtomicReference<>();
        return report -> {
            if (newest.getAndSet(java.util.Objects.requireNonNull(report)) == null) {
                ui.execute(() -> sink.accept(newest.getAndSet(null)));
            }
        };
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
