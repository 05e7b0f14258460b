package org.slotscope.ui.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * Where each node sits inside the ring: a master at the angle of the middle of its longest run of
 * slots (so it faces what it owns), its replicas beside it nearer the centre; a master without slots
 * and its replicas share the free angles. Angles are in slots (0..16384, clockwise from twelve).
 */
public final class NodePlacement {
    public static final double MASTER_RADIUS = 0.45;
    public static final double REPLICA_RADIUS = 0.30;
    /** Masters without slots (a crashed one after its failover, a new one): near the centre, apart. */
    public static final double SLOTLESS_RADIUS = 0.15;

    /** @param angleInSlots clockwise from twelve o'clock, in slot units @param radius fraction of the outer radius */
    public record Spot(double angleInSlots, double radius) {
    }

    private NodePlacement() {
    }

    public static Map<String, Spot> place(ClusterSnapshot snapshot) {
        List<NodeSnapshot> nodes = snapshot.nodes();
        Map<String, Spot> spots = new HashMap<>();
        int slotless = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeSnapshot node = nodes.get(i);
            if (!node.isMaster()) {
                continue;
            }
            double angle = middleOfLongestRun(snapshot, i);
            double radius = MASTER_RADIUS;
            if (angle < 0) {
                // no slots: spread such masters around the centre
                angle = (HashSlot.SLOTS / 2.0 + slotless * 3000) % HashSlot.SLOTS;
                radius = SLOTLESS_RADIUS;
                slotless++;
            }
            spots.put(node.id(), new Spot(angle, radius));
        }
        Map<String, Integer> replicasSoFar = new HashMap<>();
        int orphans = 0;
        for (NodeSnapshot node : nodes) {
            if (node.isMaster()) {
                continue;
            }
            Spot master = node.masterId() == null ? null : spots.get(node.masterId());
            if (master == null) {
                spots.put(node.id(), new Spot((orphans++ * 1200.0) % HashSlot.SLOTS, REPLICA_RADIUS));
                continue;
            }
            int nth = replicasSoFar.merge(node.masterId(), 1, Integer::sum) - 1;
            // fan replicas of one master out around its angle: 0, +500, -500, +1000 ...
            double offset = nth == 0 ? 0 : ((nth + 1) / 2) * 500.0 * (nth % 2 == 1 ? 1 : -1);
            spots.put(node.id(), new Spot((master.angleInSlots() + offset + HashSlot.SLOTS) % HashSlot.SLOTS,
                    REPLICA_RADIUS));
        }
        return spots;
    }

    /** The middle slot of the node's longest contiguous run (wrapping past 16383), or -1 without slots. */
    static double middleOfLongestRun(ClusterSnapshot snapshot, int nodeIndex) {
        int bestStart = -1;
        int bestLength = 0;
        int slots = snapshot.slotCount();
        int start = -1;
        for (int slot = 0; slot < slots; slot++) {
            if (snapshot.ownerOf(slot) == nodeIndex) {
                if (start < 0) {
                    start = slot;
                }
                int length = slot - start + 1;
                if (length > bestLength) {
                    bestLength = length;
                    bestStart = start;
                }
            } else {
                start = -1;
            }
        }
        return bestStart < 0 ? -1 : bestStart + bestLength / 2.0;
    }
}
