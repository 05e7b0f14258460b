package org.slotscope.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.node.NodeId;

/**
 * Writes CLUSTER NODES text the way clusterGenNodesDescription does, for building snapshots in tests
 * without a cluster: one mutable line per node, then {@link #viewOf} renders one node's view.
 */
final class Topo {
    static final NodeId A = id('a');
    static final NodeId B = id('b');
    static final NodeId C = id('c');
    static final NodeId D = id('d');
    static final NodeId E = id('e');
    static final NodeId F = id('f');

    static NodeId id(char hex) {
        return new NodeId(String.valueOf(hex).repeat(40));
    }

    /** One node's line, as everyone sees it (per-viewer differences are set with {@link #seenBy}). */
    static final class Line {
        final NodeId id;
        final int port;
        String role = "master";
        NodeId master;
        long configEpoch;
        String slots = "";
        final Map<NodeId, String> extraFlags = new LinkedHashMap<>();
        String open = "";

        Line(NodeId id, int port) {
            this.id = id;
            this.port = port;
        }
    }

    /** cluster_current_epoch of every viewer unless {@link #currentEpoch} says otherwise. */
    static final long DEFAULT_CURRENT_EPOCH = 3;

    private final Map<NodeId, Line> lines = new LinkedHashMap<>();
    private final Map<NodeId, List<NodeId>> forgotten = new LinkedHashMap<>();
    private final Map<NodeId, String> state = new LinkedHashMap<>();
    private final Map<NodeId, Long> currentEpoch = new LinkedHashMap<>();

    Line add(NodeId id, int port) {
        Line line = new Line(id, port);
        lines.put(id, line);
        return line;
    }

    Line line(NodeId id) {
        return lines.get(id);
    }

    Topo master(NodeId id, int port, long epoch, String slots) {
        Line l = add(id, port);
        l.configEpoch = epoch;
        l.slots = slots;
        return this;
    }

    Topo replica(NodeId id, int port, NodeId master) {
        Line l = add(id, port);
        l.role = "slave";
        l.master = master;
        return this;
    }

    /** {@code viewer} flags {@code node} with {@code flag} (e.g. "fail?"); null clears. */
    Topo seenBy(NodeId viewer, NodeId node, String flag) {
        if (flag == null) {
            lines.get(node).extraFlags.remove(viewer);
        } else {
            lines.get(node).extraFlags.put(viewer, flag);
        }
        return this;
    }

    Topo forgets(NodeId viewer, NodeId node) {
        forgotten.computeIfAbsent(viewer, v -> new ArrayList<>()).add(node);
        return this;
    }

    Topo state(NodeId viewer, String clusterState) {
        state.put(viewer, clusterState);
        return this;
    }

    Topo currentEpoch(NodeId viewer, long epoch) {
        currentEpoch.put(viewer, epoch);
        return this;
    }

    String clusterNodes(NodeId viewer) {
        StringBuilder out = new StringBuilder();
        for (Line l : lines.values()) {
            if (forgotten.getOrDefault(viewer, List.of()).contains(l.id)) {
                continue;
            }
            String flags = (l.id.equals(viewer) ? "myself," : "") + l.role
                    + (l.extraFlags.containsKey(viewer) ? "," + l.extraFlags.get(viewer) : "");
            out.append(l.id).append(" 127.0.0.1:").append(l.port).append('@').append(l.port + 10000).append(' ')
                    .append(flags).append(' ').append(l.master == null ? "-" : l.master.value())
                    .append(" 0 1700000000000 ").append(l.configEpoch).append(" connected");
            if (!l.slots.isEmpty()) {
                out.append(' ').append(l.slots);
            }
            if (l.id.equals(viewer) && !l.open.isEmpty()) {
                out.append(' ').append(l.open);
            }
            out.append('\n');
        }
        return out.toString();
    }

    String clusterInfo(NodeId viewer) {
        return "cluster_state:" + state.getOrDefault(viewer, "ok") + "\r\ncluster_slots_assigned:16384\r\n"
                + "cluster_current_epoch:" + currentEpoch.getOrDefault(viewer, DEFAULT_CURRENT_EPOCH) + "\r\n";
    }

    NodeView viewOf(NodeId viewer) {
        return NodeView.parse(clusterNodes(viewer), clusterInfo(viewer));
    }

    /** A snapshot where these nodes answered, the first being the entry. */
    ClusterSnapshot snapshot(long time, NodeId... reachable) {
        List<NodeView> views = new ArrayList<>();
        for (NodeId viewer : reachable) {
            views.add(viewOf(viewer));
        }
        return ClusterSnapshot.of(time, views);
    }

    /** Three masters A B C (0-5460, 5461-10922, 10923-16383, epochs 1 2 3), replicas D of A, E of B, F of C. */
    static Topo sixNodes() {
        return new Topo().master(A, 7000, 1, "0-5460").master(B, 7001, 2, "5461-10922")
                .master(C, 7002, 3, "10923-16383").replica(D, 7003, A).replica(E, 7004, B).replica(F, 7005, C);
    }

    static final NodeId[] ALL = {A, B, C, D, E, F};
}
