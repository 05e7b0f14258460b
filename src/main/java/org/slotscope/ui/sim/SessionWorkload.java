package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slotscope.checker.History;
import org.slotscope.client.ClientEvent;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.SimActors;
import org.slotscope.workload.Workload;
import org.slotscope.workload.WorkloadMetrics;
import org.slotscope.workload.WorkloadOptions;

/**
 * The client workload of one timeline, run inside the simulation as torture runs its clients: each
 * client is a {@link SimActors} actor reaching nodes through {@code DirectSimLink}s, and the engine
 * thread (which runs the virtual clock) is the driver that hands them the baton. So every request is
 * a function of the seed and of when the workload was started, stopped or changed, and a rewind
 * replays those three inputs instead of journaling each request.
 *
 * <p>Everything but {@link #stats} and {@link #isActorThread} runs on the engine thread.
 */
final class SessionWorkload {
    /** Latencies are kept for a minute; counts for the whole timeline. */
    static final long LATENCY_SECONDS = 60;

    private final EngineLoop loop;
    private final WorkloadMetrics metrics = new WorkloadMetrics().keepingLatenciesFor(LATENCY_SECONDS);
    private volatile SimActors actors;
    private Workload current;
    private volatile WorkloadSettings settings;
    private volatile Consumer<ClientEvent> sink = event -> { };
    private int starts;

    SessionWorkload(EngineLoop loop) {
        this.loop = loop;
    }

    /** Where the clients' hops go (the window); none while a rewind replays the past. */
    void connect(Consumer<ClientEvent> events) {
        this.sink = events;
    }

    /** A seed for the next start: a function of the timeline, so a replay would pick the same. */
    long nextSeed(long shapeSeed) {
        return shapeSeed * 1_000_003L + starts;
    }

    /**
     * Starts the workload (replacing a running one: a change of rate or mix is a new workload, whose
     * clients load the slot map afresh). Then runs the clients' zero-delay first steps at once, so
     * an input that follows at this same instant finds the same state live and in a replay.
     */
    void start(WorkloadSettings wanted, long seed) {
        SimCluster cluster = loop.cluster();
        stopClients();
        if (actors == null) {
            actors = new SimActors(cluster);
        }
        WorkloadOptions options = WorkloadOptions.DEFAULTS
                .with(wanted.clients(), wanted.rate(), wanted.readRatio(), WorkloadSettings.KEYS)
                .with(wanted.keys(), WorkloadSettings.GROUP_SIZE, WorkloadOptions.DEFAULTS.valueSize())
                .withSeed(seed);
        Workload workload = new Workload(options, actors.connector(), seeds(cluster), actors.clock(),
                History.discarding(), metrics).onHops(event -> sink.accept(event));
        workload.spawn(actors, Long.MAX_VALUE / 4);
        current = workload;
        settings = wanted;
        starts++;
        cluster.runUntil(cluster.now());
    }

    /** Asks every client to stop after its current operation. */
    void stop() {
        stopClients();
        settings = null;
    }

    private void stopClients() {
        if (current != null) {
            current.stop();
            current = null;
        }
    }

    /** Every node of the cluster, in creation order: where the clients may load the slot map from. */
    private static List<String> seeds(SimCluster cluster) {
        List<String> out = new ArrayList<>();
        for (ClusterNode node : cluster.nodes()) {
            out.add(node.address());
        }
        return out;
    }

    /** True on a client's thread while it runs: the engine events it causes are the workload's. */
    boolean isActorThread() {
        SimActors a = actors;
        return a != null && a.onActor();
    }

    /** From any thread: the workload's settings and counts, with ops/s of the last full second before {@code nowMillis}. */
    WorkloadStats stats(long nowMillis) {
        WorkloadMetrics.Totals totals = metrics.totals();
        long lastSecond = Math.floorDiv(nowMillis, 1000) - 1;
        return new WorkloadStats(settings, metrics.second(lastSecond).ops(), totals.ops(), totals.redirects("MOVED"),
                totals.redirects("ASK"), totals.redirects("TRYAGAIN"), totals.retried(), totals.failed());
    }

    /** Ends every client (the timeline is being dropped); on the engine thread. */
    void close() {
        stop();
        if (actors != null) {
            actors.close();
        }
    }
}
