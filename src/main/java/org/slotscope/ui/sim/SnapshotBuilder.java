package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;
import org.slotscope.engine.slot.HashSlot;

/** Freezes a {@link SimCluster} into a {@link ClusterSnapshot}. Call it on the engine thread only. */
public final class SnapshotBuilder {
    private SnapshotBuilder() {
    }

    public static ClusterSnapshot build(SimCluster cluster) {
        List<ClusterNode> all = new ArrayList<>(cluster.nodes());
        Map<String, Integer> indexById = new HashMap<>();
        for (ClusterNode node : all) {
            indexById.put(node.id().value(), indexById.size());
        }
        List<NodeSnapshot> nodes = new ArrayList<>(all.size());
        for (ClusterNode node : all) {
            KnownNode self = node.state().myself();
            nodes.add(new NodeSnapshot(node.id().value(), node.address(),
                    self.isMaster() ? NodeSnapshot.Role.MASTER : NodeSnapshot.Role.REPLICA,
                    self.master() == null ? null : self.master().id().value(),
                    self.slotCount(), node.keyspace().size(), self.configEpoch(), node.state().currentEpoch(),
                    node.isRunning(), health(node, all), node.isFrozen(cluster.now()), self.replOffset()));
        }
        int[] owner = new int[HashSlot.SLOTS];
        int[] migratingTo = new int[HashSlot.SLOTS];
        int[] importingFrom = new int[HashSlot.SLOTS];
        int[] keys = new int[HashSlot.SLOTS];
        Arrays.fill(owner, ClusterSnapshot.UNASSIGNED);
        Arrays.fill(migratingTo, ClusterSnapshot.UNASSIGNED);
        Arrays.fill(importingFrom, ClusterSnapshot.UNASSIGNED);
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
            if (node.isRunning()) {
                for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
                    keys[slot] += node.keyspace().countInSlot(slot);
                }
            }
            if (node.state().hasOpenSlots()) {
                for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
                    KnownNode to = node.state().migratingSlotsTo(slot);
                    if (to != null) {
                        migratingTo[slot] = indexById.getOrDefault(to.id().value(), ClusterSnapshot.UNASSIGNED);
                    }
                    KnownNode from = node.state().importingSlotsFrom(slot);
                    if (from != null) {
                        importingFrom[slot] = indexById.getOrDefault(from.id().value(), ClusterSnapshot.UNASSIGNED);
                    }
                }
            }
        }
        return new ClusterSnapshot(cluster.now(), owner, nodes, ok && anyMaster, migratingTo, importingFrom, keys);
    }

    /** FAIL if any running node flags it fail, else PFAIL if any flags it fail?, else OK. */
    private static NodeSnapshot.Health health(ClusterNode subject, List<ClusterNode> all) {
        NodeSnapshot.Health worst = NodeSnapshot.Health.OK;
        for (ClusterNode viewer : all) {
            if (viewer == subject || !viewer.isRunning()) {
                continue;
            }
            KnownNode seen = viewer.state().lookup(subject.id());
            if (seen == null) {
                continue;
            }
            if (seen.has(NodeFlag.FAIL)) {
                return NodeSnapshot.Health.FAIL;
            }
            if (seen.has(NodeFlag.PFAIL)) {
                worst = NodeSnapshot.Health.PFAIL;
            }
        }
        return worst;
    }
}
