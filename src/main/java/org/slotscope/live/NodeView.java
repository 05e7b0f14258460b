package org.slotscope.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.admin.ClusterNodesParser;
import org.slotscope.admin.NodeEntry;
import org.slotscope.engine.node.NodeId;

/**
 * What one reachable node says about the cluster: its CLUSTER NODES (its own clusterState: every node
 * it knows, their flags and slots, and its own open slots) and, from its CLUSTER INFO, its
 * cluster_state and cluster_current_epoch. The live counterpart of one simulated node's view, so the
 * events derived from it name that node as their {@code viewer}.
 *
 * @param clusterOk    cluster_state:ok, or null when CLUSTER INFO could not be read
 * @param currentEpoch cluster_current_epoch, or -1 when CLUSTER INFO could not be read
 */
public record NodeView(NodeId viewer, String address, List<NodeEntry> entries, Boolean clusterOk, long currentEpoch) {
    public NodeView {
        entries = List.copyOf(entries);
    }

    /**
     * A view from the two replies' text, as a node sends them.
     *
     * @param clusterInfo CLUSTER INFO's text, or null when it could not be read
     * @throws IllegalArgumentException when the text has no "myself" line
     */
    public static NodeView parse(String clusterNodes, String clusterInfo) {
        List<NodeEntry> entries = ClusterNodesParser.parse(clusterNodes);
        return of(entries, clusterInfo);
    }

    /** A view from parsed CLUSTER NODES lines and CLUSTER INFO's text (null when unknown). */
    public static NodeView of(List<NodeEntry> entries, String clusterInfo) {
        NodeEntry self = entries.stream().filter(NodeEntry::isMyself).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("CLUSTER NODES without a myself line"));
        Boolean ok = null;
        long epoch = -1;
        if (clusterInfo != null) {
            Map<String, String> info = clusterInfo(clusterInfo);
            String state = info.get("cluster_state");
            ok = state == null ? null : state.equals("ok");
            String current = info.get("cluster_current_epoch");
            epoch = current == null ? -1 : Long.parseLong(current);
        }
        return new NodeView(new NodeId(self.id()), self.address(), entries, ok, epoch);
    }

    /** CLUSTER INFO's "field:value" lines (clusterGenNodesDescription's sibling, clusterCommand "info"). */
    public static Map<String, String> clusterInfo(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** The viewer's line about itself (the one flagged myself). */
    public NodeEntry myself() {
        for (NodeEntry e : entries) {
            if (e.isMyself()) {
                return e;
            }
        }
        throw new IllegalStateException("a view always has a myself line");
    }

    /** Every node the viewer knows, in its CLUSTER NODES order. */
    public Map<NodeId, NodeEntry> byId() {
        Map<NodeId, NodeEntry> map = new LinkedHashMap<>();
        for (NodeEntry e : entries) {
            map.put(new NodeId(e.id()), e);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The viewer's line about {@code node}, or null when it does not know it. */
    public NodeEntry entry(NodeId node) {
        for (NodeEntry e : entries) {
            if (e.id().equals(node.value())) {
                return e;
            }
        }
        return null;
    }
}
