package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Which slots `redis-cli --cluster reshard` moves: clusterManagerComputeReshardTable. Sources are
 * taken with the most slots first (a stable sort, so ties keep the order given); each gives a share
 * of the slots proportional to what it owns, the first rounded up and the others down, lowest slot
 * numbers first, until {@code numSlots} are planned. A pure function: no node is contacted.
 */
public final class ReshardPlanner {
    private ReshardPlanner() {
    }

    /**
     * The plan for a topology: {@code from} names source masters (empty: every master with slots but
     * the target), in the order the topology lists them, as redis-cli collects them.
     */
    public static MoveOperation.Plan forTopology(List<String> from, String to, int numSlots) {
        return topology -> {
            ClusterTopology.Node target = topology.node(to);
            if (target == null || !target.isMaster()) {
                throw new IllegalArgumentException("the target " + to + " is not a master of this cluster");
            }
            for (String id : from) {
                if (topology.node(id) == null || !topology.node(id).isMaster()) {
                    throw new IllegalArgumentException("the source " + id + " is not a master of this cluster");
                }
            }
            List<MasterSlots> sources = new ArrayList<>();
            for (MasterSlots master : topology.masterSlots()) {
                boolean wanted = from.isEmpty() ? !master.id().equals(to) && master.slotCount() > 0
                        : from.contains(master.id());
                if (wanted) {
                    sources.add(master);
                }
            }
            return plan(sources, to, numSlots);
        };
    }

    public static List<SlotMove> plan(List<MasterSlots> sources, String target, int numSlots) {
        if (numSlots <= 0) {
            throw new IllegalArgumentException("the number of slots to move must be positive: " + numSlots);
        }
        List<MasterSlots> sorted = new ArrayList<>();
        int total = 0;
        for (MasterSlots source : sources) {
            if (source.id().equals(target)) {
                throw new IllegalArgumentException("the target cannot also be a source: " + target);
            }
            sorted.add(source);
            total += source.slotCount();
        }
        if (numSlots > total) {
            throw new IllegalArgumentException("the sources own " + total + " slots, fewer than " + numSlots);
        }
        sorted.sort(Comparator.comparingInt(MasterSlots::slotCount).reversed());
        List<SlotMove> moves = new ArrayList<>(numSlots);
        for (int i = 0; i < sorted.size(); i++) {
            MasterSlots source = sorted.get(i);
            // redis-cli computes the share in single precision: keep its rounding exactly
            float share = (float) numSlots / total * source.slotCount();
            int max = (int) (i == 0 ? Math.ceil(share) : Math.floor(share));
            BitSet slots = source.slots();
            int count = 0;
            for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                if (count >= max || moves.size() >= numSlots) {
                    break;
                }
                moves.add(new SlotMove(slot, source.id(), target));
                count++;
            }
        }
        return moves;
    }
}
