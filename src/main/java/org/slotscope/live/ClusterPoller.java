package org.slotscope.live;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;

/**
 * Watches a live cluster (real Redis, or `serve` over RESP): every {@code interval} it loads the cluster
 * as redis-cli does, takes a {@link ClusterSnapshot}, and publishes what changed since the last one as
 * the same {@link ClusterEvent}s the simulator emits ({@link SnapshotDiff}). Event times are wall-clock
 * milliseconds since {@link #start()}, not virtual time.
 *
 * <p>Polls run on the poller's own single thread (a scheduled executor it owns), never the caller's;
 * listeners are called on that thread, so a UI hands them on to its own thread. New nodes are polled as
 * soon as the entry node lists them. A node that cannot be reached, times out or refuses the login is
 * reported in {@link #status()} and the poll goes on with the others; when the entry node itself
 * cannot be used, the poll falls back to another node it has seen, which becomes the entry.
 *
 * <p>Links stay open between polls and are closed by {@link #stop()}, which also ends the thread.
 */
public final class ClusterPoller implements AutoCloseable {
    public static final long DEFAULT_INTERVAL_MILLIS = 1000;
    private static final long STOP_WAIT_MILLIS = 2000;

    private final LinkCache links;
    private final String firstEntry;
    private final long intervalMillis;
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<PollStatus>> statusListeners = new CopyOnWriteArrayList<>();

    private ScheduledExecutorService executor;
    private volatile Thread pollerThread;
    private volatile long attachNanos;
    private volatile String entry;
    private volatile ClusterSnapshot latest;
    private volatile PollStatus status;
    private volatile long polls;

    /**
     * @param connector how to reach a node (e.g. {@code JedisLink.connector(options)}); its timeout bounds
     *                  how long one frozen node can hold up a poll
     * @param entry     host:port of any node of the cluster
     */
    public ClusterPoller(Connector connector, String entry, long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("the poll interval must be positive: " + intervalMillis + " ms");
        }
        Connector.parse(entry); // a clear error now for a malformed address
        this.links = new LinkCache(connector);
        this.firstEntry = entry;
        this.entry = entry;
        this.intervalMillis = intervalMillis;
        this.status = new PollStatus.Attaching(0, entry);
    }

    public void addListener(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ClusterEvent> listener) {
        listeners.remove(listener);
    }

    public void addStatusListener(Consumer<PollStatus> listener) {
        statusListeners.add(listener);
    }

    public void removeStatusListener(Consumer<PollStatus> listener) {
        statusListeners.remove(listener);
    }

    /** Starts polling now, then every interval (the first snapshot is the baseline: no events). */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("the poller was already started");
        }
        attachNanos = System.nanoTime();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slotscope-live-poller " + firstEntry);
            thread.setDaemon(true);
            pollerThread = thread;
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops polling, waits for a poll in progress to end (a bounded wait: its sockets are closed
     * if it takes longer), closes every link and ends the thread. Safe to call twice, and from a
     * listener.
     */
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            if (running == null || running.isShutdown()) {
                return;
            }
            running.shutdown();
        }
        if (Thread.currentThread() == pollerThread) {
            links.closeAll(); // the poll in progress is this one: its next send fails, and it ends
        } else {
            try {
                if (!running.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    running.shutdownNow();
                    links.closeAll(); // unblocks a read waiting on a frozen node
                    running.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
            links.closeAll();
            joinPollerThread();
        }
        publish(new PollStatus.Stopped(now()));
    }

    /**
     * The executor counts as terminated once its worker has run its last task, a moment before that
     * thread has actually ended (ThreadPoolExecutor.processWorkerExit); wait for the end too, so that
     * "stopped" means no thread is left.
     */
    private void joinPollerThread() {
        Thread thread = pollerThread;
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the poller thread has ended (after {@link #stop()}, or never started). */
    public synchronized boolean isTerminated() {
        return executor == null || executor.isTerminated();
    }

    /** The last snapshot, or null before the first poll that reached a node. */
    public ClusterSnapshot latest() {
        return latest;
    }

    public PollStatus status() {
        return status;
    }

    /** host:port of the node polls go through now. */
    public String entry() {
        return entry;
    }

    /** Polls finished so far (reached a node or not). */
    public long polls() {
        return polls;
    }

    /** Links held open to the nodes (none once stopped). */
    int openLinks() {
        return links.openLinks();
    }

    private long now() {
        return attachNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attachNanos);
    }

    private void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: report and go on
            publish(new PollStatus.Failed(now(), e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            polls++;
        }
    }

    private void pollOnce() {
        long time = now();
        List<NodeProblem> entryProblems = new ArrayList<>();
        ClusterTopology topology = null;
        String used = null;
        for (String candidate : entryCandidates()) {
            try {
                topology = ClusterTopology.load(links, candidate);
                used = candidate;
                break;
            } catch (LinkException | IllegalArgumentException e) {
                entryProblems.add(NodeProblem.of(candidate, e));
            }
        }
        if (topology == null) {
            publish(new PollStatus.NoNodeReachable(time, entryProblems));
            return;
        }
        String former = used.equals(entry) ? null : entry;
        entry = used;
        SnapshotLoader.Result result;
        try {
            result = SnapshotLoader.load(topology, latest, time);
        } finally {
            topology.close();
        }
        ClusterSnapshot before = latest;
        RuntimeException listenerError = null;
        if (before != null) {
            for (ClusterEvent event : SnapshotDiff.diff(before, result.snapshot())) {
                for (Consumer<ClusterEvent> listener : listeners) {
                    try {
                        listener.accept(event);
                    } catch (RuntimeException e) {
                        // one faulty listener must not starve the others of the rest of the events
                        listenerError = listenerError == null ? e : listenerError;
                    }
                }
            }
        }
        // only now: whoever sees this snapshot in latest() has already been given its events
        latest = result.snapshot();
        List<NodeProblem> problems = new ArrayList<>(entryProblems);
        problems.addAll(result.problems());
        publish(new PollStatus.Polled(time, used, former, result.snapshot().views().size(), problems));
        if (listenerError != null) {
            publish(new PollStatus.Failed(time, "an event listener threw " + listenerError));
        }
    }

    /** The entry first, then the nodes that answered last time, then every other node seen, then the first entry. */
    private List<String> entryCandidates() {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(entry);
        ClusterSnapshot last = latest;
        if (last != null) {
            last.views().forEach(v -> candidates.add(v.address()));
            last.nodes().stream().filter(n -> !n.flags().contains("handshake") && !n.flags().contains("noaddr"))
                    .forEach(n -> candidates.add(n.address()));
        }
        candidates.add(firstEntry);
        return new ArrayList<>(candidates);
    }

    private void publish(PollStatus next) {
        status = next;
        for (Consumer<PollStatus> listener : statusListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException ignored) {
                // a status line that failed to print is not worth stopping the watch for
            }
        }
    }
}
