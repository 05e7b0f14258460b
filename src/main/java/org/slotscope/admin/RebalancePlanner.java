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
