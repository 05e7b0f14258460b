package org.slotscope.engine.net;

import java.util.HashMap;
import java.util.Map;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;
import org.slotscope.engine.time.SeededRandom;

/**
 * The simulated network between nodes: who can reach whom and how long a message takes. Faults
 * (partitions, per-link latency, jitter, loss of bus messages) are inputs on the virtual clock; the
 * default is a healthy loopback with a fixed one-way latency. Jitter and loss draw from the
 * cluster's seeded random, so a run with faults replays exactly.
 */
public final class SimNetwork {
    private final SeededRandom random;
    private long defaultLatencyMillis = 1;
    private long jitterMillis;
    private double lossRate;

    public SimNetwork(SeededRandom random) {
        this.random = random;
    }
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

    /** A cluster bus message's transit time: the link latency plus up to {@code jitter} ms more. */
    public long transitTime(ClusterNode from, ClusterNode to) {
        long base = latency(from, to);
        return jitterMillis == 0 ? base : base + random.nextInt((int) jitterMillis + 1);
    }

    /** Whether this cluster bus message is lost on the way (the loss rate, drawn per message). */
    public boolean drops() {
        return lossRate > 0 && random.nextDouble() < lossRate;
    }

    public void setJitterMillis(long millis) {
        this.jitterMillis = Math.max(0, Math.min(millis, Integer.MAX_VALUE - 1));
    }

    public long jitterMillis() {
        return jitterMillis;
    }

    /** The share of cluster bus messages lost, 0.0 to 1.0. */
    public void setLossRate(double rate) {
        this.lossRate = Math.max(0, Math.min(1, rate));
    }

    public double lossRate() {
        return lossRate;
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
        jitterMillis = 0;
        lossRate = 0;
    }

    private static String linkKey(NodeId from, NodeId to) {
        return from.value() + ">" + to.value();
    }
}
