package org.slotscope.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.node.NodeId;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.NodeSnapshot.Role;

class TrafficModelTest {
    private static final NodeId A = new NodeId("a".repeat(40));
    private static final NodeId B = new NodeId("b".repeat(40));

    @Test
    void aMovedFliesToTheNodeThenBouncesBackLabelled() {
        TrafficModel model = new TrafficModel();
        model.accept(new ClusterEvent.Redirected(5, A, 3, "set", RedirectKind.MOVED, 12182, B, "127.0.0.1:7002"), 0);
        List<Flight> flights = model.active(0);
        assertEquals(2, flights.size());
        Flight out = flights.get(0);
        Flight back = flights.get(1);
        assertEquals(Flight.Kind.REQUEST, out.kind());
        assertNull(out.from());
        assertEquals(A.value(), out.to());
        assertEquals(Flight.Kind.MOVED, back.kind());
        assertEquals(A.value(), back.from());
        assertNull(back.to());
        assertEquals("MOVED 12182 127.0.0.1:7002", back.label());
        assertTrue(back.startNanos() >= out.startNanos() + out.durationNanos(), "the bounce leaves when the request lands");
        assertEquals(0.5, back.progress(back.startNanos() + back.durationNanos() / 2), 1e-9);
        assertEquals(1, model.active(out.startNanos() + out.durationNanos()).size(), "the request landed");
        assertEquals(0, model.active(back.startNanos() + back.durationNanos()).size());
        assertEquals(2, model.recent().size(), "history keeps landed flights");
    }

    @Test
    void askTryagainKeysAndHiddenBusMessages() {
        TrafficModel model = new TrafficModel();
        model.accept(new ClusterEvent.Redirected(0, A, 1, "get", RedirectKind.ASK, 7, B, "127.0.0.1:7001"), 0);
        model.accept(new ClusterEvent.Redirected(0, A, 1, "mget", RedirectKind.UNSTABLE, 7, null, null), 0);
        model.accept(new ClusterEvent.KeysMigrated(0, 1, A, B, 7, 10, "OK"), 0);
        model.accept(new ClusterEvent.BusMessageSent(0, 1, A, B, "PING", true), 0);
        List<Flight.Kind> kinds = model.recent().stream().map(Flight::kind).toList();
        assertEquals(List.of(Flight.Kind.REQUEST, Flight.Kind.ASK, Flight.Kind.REQUEST, Flight.Kind.TRYAGAIN,
                Flight.Kind.KEYS), kinds, "a dropped bus message is not drawn");
        assertEquals("TRYAGAIN", model.recent().get(3).label());
        assertEquals("10 keys", model.recent().get(4).label());
    }

    @Test
    void mastersFaceTheirSlotsAndReplicasSitBesideThem() {
        int[] owners = new int[16384];
        Arrays.fill(owners, 0, 8192, 0);
        Arrays.fill(owners, 8192, 16384, 1);
        ClusterSnapshot snap = new ClusterSnapshot(0, owners, List.of(
                new NodeSnapshot(A.value(), "127.0.0.1:7000", Role.MASTER, null, 8192, 0, 1, 1, true),
                new NodeSnapshot(B.value(), "127.0.0.1:7001", Role.MASTER, null, 8192, 0, 2, 2, true),
                new NodeSnapshot("c".repeat(40), "127.0.0.1:7002", Role.REPLICA, A.value(), 0, 0, 3, 3, true)), true);
        Map<String, NodePlacement.Spot> spots = NodePlacement.place(snap);
        assertEquals(4096, spots.get(A.value()).angleInSlots(), 1e-9);
        assertEquals(12288, spots.get(B.value()).angleInSlots(), 1e-9);
        assertEquals(4096, spots.get("c".repeat(40)).angleInSlots(), 1e-9);
        assertEquals(NodePlacement.REPLICA_RADIUS, spots.get("c".repeat(40)).radius());
    }
}
