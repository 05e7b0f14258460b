package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out a plan of slot moves (from the reshard or rebalance planner, or a chosen range) with
 * {@link SlotMover}, reporting progress after every MIGRATE batch and honouring pause / resume /
 * cancel between two slots, so a stopped run leaves no slot open.
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
        for (SlotMove move : plan) {
            if (!control.proceed()) {
                return new Result(done, keys, true);
            }
            long before = keys;
            int doneNow = done;
            keys += SlotMover.moveSlot(move.slot(), topology.node(move.source()).member(),
                    topology.node(move.target()).member(), masters, options,
                    (slot, k) -> progress.accept(new MoveProgress(doneNow, plan.size(), before + k,
                            System.nanoTime() - start)));
            done++;
            progress.accept(new MoveProgress(done, plan.size(), keys, System.nanoTime() - start));
        }
        return new Result(done, keys, false);
    }

    private static void requireMaster(ClusterTopology topology, String id, String role) {
        ClusterTopology.Node node = topology.node(id);
        if (node == null || !node.isMaster() || node.self().isFailing()) {
            throw new IllegalArgumentException("the " + role + " " + id + " is not a reachable master of this cluster");
        }
    }
}
