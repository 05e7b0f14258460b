package org.slotscope.admin;

import java.util.List;
import java.util.function.Consumer;
import org.slotscope.link.Connector;

/**
 * A slot-moving operation as a library: reshard, rebalance, or moving chosen slots. It loads the
 * topology from an entry node, refuses a cluster that check finds broken (as redis-cli's reshard and
 * rebalance do: "Please fix your cluster problems"), asks a {@link Plan} which slots go where, and
 * carries the plan out with {@link MoveExecutor}: progress after every batch, pause, resume, and a
 * cancel that stops between two batches (each slot is moved whole or not started).
 */
public final class MoveOperation {
    /** Which slots to move, decided from the topology as loaded. A pure function of it. */
    @FunctionalInterface
    public interface Plan {
        List<SlotMove> plan(ClusterTopology topology);
    }

    private final Connector connect;
    private final OperationControl control = new OperationControl();
    private volatile MoveEvents events = MoveEvents.NONE;

    /** @param connect opens a link to host:port (SimLink or JedisLink) */
    public MoveOperation(Connector connect) {
        this.connect = connect;
    }

    /** Sends every SETSLOT and MIGRATE of the next runs to {@code sink} (thread-safe, called from movers). */
    public MoveOperation onEvents(java.util.function.Consumer<org.slotscope.engine.event.ClusterEvent> sink) {
        this.events = new MoveEvents(sink);
        return this;
    }

    public OperationControl control() {
        return control;
    }

    /** Asks the running operation to stop after the batch it is moving. */
    public void cancel() {
        control.cancel();
    }

    /** `reshard`: {@code slots} slots from {@code from} (empty: all masters but the target) to {@code to}. */
    public MoveExecutor.Result reshard(String entry, List<String> from, String to, int slots,
                                       SlotMover.Options options, Consumer<MoveProgress> progress) {
        return run(entry, ReshardPlanner.forTopology(from, to, slots), options, progress);
    }

    /** Loads the topology from {@code entry}, checks it, plans and moves. */
    public MoveExecutor.Result run(String entry, Plan plan, SlotMover.Options options,
                                   Consumer<MoveProgress> progress) {
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            requireHealthy(topology);
            return MoveExecutor.run(topology, plan.plan(topology), options, control, progress, events);
        }
    }

    /**
     * redis-cli runs clusterManagerCheckCluster before resharding or rebalancing and stops on any
     * error: nodes that disagree, uncovered slots, or slots left open by an earlier move.
     */
    static void requireHealthy(ClusterTopology topology) {
        ClusterCheck.Report report = ClusterCheck.check(topology.views());
        StringBuilder problems = new StringBuilder();
        report.errors().forEach(e -> problems.append(problems.length() > 0 ? "; " : "").append(e));
        for (ClusterTopology.Node node : topology.nodes()) {
            if (!node.self().migrating().isEmpty() || !node.self().importing().isEmpty()) {
                problems.append(problems.length() > 0 ? "; " : "").append("node ").append(node.address())
                        .append(" has open slots");
            }
        }
        if (problems.length() > 0) {
            throw new IllegalStateException("Please fix your cluster problems before moving slots (`cluster fix`): "
                    + problems);
        }
    }
}
