package org.slotscope.ui.sim;

import java.util.List;
import java.util.Objects;

/**
 * What the window shows of the simulated cluster at one virtual instant. Built on the engine thread,
 * never changed afterwards, so the FX thread can read it without locks.
 *
 * @param virtualTimeMillis the engine's virtual clock
 * @param slotOwner for each of the 16384 slots, the index in {@code nodes} of the master that claims
 *                  it, or -1 when no master does
 * @param nodes every node, in start order
 * @param clusterOk whether every running master considers cluster_state ok
 */
public record ClusterSnapshot(long virtualTimeMillis, int[] slotOwner, List<NodeSnapshot> nodes, boolean clusterOk) {
    public static final int UNASSIGNED = -1;

    public ClusterSnapshot {
        Objects.requireNonNull(slotOwner, "slotOwner");
        slotOwner = slotOwner.clone();
        nodes = List.copyOf(nodes);
    }

    /** A copy: the array inside stays immutable. */
    @Override
    public int[] slotOwner() {
        return slotOwner.clone();
    }

    public int ownerOf(int slot) {
        return slotOwner[slot];
    }

    public int slotCount() {
        return slotOwner.length;
    }

    public long masterCount() {
        return nodes.stream().filter(NodeSnapshot::isMaster).count();
    }

    public long replicaCount() {
        return nodes.stream().filter(n -> !n.isMaster()).count();
    }

    /** The same cluster state, ignoring the clock: lets the view skip redraws when only time moved. */
    public boolean sameTopology(ClusterSnapshot other) {
        return other != null && clusterOk == other.clusterOk && nodes.equals(other.nodes)
                && java.util.Arrays.equals(slotOwner, other.slotOwner);
    }
}
