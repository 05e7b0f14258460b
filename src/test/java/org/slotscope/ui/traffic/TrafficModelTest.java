package org.slotscope.ui.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.client.ClientEvent;
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

    @Test
    void aWorkloadMovedBouncesBackAfterTheRequestLandsThenTheRetryFliesToTheTarget() {
        TrafficModel model = new TrafficModel();
        model.setNodes(Map.of("127.0.0.1:7000", A.value(), "127.0.0.1:7002", B.value()));
        long d = TrafficModel.FLIGHT_NANOS;
        // one operation's hops, all in one frame (a round trip is 2 ms of virtual time)
        model.accept(new ClientEvent.Request(10, "client-0", 1, "127.0.0.1:7000", "SET", 12182, false), 0);
        model.accept(new ClientEvent.Moved(12, "client-0", 1, "127.0.0.1:7000", 12182, "127.0.0.1:7002"), 0);
        model.accept(new ClientEvent.Request(12, "client-0", 1, "127.0.0.1:7002", "SET", 12182, false), 0);
        model.accept(new ClientEvent.Replied(14, "client-0", 1, "127.0.0.1:7002", false), 0);
        List<Flight> flights = model.recent();
        assertEquals(3, flights.size(), "a plain reply is the request landing: " + flights);
        Flight out = flights.get(0);
        Flight bounce = flights.get(1);
        Flight retry = flights.get(2);
        assertEquals(Flight.Kind.REQUEST, out.kind());
        assertNull(out.from());
        assertEquals(A.value(), out.to(), "client hops name nodes by address; flights by id");
        assertEquals(Flight.Kind.MOVED, bounce.kind());
        assertEquals(A.value(), bounce.from());
        assertNull(bounce.to());
        assertEquals("MOVED 12182 \u2192 :7002", bounce.label());
        assertTrue(bounce.labelled());
        assertEquals(d, bounce.startNanos(), "the bounce leaves when the request lands");
        assertEquals(Flight.Kind.MOVED, retry.kind(), "the re-routed request wears the redirect's colour");
        assertEquals(B.value(), retry.to());
        assertEquals(2 * d, retry.startNanos());
        assertFalse(retry.labelled());
        // only what has left is in the air
        assertEquals(1, model.visible(d / 2, TrafficModel.DRAW_BUDGET).inFlight());
        assertEquals(List.of(bounce), model.visible(d + 1, TrafficModel.DRAW_BUDGET).drawn());
        assertEquals(bounce, model.lastBounceOf(Flight.Kind.MOVED));
        assertEquals(retry, model.lastOf(Flight.Kind.MOVED));
        assertEquals(2, model.countOf(Flight.Kind.MOVED));
        // the client's next operation does not wait for the previous one's chain: it leaves as long
        // after the last hop as it was sent after it (8 ms)
        model.accept(new ClientEvent.Request(20, "client-0", 2, "127.0.0.1:7002", "GET", 12182, false), 5);
        assertEquals(10_000_000, model.recent().get(3).startNanos());
    }

    @Test
    void askRetriesWithAskingTryagainWaitsAndFailuresAreLabelled() {
        TrafficModel model = new TrafficModel();
        model.setNodes(Map.of("127.0.0.1:7000", A.value(), "127.0.0.1:7001", B.value()));
        model.accept(new ClientEvent.Request(0, "c1", 1, "127.0.0.1:7000", "GET", 7, false), 0);
        model.accept(new ClientEvent.Ask(2, "c1", 1, "127.0.0.1:7000", 7, "127.0.0.1:7001"), 0);
        model.accept(new ClientEvent.Request(2, "c1", 1, "127.0.0.1:7001", "GET", 7, true), 0);
        model.accept(new ClientEvent.Request(0, "c2", 1, "127.0.0.1:7000", "MSET", 7, false), 0);
        model.accept(new ClientEvent.TryAgain(2, "c2", 1, "127.0.0.1:7000", 7, 20), 0);
        model.accept(new ClientEvent.Request(22, "c2", 1, "127.0.0.1:7000", "MSET", 7, false), 0);
        model.accept(new ClientEvent.Request(0, "c3", 1, "127.0.0.1:7000", "SET", 7, false), 0);
        model.accept(new ClientEvent.Failed(2, "c3", 1, "127.0.0.1:7000", ClientEvent.ErrorKind.CLUSTERDOWN,
                "CLUSTERDOWN The cluster is down"), 0);
        model.accept(new ClientEvent.SlotsRefreshed(3, "c3", "127.0.0.1:7001"), 0);
        List<String> seen = model.recent().stream().map(f -> f.kind() + ":" + f.label()).toList();
        assertEquals(List.of("REQUEST:null", "ASK:ASK 7 \u2192 :7001", "ASK:ASKING", "REQUEST:null",
                "TRYAGAIN:TRYAGAIN", "TRYAGAIN:null", "REQUEST:null", "ERROR:CLUSTERDOWN"), seen);
    }

    @Test
    void aBusyFrameDrawsTheAnswersAndAStableSampleOfRequestsAndCountsTheRest() {
        TrafficModel model = new TrafficModel();
        for (int i = 0; i < 3000; i++) {
            model.accept(new ClientEvent.Request(0, "client-" + (i % 20), i, "127.0.0.1:7000", "GET", i % 16384,
                    false), 0);
        }
        model.accept(new ClientEvent.Request(0, "x", 1, "127.0.0.1:7000", "GET", 1, false), 0);
        model.accept(new ClientEvent.Moved(0, "x", 1, "127.0.0.1:7000", 1, "127.0.0.1:7001"), 0);
        long now = TrafficModel.FLIGHT_NANOS / 2; // every request left at 0: look in the middle of their flight
        TrafficModel.Visible before = model.visible(now, 1000);
        assertEquals(3001, before.inFlight(), "the bounce waits for its request");
        int drawn = before.drawn().size();
        assertTrue(drawn <= 1000 && drawn >= 990, "sampled to the budget (the golden-ratio ranks are even): " + drawn);
        assertEquals(3001 - drawn, before.hidden());
        TrafficModel.Visible again = model.visible(now + 1, 1000);
        assertEquals(before.drawn(), again.drawn(), "the same flights stay drawn from frame to frame");
        TrafficModel.Visible all = model.visible(now, 5000);
        assertEquals(0, all.hidden());
        TrafficModel.Visible withBounce = model.visible(TrafficModel.FLIGHT_NANOS + 1, 10);
        assertEquals(1, withBounce.inFlight(), "only the bounce is still in the air");
        assertEquals(Flight.Kind.MOVED, withBounce.drawn().get(0).kind());
    }

    @Test
    void busMessagesComeInTheirGroupsColoursAndLabels() {
        TrafficModel model = new TrafficModel();
        model.accept(new ClusterEvent.BusMessageSent(0, 1, A, B, "ping", false), 0);
        model.accept(new ClusterEvent.BusMessageSent(0, 1, A, B, "fail", false), 0);
        model.accept(new ClusterEvent.BusMessageSent(0, 1, A, B, "auth-req", false), 0);
        List<Flight> flights = model.recent();
        assertEquals(List.of(Flight.Kind.GOSSIP, Flight.Kind.FAIL, Flight.Kind.FAILOVER),
                flights.stream().map(Flight::kind).toList());
        assertFalse(flights.get(0).labelled(), "gossip flies unlabelled");
        assertEquals("FAIL", flights.get(1).label());
        assertTrue(flights.get(1).labelled());
        assertEquals("AUTH-REQ", flights.get(2).label());
        java.util.Set<javafx.scene.paint.Color> colours = new java.util.HashSet<>();
        for (Flight.Kind kind : Flight.Kind.values()) {
            colours.add(RingOverlayPainter.colorOf(kind));
        }
        assertEquals(Flight.Kind.values().length, colours.size(), "every kind has its own colour");
    }

    @Test
    void requestsThatArriveTogetherLeaveAsFarApartAsTheyWereSent() {
        TrafficModel model = new TrafficModel();
        // one frame drains 100 requests the engine sent 1 ms apart (it ran 100 ms of virtual time at once)
        for (int i = 0; i < 100; i++) {
            model.accept(new ClientEvent.Request(1000 + i, "client-" + i, 1, "127.0.0.1:7000", "GET", 1, false), 0);
        }
        List<Flight> flights = model.recent();
        for (int i = 0; i < 100; i++) {
            assertEquals(i * 1_000_000L, flights.get(i).startNanos());
        }
        // ten times faster: a tenth of the gap; never more than MAX_LAG_NANOS ahead of now
        model.clear();
        model.setSpeed(10);
        model.accept(new ClientEvent.Request(0, "a", 1, "127.0.0.1:7000", "GET", 1, false), 0);
        model.accept(new ClientEvent.Request(5, "b", 1, "127.0.0.1:7000", "GET", 1, false), 0);
        model.accept(new ClientEvent.Request(60_000, "c", 1, "127.0.0.1:7000", "GET", 1, false), 0);
        assertEquals(500_000, model.recent().get(1).startNanos());
        assertEquals(TrafficModel.MAX_LAG_NANOS, model.recent().get(2).startNanos());
        // a frame later, behind the clock: they leave now
        model.accept(new ClientEvent.Request(60_001, "d", 1, "127.0.0.1:7000", "GET", 1, false), 2_000_000_000L);
        assertEquals(2_000_000_000L, model.recent().get(3).startNanos());
    }
}
