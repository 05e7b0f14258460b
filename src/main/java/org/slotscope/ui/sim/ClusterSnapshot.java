package org.slotscope.ui.sim;

import java.util.Arrays;
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
 * @param migratingTo for each slot, the index of the node its owner migrates it to (-1: none)
 * @param importingFrom for each slot, the index of the node a master imports it from (-1: none)
 * @param keysInSlot for each slot, the keys the masters hold in it
 */
public record ClusterSnapshot(long virtualTimeMillis, int[] slotOwner, List<NodeSnapshot> nodes, boolean clusterOk,
                              int[] migratingTo, int[] importingFrom, int[] keysInSlot) {
    public static final int UNASSIGNED = -1;

    public ClusterSnapshot {
        Objects.requireNonNull(slotOwner, "slotOwner");
        slotOwner = slotOwner.clone();
        nodes = List.copyOf(nodes);
        migratingTo = migratingTo == null ? filled(slotOwner.length, UNASSIGNED) : migratingTo.clone();
        importingFrom = importingFrom == null ? filled(slotOwner.length, UNASSIGNED) : importingFrom.clone();
        keysInSlot = keysInSlot == null ? new int[slotOwner.length] : keysInSlot.clone();
    }

    /** A snapshot without open slots or key counts. */
    public ClusterSnapshot(long virtualTimeMillis, int[] slotOwner, List<NodeSnapshot> nodes, boolean clusterOk) {
        this(virtualTimeMillis, slotOwner, nodes, clusterOk, null, null, null);
    }

    private static int[] filled(int length, int value) {
        int[] out = new int[length];
        Arrays.fill(out, value);
        return out;
    }

    /** A copy: the array inside stays immutable. */
    @Override
    public int[] slotOwner() {
        return slotOwner.clone();
    }

    @Override
    public int[] migratingTo() {
        return migratingTo.clone();
    }

    @Override
    public int[] importingFrom() {
        return importingFrom.clone();
    }

    @Override
    public int[] keysInSlot() {
        return keysInSlot.clone();
    }

    public int ownerOf(int slot) {
        return slotOwner[slot];
    }

    public int migratingToOf(int slot) {
        return migratingTo[slot];
    }

    public int importingFromOf(int slot) {
        return importingFrom[slot];
    }

    public int keysIn(int slot) {
        return keysInSlot[slot];
    }

    public int slotCount() {
        return slotOwner.length;
    }

    /** Running masters (a crashed master still calls itself one until it restarts). */
    public long masterCount() {
        return nodes.stream().filter(n -> n.isMaster() && n.running()).count();
    }

    /** Running replicas. */
    public long replicaCount() {
        return nodes.stream().filter(n -> !n.isMaster() && n.running()).count();
    }

    /** Index of the node with this id, or -1. */
    public int indexOf(String nodeId) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(nodeId)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether any slot is MIGRATING or IMPORTING somewhere. */
    public boolean hasOpenSlots() {
        for (int i = 0; i < migratingTo.length; i++) {
            if (migratingTo[i] != UNASSIGNED || importingFrom[i] != UNASSIGNED) {
                return true;
            }
        }
        return false;
    }

    /** The same cluster state, ignoring the clock: lets the view skip redraws when only time moved. */
    public boolean sameTopology(ClusterSnapshot other) {
        return other != null && clusterOk == other.clusterOk && nodes.equals(other.nodes)
                && Arrays.equals(slotOwner, other.slotOwner) && Arrays.equals(migratingTo, other.migratingTo)
                && Arrays.equals(importingFrom, other.importingFrom) && Arrays.equals(keysInSlot, other.keysInSlot);
    }
}
