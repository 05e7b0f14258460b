package org.slotscope.ui.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;

class SnapshotBuilderTest {
    @Test
    void readyClusterSnapshotHasThreeMastersOwningRedisCliRangesAndThreeReplicas() {
        SimCluster cluster = new SimCluster(7);
        List<ClusterNode> created = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        cluster.runFor(1_500);
        ClusterSnapshot snap = SnapshotBuilder.build(cluster);

        assertEquals(1_500, snap.virtualTimeMillis());
        assertEquals(3, snap.masterCount());
        assertEquals(3, snap.replicaCount());
        assertTrue(snap.clusterOk());
        assertEquals(0, snap.ownerOf(0));
        assertEquals(0, snap.ownerOf(5460));
        assertEquals(1, snap.ownerOf(5461));
        assertEquals(1, snap.ownerOf(6000));
        assertEquals(2, snap.ownerOf(12000));
        assertEquals(2, snap.ownerOf(16383));

        NodeSnapshot master = snap.nodes().get(0);
        assertEquals("127.0.0.1:7000", master.address());
        assertEquals(created.get(0).id().value(), master.id());
        assertEquals(5461, master.slotCount());
        assertEquals(1, master.configEpoch());
        assertEquals(6, master.currentEpoch());
        assertNull(master.masterId());
        NodeSnapshot replica = snap.nodes().get(3);
        assertEquals(NodeSnapshot.Role.REPLICA, replica.role());
        assertEquals(created.get(0).id().value(), replica.masterId());
        assertEquals(0, replica.slotCount());
    }

    @Test
    void snapshotIsNotChangedByLaterEngineWork() {
        SimCluster cluster = new SimCluster(7);
        List<ClusterNode> created = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        ClusterSnapshot before = SnapshotBuilder.build(cluster);
        int[] leaked = before.slotOwner();
        leaked[0] = 2;
        created.get(0).state().assignSlots(0, 99, created.get(0).state().lookup(created.get(1).id()));
        cluster.stopNode(created.get(5), "test");

        assertEquals(0, before.ownerOf(0));
        assertTrue(before.nodes().get(5).running());
        ClusterSnapshot after = SnapshotBuilder.build(cluster);
        assertNotEquals(before.nodes().get(5).running(), after.nodes().get(5).running());
        assertTrue(!after.sameTopology(before));
    }
}
