package org.slotscope.ui.task;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one way work leaves the FX thread: anything that waits for the engine (a console command, a
 * reshard, a fault) runs on these daemon threads and hands its result back through {@code ui}, which
 * is Platform::runLater in the window and a direct call in view-model tests.
 */
public final class Background implements AutoCloseable {
    private final ExecutorService workers;
    private final Executor ui;

    public Background(Executor ui) {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slotscope-background-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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

    /** Hands {@code task} to the UI thread (progress reports from a worker). */
    public void onUi(Runnable task) {
        ui.execute(task);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
