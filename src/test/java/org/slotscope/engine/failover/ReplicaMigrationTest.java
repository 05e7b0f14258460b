package org.slotscope.engine.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;

/** After tests/cluster/tests/07-replica-migration.tcl: a spare replica moves to an orphaned master. */
class ReplicaMigrationTest {
    private static final long NODE_TIMEOUT = 2000;

    private SimCluster cluster;
    private List<ClusterNode> nodes;
    private ClusterNode spare;

    /** 3 masters with one replica each, and a fourth node that becomes a second replica of the first. */
    private void build(NodeConfig config) {
        cluster = new SimCluster(21, config, new EventLog());
        nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        spare = cluster.startNode("127.0.0.1", 7006);
        cluster.meetAll(new ArrayList<>(cluster.nodes()));
        cluster.becomeReplicaOf(spare, nodes.get(0).id());
        cluster.runFor(10_000);
        assertEquals(2, nodes.get(1).state().replicasOf(nodes.get(1).state().lookup(nodes.get(0).id())).size(),
                "everyone knows the first master has two replicas");
    }

    private static KnownNode masterOf(ClusterNode viewer, ClusterNode replica) {
        return viewer.state().lookup(replica.id()).master();
    }

    @Test
    void aReplicaOfTheRichestMasterMovesToAnOrphanedOne() {
        build(new NodeConfig().nodeTimeout(NODE_TIMEOUT));
        ClusterNode b = nodes.get(1);
        ClusterNode replicaOfB = nodes.get(4);
        cluster.stopNode(replicaOfB, "crash");
        cluster.runFor(NODE_TIMEOUT * 3 + ReplicaMigration.MIGRATION_DELAY_MILLIS + 5000);

        List<ClusterEvent.ReplicaMigrated> moves = cluster.events().recent(ClusterEvent.ReplicaMigrated.class);
        assertEquals(1, moves.size(), "exactly one replica migrates");
        ClusterEvent.ReplicaMigrated move = moves.get(0);
        assertEquals(nodes.get(0).id(), move.from());
        assertEquals(b.id(), move.to());
        ClusterNode migrated = cluster.node(move.replica());
        ClusterNode stayed = migrated == spare ? nodes.get(3) : spare;
        assertTrue(migrated.id().compareTo(stayed.id()) < 0, "the candidate is the smaller node id");
        for (ClusterNode viewer : List.of(nodes.get(0), b, nodes.get(2))) {
            assertEquals(b.id(), masterOf(viewer, migrated).id(), viewer + " sees the move");
            assertEquals(nodes.get(0).id(), masterOf(viewer, stayed).id());
        }
    }

    @Test
    void noMigrationWhenReplicaMigrationIsOff() {
        build(new NodeConfig().nodeTimeout(NODE_TIMEOUT).allowReplicaMigration(false));
        cluster.stopNode(nodes.get(4), "crash");
        cluster.runFor(NODE_TIMEOUT * 3 + ReplicaMigration.MIGRATION_DELAY_MILLIS + 5000);
        assertTrue(cluster.events().recent(ClusterEvent.ReplicaMigrated.class).isEmpty());
    }

    @Test
    void theBarrierKeepsTheLastReplicasWhereTheyAre() {
        // cluster-migration-barrier 2: the first master would be left with one replica, so nobody moves
        build(new NodeConfig().nodeTimeout(NODE_TIMEOUT).migrationBarrier(2));
        cluster.stopNode(nodes.get(4), "crash");
        cluster.runFor(NODE_TIMEOUT * 3 + ReplicaMigration.MIGRATION_DELAY_MILLIS + 5000);
        assertTrue(cluster.events().recent(ClusterEvent.ReplicaMigrated.class).isEmpty());
    }
}
