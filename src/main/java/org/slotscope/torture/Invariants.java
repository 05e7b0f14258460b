package org.slotscope.torture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;
import org.slotscope.engine.slot.HashSlot;

/**
 * The cluster-level invariants a run must end with, read straight from the simulated nodes: every
 * running node says cluster_state:ok and flags no running node fail? or fail; all 16384 slots are covered by exactly one master, the same
 * one in every running node's view, running and a master in its own view; no slot is left
 * MIGRATING or IMPORTING; and no node holds a key of a slot it does not own (a replica: that its
 * master does not own).
 */
final class Invariants {
    private Invariants() {
    }

    /** Whether the slot map has converged (the first three invariants); cheap when it has not. */
    static boolean settled(SimCluster cluster) {
        return slotProblems(cluster, 1).isEmpty();
    }

    /** Every violation, at most {@code limit} of them. */
    static List<String> violations(SimCluster cluster, int limit) {
        List<String> problems = slotProblems(cluster, limit);
        if (!problems.isEmpty()) {
            return problems;
        }
        List<ClusterNode> running = running(cluster);
        ClusterNode reference = running.get(0);
        for (ClusterNode node : running) {
            for (int slot = 0; slot < HashSlot.SLOTS && problems.size() < limit; slot++) {
                if (node.state().migratingSlotsTo(slot) != null || node.state().importingSlotsFrom(slot) != null) {
                    problems.add(node.address() + " has slot " + slot + " open");
                }
            }
            KnownNode me = node.state().myself();
            String servedBy = me.isReplica() && me.master() != null ? me.master().id().value() : node.id().value();
            for (Key key : node.keyspace().allKeys()) {
                int slot = HashSlot.of(key.bytes());
                KnownNode owner = reference.state().slotOwner(slot);
                if (!owner.id().value().equals(servedBy) && problems.size() < limit) {
                    problems.add(node.address() + " holds " + new String(key.bytes(), StandardCharsets.UTF_8)
                            + " of slot " + slot + ", owned by " + address(cluster, owner));
                }
            }
        }
        return problems;
    }

    private static List<String> slotProblems(SimCluster cluster, int limit) {
        List<String> problems = new ArrayList<>();
        List<ClusterNode> running = running(cluster);
        if (running.isEmpty()) {
            problems.add("no node is running");
            return problems;
        }
        for (ClusterNode node : running) {
            if (!node.state().isOk()) {
                problems.add(node.address() + " says cluster_state:fail");
                if (problems.size() >= limit) {
                    return problems;
                }
            }
            for (ClusterNode other : running) {
                KnownNode seen = node.state().lookup(other.id());
                if (seen != null && (seen.flags().contains(NodeFlag.PFAIL) || seen.flags().contains(NodeFlag.FAIL))) {
                    problems.add(node.address() + " flags running " + other.address() + " "
                            + (seen.flags().contains(NodeFlag.FAIL) ? "fail" : "fail?"));
                    if (problems.size() >= limit) {
                        return problems;
                    }
                }
            }
        }
        ClusterNode reference = running.get(0);
        for (int slot = 0; slot < HashSlot.SLOTS && problems.size() < limit; slot++) {
            KnownNode owner = reference.state().slotOwner(slot);
            if (owner == null) {
                problems.add("slot " + slot + " is not covered in " + reference.address() + "'s view");
                continue;
            }
            ClusterNode ownerNode = cluster.node(owner.id());
            if (ownerNode == null || !ownerNode.isRunning() || ownerNode.state().myself().isReplica()) {
                problems.add("slot " + slot + " is owned by " + address(cluster, owner)
                        + ", which is not a running master");
                continue;
            }
            for (ClusterNode node : running) {
                KnownNode seen = node.state().slotOwner(slot);
                if (seen == null || !seen.id().equals(owner.id())) {
                    problems.add(node.address() + " thinks slot " + slot + " is "
                            + (seen == null ? "unassigned" : address(cluster, seen) + "'s") + ", "
                            + reference.address() + " says " + address(cluster, owner) + "'s");
                    break;
                }
            }
        }
        return problems;
    }

    private static List<ClusterNode> running(SimCluster cluster) {
        return cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
    }

    private static String address(SimCluster cluster, KnownNode known) {
        ClusterNode node = cluster.node(known.id());
        return node == null ? known.id().value() : node.address();
    }
}
