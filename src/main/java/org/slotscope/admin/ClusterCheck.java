package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slotscope.engine.command.cluster.ClusterNodesFormat;

/**
 * The checks of `redis-cli --cluster check` (clusterManagerCheckCluster), over what every node
 * says in CLUSTER NODES: do all nodes agree on who owns which slots, are slots left MIGRATING or
 * IMPORTING, are all 16384 covered. Messages are redis-cli's, so a tutorial reads the same.
 */
public final class ClusterCheck {
    /** The findings: errors ([ERR]) and warnings ([WARNING]), as redis-cli words them. */
    public record Report(List<String> errors, List<String> warnings) {
        public boolean clean() {
            return errors.isEmpty() && warnings.isEmpty();
        }
    }

    private ClusterCheck() {
    }

    /** @param views every reachable node's CLUSTER NODES, the entry node first */
    public static Report check(List<List<NodeEntry>> views) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String signature = null;
        for (List<NodeEntry> view : views) {
            String mine = signature(view);
            if (signature == null) {
                signature = mine;
            } else if (!signature.equals(mine)) {
                errors.add("Nodes don't agree about configuration!");
                break;
            }
        }
        TreeSet<Integer> open = new TreeSet<>();
        for (List<NodeEntry> view : views) {
            for (NodeEntry self : view) {
                if (!self.isMyself()) {
                    continue;
                }
                open.addAll(self.migrating().keySet());
                open.addAll(self.importing().keySet());
                if (!self.migrating().isEmpty()) {
                    warnings.add("Node " + self.address() + " has slots in migrating state " + slotList(self.migrating())
                            + ".");
                }
                if (!self.importing().isEmpty()) {
                    warnings.add("Node " + self.address() + " has slots in importing state " + slotList(self.importing())
                            + ".");
                }
            }
        }
        if (!open.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (Integer slot : open) {
                list.append(list.length() > 0 ? "," : "").append(slot);
            }
            warnings.add("The following slots are open: " + list + ".");
        }
        if (!views.isEmpty()) {
            BitSet covered = new BitSet();
            for (NodeEntry node : views.get(0)) {
                if (node.isMaster()) {
                    covered.or(node.slots());
                }
            }
            if (covered.cardinality() < 16384) {
                errors.add("Not all 16384 slots are covered by nodes.");
            }
        }
        return new Report(errors, warnings);
    }

    /** clusterManagerGetConfigSignature: "id:slot ranges" of each master with slots, sorted, joined by '|'. */
    static String signature(List<NodeEntry> view) {
        TreeSet<String> parts = new TreeSet<>();
        for (NodeEntry node : view) {
            if (node.isMaster() && node.slots().cardinality() > 0) {
                parts.add(node.id() + ":" + ClusterNodesFormat.slotRangesText(node.slots()).replace(' ', ','));
            }
        }
        return String.join("|", parts);
    }

    private static String slotList(Map<Integer, String> slots) {
        StringBuilder sb = new StringBuilder();
        for (Integer slot : slots.keySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(slot);
        }
        return sb.toString();
    }
}
