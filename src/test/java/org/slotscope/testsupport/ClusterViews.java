package org.slotscope.testsupport;

import org.slotscope.admin.ClusterCheck;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.admin.Sleeper;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;

/** What the operation tests read from a cluster through NodeLinks: key totals, and when it has settled. */
public final class ClusterViews {
    private ClusterViews() {
    }

    /** DBSIZE summed over the reachable masters, as `info` counts the keys (replicas hold copies). */
    public static long keysOnMasters(Connector connect, String entry) {
        long keys = 0;
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            for (ClusterTopology.Node master : topology.masters()) {
                keys += ((Reply.IntegerReply) master.link().send("DBSIZE")).value();
            }
        }
        return keys;
    }

    /**
     * Waits until check is clean (every node agrees, nothing open, all slots covered); with
     * {@code nodes > 0} also until that many nodes are reachable and each lists every one of them, none
     * in handshake (a node added a moment ago is known to the others only once gossip has spread it;
     * replicas learn new slot owners the same way). {@code sleeper} runs the virtual clock on the
     * simulator and the wall clock on real nodes.
     */
    public static void awaitClean(Connector connect, String entry, Sleeper sleeper, int nodes) {
        String last = "";
        for (int attempt = 0; attempt < 150; attempt++) {
            try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
                ClusterCheck.Report report = ClusterCheck.check(topology.views());
                boolean allKnowAll = nodes <= 0 || topology.nodes().size() == nodes
                        && topology.views().stream().allMatch(view -> view.size() == nodes
                        && view.stream().noneMatch(e -> e.flags().contains("handshake")));
                if (allKnowAll && report.clean()) {
                    return;
                }
                last = report + " with " + topology.nodes().size() + " nodes";
            }
            sleeper.sleep(200);
        }
        throw new AssertionError("the cluster did not settle: " + last);
    }
}
