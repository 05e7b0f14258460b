package org.slotscope.engine.bus;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.failover.ReplicaMigration;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;

/**
 * clusterCron (cluster.c), run by every node ten times per virtual second: finish or time out
 * handshakes, ping one of five random nodes (the one with the oldest PONG) once a second, ping
 * any node whose PONG is older than node_timeout/2, and flag PFAIL a node that has not answered a
 * PING within node_timeout.
 */
public final class ClusterCron {
    private final SimCluster cluster;
    private final ClusterBus bus;
    private final ReplicaMigration migration;

    public ClusterCron(SimCluster cluster, ClusterBus bus) {
        this.cluster = cluster;
        this.bus = bus;
        this.migration = new ReplicaMigration(cluster);
    }

    public void run(ClusterNode node) {
        ClusterState state = node.state();
        long now = cluster.now();
        long nodeTimeout = node.config().nodeTimeout();
        long handshakeTimeout = Math.max(nodeTimeout, 1000);
        long iteration = state.nextCronIteration();
        // clusterUpdateMyselfFlags: cluster-replica-no-failover shows as the nofailover flag
        state.setFlag(state.myself(), NodeFlag.NOFAILOVER, node.config().replicaNoFailover());

        List<KnownNode> known = state.nodeList();
        List<KnownNode> timedOut = new ArrayList<>();
        for (KnownNode other : known) {
            if (other == state.myself()) {
                continue;
            }
            // A handshake that did not complete in time is forgotten.
            if (other.inHandshake() && now - other.ctime() > handshakeTimeout) {
                timedOut.add(other);
                continue;
            }
            // A node we must MEET, or whose link is down, is (re)contacted every cron run.
            if (other.meetPending() && (other.pingSent() == 0 || !other.linkConnected())) {
                bus.sendPing(node, other, true);
            } else if (!other.linkConnected() && !other.meetPending()) {
                long oldPingSent = other.pingSent();
                bus.sendPing(node, other, false);
                if (oldPingSent != 0) {
                    other.setPingSent(oldPingSent); // a reconnect keeps the pending ping's age
                }
            }
        }

        for (KnownNode gone : timedOut) {
            state.removeNode(gone);
        }

        // Once a second, ping the node with the oldest PONG among five random ones.
        if (iteration % 10 == 0 && known.size() > 1) {
            KnownNode oldest = null;
            for (int i = 0; i < 5; i++) {
                KnownNode candidate = known.get(cluster.random().nextInt(known.size()));
                if (candidate == state.myself() || candidate.inHandshake() || candidate.pingSent() != 0
                        || !candidate.linkConnected()) {
                    continue;
                }
                if (oldest == null || candidate.pongReceived() < oldest.pongReceived()) {
                    oldest = candidate;
                }
            }
            if (oldest != null) {
                bus.sendPing(node, oldest, false);
            }
        }

        for (int i = 0; i < known.size(); i++) { // indexed: this runs N times per node, 10 times a second
            KnownNode other = known.get(i);
            if (other == state.myself() || other.inHandshake() || other.has(NodeFlag.NOADDR)) {
                continue;
            }
            // A link waiting too long for a PONG is dropped; the next cron run reconnects it.
            if (other.linkConnected() && other.pingSent() != 0 && now - other.pingSent() > nodeTimeout / 2
                    && now - other.linkCreateTime() > nodeTimeout) {
                other.setLinkConnected(false);
                other.setLinkCreateTime(now);
            }
            if (other.linkConnected() && other.pingSent() == 0 && now - other.pongReceived() > nodeTimeout / 2) {
                bus.sendPing(node, other, false);
                continue;
            }
            if (other.pingSent() != 0 && now - other.pingSent() > nodeTimeout && !other.has(NodeFlag.PFAIL)
                    && !other.has(NodeFlag.FAIL)) {
                state.setFlag(other, NodeFlag.PFAIL, true);
                if (state.myself().isMaster() && state.size() == 1) {
                    bus.markNodeAsFailingIfNeeded(node, other); // alone: my own opinion is the majority
                }
            }
        }
        if (iteration % 10 == 0) {
            cluster.replication().replicationCron(node);
        }
        bus.failover().handleManualFailover(node);
        bus.failover().handleReplicaFailover(node);
        if (iteration % 10 == 0) {
            // Redis checks every cron run; once a second is enough against its 5 s orphan delay
            // and keeps big simulated clusters fast.
            migration.handle(node);
        }
        state.updateState(node.config());
    }
}
