package org.slotscope.engine.failover;

import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;

/**
 * Replica migration (Redis Cluster specification, "Replica migration"; clusterHandleSlaveMigration):
 * a replica of the master with the most working replicas moves to a master that has none, if its
 * own master keeps more than cluster-migration-barrier of them.
 */
public final class ReplicaMigration {
    /** CLUSTER_SLAVE_MIGRATION_DELAY: a master must stay orphaned this long first. */
    public static final long MIGRATION_DELAY_MILLIS = 5000;

    private final SimCluster cluster;

    public ReplicaMigration(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** The orphaned-master part of clusterCron, then clusterHandleSlaveMigration when it applies. */
    public void handle(ClusterNode node) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        if (!myself.isReplica() || !node.config().allowReplicaMigration()) {
            return;
        }
        java.util.Map<KnownNode, Integer> okReplicas = nonFailingReplicas(state);
        int orphanedMasters = 0;
        int maxReplicas = 0;
        int myMastersReplicas = 0;
        for (KnownNode n : state.nodeList()) {
            if (n.isMaster() && !n.has(NodeFlag.FAIL)) {
                int ok = okReplicas.getOrDefault(n, 0);
                if (ok == 0 && n.slotCount() > 0 && n.migrateTo()) {
                    orphanedMasters++;
                }
                maxReplicas = Math.max(maxReplicas, ok);
                if (myself.master() == n) {
                    myMastersReplicas = ok;
                }
            }
        }
        // It makes no sense to migrate unless some master has at least two working replicas.
        if (orphanedMasters > 0 && maxReplicas >= 2 && myMastersReplicas == maxReplicas) {
            migrate(node, maxReplicas, okReplicas);
        }
    }

    /** clusterCountNonFailingSlaves for every master at once: one pass over the view. */
    private static java.util.Map<KnownNode, Integer> nonFailingReplicas(ClusterState state) {
        java.util.Map<KnownNode, Integer> ok = new java.util.HashMap<>();
        for (KnownNode n : state.nodeList()) {
            if (n.master() != null && !n.has(NodeFlag.FAIL)) {
                ok.merge(n.master(), 1, Integer::sum);
            }
        }
        return ok;
    }

    private void migrate(ClusterNode node, int maxReplicas, java.util.Map<KnownNode, Integer> okReplicas) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        KnownNode myMaster = myself.master();
        // Step 1: only when the cluster is ok.
        if (!state.isOk() || myMaster == null) {
            return;
        }
        // Step 2: my master must keep more than cluster-migration-barrier working replicas.
        int ok = 0;
        for (KnownNode replica : state.replicasOf(myMaster)) {
            if (!replica.has(NodeFlag.FAIL) && !replica.has(NodeFlag.PFAIL)) {
                ok++;
            }
        }
        if (ok <= node.config().migrationBarrier()) {
            return;
        }
        // Step 3: the target is an orphaned master; the candidate is the replica with the smallest
        // id among the masters with the most working replicas.
        long now = cluster.now();
        KnownNode target = null;
        KnownNode candidate = myself;
        for (KnownNode n : state.nodeList()) {
            int replicas = n.isMaster() ? okReplicas.getOrDefault(n, 0) : 0;
            boolean orphaned = n.isMaster() && !n.has(NodeFlag.FAIL) && n.migrateTo() && replicas == 0;
            if (orphaned) {
                if (target == null && n.slotCount() > 0) {
                    target = n;
                }
                if (n.orphanedTime() == 0) {
                    n.setOrphanedTime(now);
                }
            } else {
                n.setOrphanedTime(0);
            }
            if (replicas == maxReplicas) {
                for (KnownNode replica : state.replicasOf(n)) {
                    if (replica.id().compareTo(candidate.id()) < 0) {
                        candidate = replica;
                    }
                }
            }
        }
        // Step 4: migrate if I am the candidate and the master stayed orphaned long enough, so the
        // replicas of a failed-over master have time to announce their new master first.
        if (target != null && candidate == myself && now - target.orphanedTime() > MIGRATION_DELAY_MILLIS) {
            cluster.events().emit(new ClusterEvent.ReplicaMigrated(now, myself.id(), myMaster.id(), target.id()));
            cluster.becomeReplicaOf(node, target.id());
        }
    }
}
