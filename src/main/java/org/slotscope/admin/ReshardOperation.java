package org.slotscope.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.NodeLink;

/**
 * `redis-cli --cluster reshard` as a library: read the topology from an entry node, plan with
 * {@link ReshardPlanner}, move slot by slot with {@link SlotMover}, report progress after every
 * batch, and stop cleanly between two slots when cancelled (a cancelled reshard leaves no slot
 * open: each slot is moved whole or not started).
 */
public final class ReshardOperation {
    /** Progress: slots and keys done so far out of the plan, and how long it has run. */
    public record Progress(int slotsDone, int slotsTotal, long keysDone, long elapsedNanos) {
        /** Keys per second so far. */
        public double keysPerSecond() {
            return elapsedNanos == 0 ? 0 : keysDone * 1e9 / elapsedNanos;
        }

        /** Seconds left at the slot rate so far, or -1 before the first slot. */
        public double etaSeconds() {
            return slotsDone == 0 ? -1 : (slotsTotal - slotsDone) * (elapsedNanos / 1e9) / slotsDone;
        }
    }

    /** The outcome: how many slots and keys moved, and whether it stopped early. */
    public record Result(int slotsMoved, long keysMoved, boolean cancelled) {
    }

    private final Function<String, NodeLink> connect;
    private volatile boolean cancelled;

    /** @param connect opens a link to host:port (a SimLink factory, or JedisLink for real nodes) */
    public ReshardOperation(Function<String, NodeLink> connect) {
        this.connect = connect;
    }

    /** Asks the running reshard to stop after the slot it is moving. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * @param entry   host:port of any master
     * @param from    source master ids, or empty for "all" (every master with slots but the target)
     * @param to      the target master id
     */
    public Result run(String entry, List<String> from, String to, int slots, SlotMover.Options options,
                      java.util.function.Consumer<Progress> progress) {
        Map<String, ClusterMember> masters = new LinkedHashMap<>();
        List<NodeEntry> view;
        try (NodeLink entryLink = connect.apply(entry)) {
            Reply nodes = entryLink.send("CLUSTER", "NODES");
            if (nodes instanceof Reply.Error error) {
                throw new IllegalStateException(entry + " is not a cluster node: " + error.message());
            }
            view = ClusterNodesParser.parse(nodes instanceof Reply.VerbatimString v ? v.text()
                    : ((Reply.BulkString) nodes).asString());
        }
        for (NodeEntry node : view) {
            if (node.isMaster() && !node.isFailing()) {
                masters.put(node.id(), new ClusterMember(node.id(), node.host(), node.port(),
                        connect.apply(node.address())));
            }
        }
        try {
            ClusterMember target = masters.get(to);
            if (target == null) {
                throw new IllegalArgumentException("the target " + to + " is not a master of this cluster");
            }
            List<MasterSlots> sources = new ArrayList<>();
            for (NodeEntry node : view) {
                boolean wanted = from.isEmpty() ? masters.containsKey(node.id()) && !node.id().equals(to)
                        && node.slots().cardinality() > 0 : from.contains(node.id());
                if (wanted) {
                    if (!masters.containsKey(node.id())) {
                        throw new IllegalArgumentException("the source " + node.id() + " is not a live master");
                    }
                    sources.add(new MasterSlots(node.id(), node.slots()));
                }
            }
            for (String id : from) {
                if (!masters.containsKey(id)) {
                    throw new IllegalArgumentException("the source " + id + " is not a master of this cluster");
                }
            }
            List<SlotMove> plan = ReshardPlanner.plan(sources, to, slots);
            List<ClusterMember> all = new ArrayList<>(masters.values());
            long start = System.nanoTime();
            long keys = 0;
            int done = 0;
            for (SlotMove move : plan) {
                if (cancelled) {
                    return new Result(done, keys, true);
                }
                long before = keys;
                int doneNow = done;
                keys += SlotMover.moveSlot(move.slot(), masters.get(move.source()), target, all, options,
                        (slot, k) -> progress.accept(new Progress(doneNow, plan.size(), before + k,
                                System.nanoTime() - start)));
                done++;
                progress.accept(new Progress(done, plan.size(), keys, System.nanoTime() - start));
            }
            return new Result(done, keys, false);
        } finally {
            masters.values().forEach(m -> m.link().close());
        }
    }
}
