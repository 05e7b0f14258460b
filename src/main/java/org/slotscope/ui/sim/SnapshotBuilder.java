package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.slot.HashSlot;

/** Freezes a {@link SimCluster} into a {@link ClusterSnapshot}. Call it on the engine thread only. */
public final class SnapshotBuilder {
    private SnapshotBuilder() {
    }

    public static ClusterSnapshot build(SimCluster cluster) {
        List<ClusterNode> all = new ArrayList<>(cluster.nodes());
        List<NodeSnapshot> nodes = new ArrayList<>(all.size());
        Map<String, Integer> indexById = new HashMap<>();
        for (ClusterNode node : all) {
            KnownNode self = node.state().myself();
            indexById.put(node.id().value(), nodes.size());
            nodes.add(new NodeSnapshot(node.id().value(), node.address(),
                    self.isMaster() ? NodeSnapshot.Role.MASTER : NodeSnapshot.Role.REPLICA,
                    self.master() == null ? null : self.master().id().value(),
                    self.slotCount(), node.keyspace().size(), self.configEpoch(), node.state().currentEpoch(),
                    node.isRunning()));
        }
        int[] owner = new int[HashSlot.SLOTS];
        Arrays.fill(owner, ClusterSnapshot.UNASSIGNED);
        long[] ownerEpoch = new long[HashSlot.SLOTS];
        boolean ok = true;
        boolean anyMaster = false;
        for (ClusterNode node : all) {
            KnownNode self = node.state().myself();
            if (!self.isMaster()) {
                continue;
            }
            if (node.isRunning()) {
                anyMaster = true;
                ok &= node.state().isOk();
            }
            int index = indexById.get(node.id().value());
            // Each master's claim on itself; when two claim a slot, the higher configEpoch wins, as
            // in clusterUpdateSlotsConfigWith (Redis Cluster spec, "Slots configuration propagation").
            for (int slot = self.slots().nextSetBit(0); slot >= 0; slot = self.slots().nextSetBit(slot + 1)) {
                if (owner[slot] == ClusterSnapshot.UNASSIGNED || self.configEpoch() > ownerEpoch[slot]) {
                    owner[slot] = index;
                    ownerEpoch[slot] = self.configEpoch();
                }
            }
        }
        return new ClusterSnapshot(cluster.now(), owner, nodes, ok && anyMaster);
    }
}
