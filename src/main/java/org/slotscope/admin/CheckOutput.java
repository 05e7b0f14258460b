package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The text redis-cli prints for a topology (clusterManagerShowNodes / clusterManagerNodeInfo) and for
 * the checks after create and before add-node (clusterManagerCheckCluster), so the output reads as a
 * tutorial shows it.
 */
public final class CheckOutput {
    private CheckOutput() {
    }

    /** ">>> Performing Cluster Check", the nodes, then the findings of {@link ClusterCheck}. */
    public static List<String> check(ClusterTopology topology, ClusterCheck.Report report) {
        List<String> lines = new ArrayList<>();
        lines.add(">>> Performing Cluster Check (using node " + topology.nodes().get(0).address() + ")");
        lines.addAll(showNodes(topology));
        String disagree = "Nodes don't agree about configuration!";
        lines.add(report.errors().contains(disagree) ? "[ERR] " + disagree
                : "[OK] All nodes agree about slots configuration.");
        lines.add(">>> Check for open slots...");
        report.warnings().forEach(w -> lines.add("[WARNING] " + w));
        lines.add(">>> Check slots coverage...");
        String uncovered = "Not all 16384 slots are covered by nodes.";
        lines.add(report.errors().contains(uncovered) ? "[ERR] " + uncovered : "[OK] All 16384 slots covered.");
        return lines;
    }

    /** clusterManagerShowNodes for a loaded cluster: one block per reachable node, entry node first. */
    public static List<String> showNodes(ClusterTopology topology) {
        List<String> lines = new ArrayList<>();
        for (ClusterTopology.Node node : topology.nodes()) {
            NodeEntry self = node.self();
            lines.add((self.isMaster() ? "M: " : "S: ") + self.id() + " " + self.address());
            lines.add("   slots:" + slotsString(self.slots()) + " (" + self.slots().cardinality() + " slots) "
                    + flagsString(self));
            if (self.masterId() != null) {
                lines.add("   replicates " + self.masterId());
            } else {
                int replicas = topology.replicasOf(self.id()).size();
                if (replicas > 0) {
                    lines.add("   " + replicas + " additional replica(s)");
                }
            }
        }
        return lines;
    }

    /** clusterManagerNodeSlotsString: "[0-5460],[10923]". */
    public static String slotsString(BitSet slots) {
        StringBuilder sb = new StringBuilder();
        for (int start = slots.nextSetBit(0); start >= 0; ) {
            int end = slots.nextClearBit(start) - 1;
            sb.append(sb.length() > 0 ? "," : "").append('[').append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            sb.append(']');
            start = slots.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /** clusterManagerNodeFlagString: the node's own flags but "myself". */
    static String flagsString(NodeEntry self) {
        List<String> flags = new ArrayList<>(self.flags());
        flags.remove("myself");
        return String.join(",", flags);
    }
}
