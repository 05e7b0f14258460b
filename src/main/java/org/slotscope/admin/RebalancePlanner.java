package org.slotscope.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What `redis-cli --cluster rebalance` does (clusterManagerCommandRebalance), as a pure function:
 * each master's balance is its slot count minus its weighted share; nothing happens unless some
 * master is off by more than the threshold percent; rounding leftovers are given to masters that
 * receive; then, with masters sorted by balance, the most negative receives from the most positive
 * until all are balanced. Each transfer takes slots as the reshard table does.
 */
public final class RebalancePlanner {
    /** One "Moving N slots from src to dst" step and the slots it moves. */
    public record Transfer(String source, String target, List<SlotMove> moves) {
    }

    private RebalancePlanner() {
    }

    /**
     * The masters rebalance involves, in redis-cli's node order: every master (not a replica) with
     * slots, and with {@code useEmptyMasters} the slot-less ones too.
     */
    public static List<MasterSlots> involved(ClusterTopology topology, boolean useEmptyMasters) {
        return topology.masterSlots().stream().filter(m -> useEmptyMasters || m.slotCount() > 0).toList();
    }

    /**
     * --cluster-weight arguments ("id=w", the id possibly abbreviated as redis-cli's
     * clusterManagerNodeByAbbreviatedName allows) resolved to full master ids.
     */
    public static Map<String, Double> weights(ClusterTopology topology, List<String> args) {
        Map<String, Double> weights = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a weight is written id=weight: " + arg);
            }
            String prefix = arg.substring(0, eq);
            double weight;
            try {
                weight = Double.parseDouble(arg.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a weight number: " + arg);
            }
            if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("a weight must be zero or positive: " + arg);
            }
            List<MasterSlots> matches = topology.masterSlots().stream().filter(m -> m.id().startsWith(prefix)).toList();
            if (matches.size() != 1) {
                throw new IllegalArgumentException("*** No such master node " + prefix
                        + (matches.size() > 1 ? " (the prefix matches several masters)" : ""));
            }
            weights.put(matches.get(0).id(), weight);
        }
        return weights;
    }

    /**
     * @param masters  the masters involved, in redis-cli's node order (with --cluster-use-empty-masters
     *                 the slot-less ones too)
     * @param weights  --cluster-weight per node id (1 when absent)
     * @param threshold --cluster-threshold, percent (2 by default)
     * @return the transfers, empty when no rebalancing is needed
     */
    public static List<Transfer> plan(List<MasterSlots> masters, Map<String, Double> weights, float threshold) {
        int n = masters.size();
        float totalWeight = 0;
        for (MasterSlots m : masters) {
            totalWeight += weights.getOrDefault(m.id(), 1.0).floatValue();
        }
        if (n > 0 && !(totalWeight > 0)) {
            // every share would be 16384 / 0: redis-cli's clusterManagerCommandRebalance then asserts
            throw new IllegalArgumentException("the masters' weights add up to 0: give at least one master a positive weight");
        }
        int[] balance = new int[n];
        int totalBalance = 0;
        boolean thresholdReached = false;
        for (int i = 0; i < n; i++) {
            MasterSlots m = masters.get(i);
            float weight = weights.getOrDefault(m.id(), 1.0).floatValue();
            int expected = (int) ((16384f / totalWeight) * weight);
            balance[i] = m.slotCount() - expected;
            totalBalance += balance[i];
            if (threshold > 0) {
                if (m.slotCount() > 0) {
                    double errPercent = Math.abs(100 - (100.0 * expected / m.slotCount()));
                    thresholdReached |= errPercent > threshold;
                } else if (expected > 1) {
                    thresholdReached = true;
                }
            }
        }
        if (!thresholdReached) {
            return List.of();
        }
        // Rounding can leave the balances summing above 0: receivers take the difference.
        while (totalBalance > 0) {
            for (int i = 0; i < n && totalBalance > 0; i++) {
                if (balance[i] <= 0) {
                    balance[i]--;
                    totalBalance--;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> balance[i])); // stable: ties keep node order
        List<Transfer> transfers = new ArrayList<>();
        int dst = 0;
        int src = n - 1;
        List<MasterSlots> current = new ArrayList<>(masters);
        while (dst < src) {
            int d = order.get(dst);
            int s = order.get(src);
            int count = Math.min(Math.abs(balance[d]), Math.abs(balance[s]));
            if (count > 0) {
                MasterSlots source = current.get(s);
                List<SlotMove> moves = ReshardPlanner.plan(List.of(source), masters.get(d).id(), count);
                transfers.add(new Transfer(source.id(), masters.get(d).id(), moves));
                java.util.BitSet left = source.slots();
                moves.forEach(m -> left.clear(m.slot()));
                current.set(s, new MasterSlots(source.id(), left));
            }
            balance[d] += count;
            balance[s] -= count;
            if (balance[d] == 0) {
                dst++;
            }
            if (balance[s] == 0) {
                src--;
            }
        }
        return transfers;
    }
}
