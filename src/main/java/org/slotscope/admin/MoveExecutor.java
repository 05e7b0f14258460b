package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out a plan of slot moves (from the reshard or rebalance planner, or a chosen range) with
 * {@link SlotMover} (slot by slot, as redis-cli) or {@link SlotBatchMover} (several slots of one
 * source and target per round trip), reporting progress after every MIGRATE batch and honouring
 * pause / resume / cancel between two batches, so a stopped run leaves no slot open.
 */
public final class MoveExecutor {
    /** The outcome: how many slots and keys moved, and whether it was cancelled before the end. */
    public record Result(int slotsMoved, long keysMoved, boolean cancelled) {
    }

    private MoveExecutor() {
    }

    public static Result run(ClusterTopology topology, List<SlotMove> plan, SlotMover.Options options,
                             OperationControl control, Consumer<MoveProgress> progress) {
        List<ClusterMember> masters = new ArrayList<>();
        topology.masters().forEach(n -> masters.add(n.member()));
        for (SlotMove move : plan) {
            requireMaster(topology, move.source(), "source");
            requireMaster(topology, move.target(), "target");
        }
        long start = System.nanoTime();
        long keys = 0;
        int done = 0;
        for (List<SlotMove> batch : batches(plan, options.slotsPerBatch())) {
            if (!control.proceed()) {
                return new Result(done, keys, true);
            }
            long before = keys;
            int doneNow = done;
            ClusterMember source = topology.node(batch.get(0).source()).member();
            ClusterMember target = topology.node(batch.get(0).target()).member();
            if (batch.size() == 1) {
                keys += SlotMover.moveSlot(batch.get(0).slot(), source, target, masters, options,
                        (slot, k) -> progress.accept(new MoveProgress(doneNow, plan.size(), before + k,
                                System.nanoTime() - start)));
            } else {
                keys += SlotBatchMover.moveSlots(batch.stream().map(SlotMove::slot).toList(), source, target,
                        masters, options, k -> progress.accept(new MoveProgress(doneNow, plan.size(), before + k,
                                System.nanoTime() - start)));
            }
            done += batch.size();
            progress.accept(new MoveProgress(done, plan.size(), keys, System.nanoTime() - start));
        }
        return new Result(done, keys, false);
    }

    /** Consecutive moves with the same source and target, at most {@code size} to a batch. */
    static List<List<SlotMove>> batches(List<SlotMove> plan, int size) {
        List<List<SlotMove>> out = new ArrayList<>();
        List<SlotMove> current = new ArrayList<>();
        for (SlotMove move : plan) {
            if (!current.isEmpty() && (current.size() == size || !current.get(0).source().equals(move.source())
                    || !current.get(0).target().equals(move.target()))) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(move);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static void requireMaster(ClusterTopology topology, String id, String role) {
        ClusterTopology.Node node = topology.node(id);
        if (node == null || !node.isMaster() || node.self().isFailing()) {
            throw new IllegalArgumentException("the " + role + " " + id + " is not a reachable master of this cluster");
        }
    }
}
