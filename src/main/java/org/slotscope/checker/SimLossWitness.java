package org.slotscope.checker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.replication.ReplicationBacklog;

/**
 * Watches a simulated cluster's events for the ways Redis loses acknowledged writes by design and
 * names the keys each one lost, while the evidence is still there: at a WritesLost (failover) it
 * reads the old master's replication backlog after the offset the new master kept; when a master
 * stops, or turns replica, it notes the keys it held, which a restart without persistence or the
 * full resync that follows throws away. A replica's keys are copies, so its restart or resync
 * explains nothing.
 */
public final class SimLossWitness {
    private final SimCluster cluster;
    private final List<LossExplanation> explanations = new ArrayList<>();
    private final Map<String, Set<String>> keysAtRisk = new HashMap<>();
    private final Map<String, LossExplanation.Cause> riskCause = new HashMap<>();
    private final Map<String, Long> riskSince = new HashMap<>();

    /** Nodes that are masters in their own view: only a master's data can be lost with it. */
    private final Set<String> masters = new java.util.HashSet<>();

    private SimLossWitness(SimCluster cluster) {
        this.cluster = cluster;
        for (ClusterNode node : cluster.nodes()) {
            if (!node.state().myself().isReplica()) {
                masters.add(node.id().value());
            }
        }
    }

    /** Starts watching (the listener runs on whoever drives the cluster). */
    public static SimLossWitness attach(SimCluster cluster) {
        SimLossWitness witness = new SimLossWitness(cluster);
        cluster.events().addListener(witness::onEvent);
        return witness;
    }

    public synchronized List<LossExplanation> explanations() {
        return List.copyOf(explanations);
    }

    private synchronized void onEvent(ClusterEvent event) {
        if (event instanceof ClusterEvent.WritesLost lost) {
            ClusterNode old = cluster.node(lost.oldMaster());
            Set<String> keys = new LinkedHashSet<>();
            if (old != null) {
                for (ReplicationBacklog.Entry entry : old.backlog().after(lost.keptOffset())) {
                    keys.addAll(keysOf(entry.argv()));
                }
            }
            explanations.add(new LossExplanation(lost.time(), LossExplanation.Cause.FAILOVER_WINDOW,
                    address(lost.oldMaster()), keys, lost.commands() + " commands after offset " + lost.keptOffset(), lost.time()));
        } else if (event instanceof ClusterEvent.NodeStopped stopped) {
            if (masters.contains(stopped.node().value())) {
                noteKeys(stopped.node(), LossExplanation.Cause.RESTART_WITHOUT_PERSISTENCE);
            }
        } else if (event instanceof ClusterEvent.NodeStarted started) {
            ClusterNode node = cluster.node(started.node());
            if (node != null && !node.state().myself().isReplica()) {
                masters.add(started.node().value());
            }
        } else if (event instanceof ClusterEvent.RoleChanged role && role.viewer().equals(role.node())) {
            if (role.master() == null) {
                masters.add(role.node().value());
            } else if (masters.remove(role.node().value())) {
                noteKeys(role.node(), LossExplanation.Cause.DEMOTED_MASTER_RESYNC);
            }
        } else if (event instanceof ClusterEvent.KeyspaceFlushed flushed) {
            String id = flushed.node().value();
            Set<String> keys = keysAtRisk.remove(id);
            LossExplanation.Cause cause = riskCause.remove(id);
            Long since = riskSince.remove(id);
            if (keys != null && !keys.isEmpty()) {
                explanations.add(new LossExplanation(flushed.time(), cause, address(flushed.node()), keys,
                        flushed.keysRemoved() + " keys thrown away", since));
            }
        }
    }

    private void noteKeys(org.slotscope.engine.node.NodeId id, LossExplanation.Cause cause) {
        ClusterNode node = cluster.node(id);
        if (node == null) {
            return;
        }
        Set<String> keys = keysAtRisk.computeIfAbsent(id.value(), k -> new LinkedHashSet<>());
        for (Key key : node.keyspace().allKeys()) {
            keys.add(new String(key.bytes(), StandardCharsets.UTF_8));
        }
        riskCause.putIfAbsent(id.value(), cause);
        riskSince.put(id.value(), cluster.now());
    }

    private String address(org.slotscope.engine.node.NodeId id) {
        ClusterNode node = cluster.node(id);
        return node == null ? id.value() : node.address();
    }

    private List<String> keysOf(byte[][] argv) {
        CommandSpec spec = cluster.commands().lookup(new String(argv[0], StandardCharsets.UTF_8)
                .toLowerCase(java.util.Locale.ROOT));
        List<String> keys = new ArrayList<>();
        if (spec == null || !spec.hasKeys()) {
            return keys;
        }
        for (int index : spec.keyIndexes(argv)) {
            keys.add(new String(argv[index], StandardCharsets.UTF_8));
        }
        return keys;
    }
}
