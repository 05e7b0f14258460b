package org.slotscope.engine.net;

import java.util.HashMap;
import java.util.Map;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * The simulated network between nodes: who can reach whom and how long a message takes. Faults
 * (partitions, per-link latency) are inputs on the virtual clock; the default is a healthy
 * loopback with a fixed one-way latency.
 */
public final class SimNetwork {
    private long defaultLatencyMillis = 1;
    private final Map<NodeId, Integer> partitionGroup = new HashMap<>();
    private final Map<String, Long> linkLatency = new HashMap<>();

    public long defaultLatencyMillis() {
        return defaultLatencyMillis;
    }

    public void setDefaultLatencyMillis(long millis) {
        this.defaultLatencyMillis = Math.max(0, millis);
    }

    /** One-way latency from one node to another. */
    public long latency(ClusterNode from, ClusterNode to) {
        if (linkLatency.isEmpty()) {
            return defaultLatencyMillis;
        }
        Long specific = linkLatency.get(linkKey(from.id(), to.id()));
        return specific != null ? specific : defaultLatencyMillis;
    }

    public void setLinkLatency(NodeId a, NodeId b, long millis) {
        linkLatency.put(linkKey(a, b), millis);
        linkLatency.put(linkKey(b, a), millis);
    }

    /** Both nodes are up and on the same side of every partition. */
    public boolean canReach(ClusterNode from, ClusterNode to) {
        if (!from.isRunning() || !to.isRunning()) {
            return false;
        }
        if (partitionGroup.isEmpty()) {
            return true;
        }
        return partitionGroup.getOrDefault(from.id(), 0).equals(partitionGroup.getOrDefault(to.id(), 0));
    }

    /** Puts a node in a partition group; nodes in different groups cannot reach each other. */
    public void setPartitionGroup(NodeId node, int group) {
        partitionGroup.put(node, group);
    }

    /** Removes every partition, keeps latencies. */
    public void clearPartitions() {
        partitionGroup.clear();
    }

    public void heal() {
        partitionGroup.clear();
        linkLatency.clear();
    }

    private static String linkKey(NodeId from, NodeId to) {
        return from.value() + ">" + to.value();
    }
}
