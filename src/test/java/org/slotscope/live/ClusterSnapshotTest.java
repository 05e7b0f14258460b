package org.slotscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.live.Topo.A;
import static org.slotscope.live.Topo.ALL;
import static org.slotscope.live.Topo.B;
import static org.slotscope.live.Topo.C;
import static org.slotscope.live.Topo.D;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.node.NodeId;

/** How a snapshot consolidates the views it was built from. */
class ClusterSnapshotTest {
    @Test
    void aReachableNodeIsTrustedAboutItselfAndTheOthersAboutItsFailure() {
        Topo topo = Topo.sixNodes();
        topo.line(B).open = "[5461->-" + C + "]";
        topo.seenBy(A, B, "fail?");
        ClusterSnapshot snapshot = ClusterSnapshot.of(5, List.of(topo.viewOf(A), topo.viewOf(B)),
                Map.of(A, 10L, B, 20L), List.of(new SlotKeys(5461, B, 4)));
        LiveNode b = snapshot.node(B);
        assertTrue(b.reachable());
        assertEquals(Set.of("master", "fail?"), b.flags(), "B's own line has no fail?, A's has");
        assertEquals(Map.of(5461, C), b.migrating(), "open slots only B itself lists");
        assertEquals(20, b.keys());
        assertEquals(2, b.configEpoch());
        assertEquals(Topo.DEFAULT_CURRENT_EPOCH, b.currentEpoch());
        LiveNode c = snapshot.node(C);
        assertFalse(c.reachable());
        assertEquals(-1, c.keys());
        assertEquals(-1, c.currentEpoch());
        assertEquals(10923, c.slots().nextSetBit(0), "an unreachable node as the entry sees it");
        LiveNode d = snapshot.node(D);
        assertEquals(LiveNode.Role.REPLICA, d.role());
        assertEquals(A, d.master());
        assertEquals(6, snapshot.nodes().size());
        assertEquals(30, snapshot.totalKeys());
        assertEquals(4, snapshot.keysInSlot(5461, B));
        assertEquals(-1, snapshot.keysInSlot(5462, B));
        assertEquals("127.0.0.1:7000", snapshot.entry());
        assertEquals(Set.of(A, B), snapshot.viewers());
    }

    @Test
    void ownersFollowTheMastersClaimsAndTheGreaterConfigEpochWinsAConflict() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot snapshot = topo.snapshot(0, ALL);
        NodeId[] owners = snapshot.owners();
        assertEquals(A, owners[0]);
        assertEquals(B, owners[5461]);
        assertEquals(C, owners[16383]);
        // B claims slot 0 with a greater configEpoch while A, unreachable, is still listed with it
        topo.line(B).slots = "0 5461-10922";
        topo.line(B).configEpoch = 9;
        NodeId[] conflict = topo.snapshot(1, B).owners();
        assertEquals(B, conflict[0]);
        topo.line(C).slots = "10923-16382";
        assertNull(topo.snapshot(2, C).owners()[16383]);
    }

    @Test
    void aViewWithoutItselfOrASnapshotWithoutViewsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> NodeView.parse(
                Topo.sixNodes().clusterNodes(A).replace("myself,", ""), null));
        assertThrows(IllegalArgumentException.class, () -> ClusterSnapshot.of(0, List.of()));
    }
}
