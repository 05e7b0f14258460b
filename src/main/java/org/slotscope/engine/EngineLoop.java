package org.slotscope.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread a {@link SimCluster} lives on, like Redis's event loop. Everything that touches
 * the cluster is a task here; callers on other threads (the RESP server, the UI) get futures.
 *
 * <p>In real-time mode a ticker moves virtual time along with wall time multiplied by a speed
 * (1.0 for `serve`, anything for the UI's playback); paused, virtual time stands still.
 */
public final class EngineLoop implements AutoCloseable {
    public static final long TICK_MILLIS = 5;

    private final SimCluster cluster;
    private final ScheduledExecutorService thread;
    private ScheduledFuture<?> ticker;
    private double speed = 1.0;
    private boolean paused = true;
    private long lastWallNanos;
    private double pendingVirtualMillis;

    public EngineLoop(SimCluster cluster, String threadName) {
        this(cluster, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * Runs the cluster on a thread the caller supplies, which must execute tasks one at a time on a
     * single thread. `serve` passes a network event loop here, so that reading a socket, executing
     * the commands and writing the replies happen on one thread without hand-offs, as in Redis's
     * ae event loop. {@link #close()} shuts the executor down.
     */
    public EngineLoop(SimCluster cluster, ScheduledExecutorService thread) {
        this.cluster = cluster;
        this.thread = thread;
    }

    /** The executor the cluster lives on (for a network server that must share its thread). */
    public ScheduledExecutorService executor() {
        return thread;
    }

    /** Only for code already running on the engine thread. */
    public SimCluster cluster() {
        return cluster;
    }

    public <T> CompletableFuture<T> call(Function<SimCluster, T> task) {
        return CompletableFuture.supplyAsync(() -> task.apply(cluster), thread);
    }

    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                future.complete(task.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    public void execute(Runnable task) {
        thread.execute(task);
    }

    /** Starts moving virtual time with wall time at the current speed. */
    public void play() {
        thread.execute(() -> {
            if (ticker == null) {
                lastWallNanos = System.nanoTime();
                ticker = thread.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
            paused = false;
            lastWallNanos = System.nanoTime();
        });
    }

    public void pause() {
        thread.execute(() -> paused = true);
    }

    public void setSpeed(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        thread.execute(() -> this.speed = speed);
    }

    private void tick() {
        long wall = System.nanoTime();
        long elapsedNanos = wall - lastWallNanos;
        lastWallNanos = wall;
        if (paused) {
            return;
        }
        pendingVirtualMillis += elapsedNanos / 1_000_000.0 * speed;
        long whole = (long) pendingVirtualMillis;
        if (whole > 0) {
            pendingVirtualMillis -= whole;
            cluster.runFor(whole);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
