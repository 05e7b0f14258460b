package org.slotscope.ui.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.SlotMover;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.NodeLink;

class SimulationSessionTest {
    private SimulationSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    private ClusterSnapshot freshSnapshot() throws Exception {
        // a snapshot built after everything submitted so far: ask until one newer than the request arrives
        ClusterSnapshot before = session.latest();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            session.requestSnapshot();
            ClusterSnapshot now = session.latest();
            if (now != null && now != before) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, "no snapshot");
            Thread.sleep(5);
        }
    }

    @Test
    void replicasHoldTheDemoKeysWhenTheClockStarts() throws Exception {
        session = SimulationSession.start(new ClusterShape(3, 3, 1, 5_000, 15_000), false);
        ClusterSnapshot first = freshSnapshot();
        assertEquals(0, first.virtualTimeMillis());
        long masters = 0;
        long replicas = 0;
        for (NodeSnapshot node : first.nodes()) {
            if (node.isMaster()) {
                masters += node.keyCount();
            } else {
                replicas += node.keyCount();
                NodeSnapshot master = first.nodes().stream().filter(n -> n.id().equals(node.masterId())).findFirst()
                        .orElseThrow();
                assertEquals(master.keyCount(), node.keyCount(), node.address() + " has its master's keys");
            }
        }
        assertEquals(5_000, masters);
        assertEquals(5_000, replicas);
    }

    @Test
    void rewindReplaysTheSeedAndTheJournaledInputsToTheSameState() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(3), false);
        try (NodeLink link = session.connector().connect("127.0.0.1:7001")) {
            assertEquals(Reply.OK, link.send("SET", "{user:1}extra", "x"));
        }
        session.step().get(10, TimeUnit.SECONDS);
        long t1 = session.step().get(10, TimeUnit.SECONDS);
        BitSet slots = new BitSet();
        slots.set(0, 50);
        MoveExecutor.Result moved = new MoveOperation(session.connector()).run("127.0.0.1:7000",
                SlotRangePlanner.forTopology(slots, session.latest().nodes().get(1).id()),
                new SlotMover.Options(10, 60_000, false), p -> { });
        assertEquals(50, moved.slotsMoved());
        long t2 = session.step().get(10, TimeUnit.SECONDS);
        ClusterSnapshot atT2 = freshSnapshot();
        assertEquals(1, atT2.ownerOf(0));
        assertTrue(session.inputs().size() > 100, "the reshard's commands were journaled: " + session.inputs().size());

        assertEquals(t2, session.rewindTo(t2).get(30, TimeUnit.SECONDS));
        ClusterSnapshot replayed = freshSnapshot();
        assertEquals(t2, replayed.virtualTimeMillis());
        assertTrue(atT2.sameTopology(replayed), "replay to t2 differs from the original at t2");
        assertArrayEquals(atT2.keysInSlot(), replayed.keysInSlot());

        // The move ran while the clock stood at t1 (paused), so its inputs carry t1: one millisecond
        // earlier is before it.
        long beforeMove = t1 - 1;
        assertEquals(beforeMove, session.rewindTo(beforeMove).get(30, TimeUnit.SECONDS));
        ClusterSnapshot earlier = freshSnapshot();
        assertEquals(0, earlier.ownerOf(0), "before the move, slot 0 was 7000's");
        assertEquals(2, session.generation());
        List<Input> kept = session.inputs();
        assertTrue(kept.stream().allMatch(i -> i.time() <= beforeMove), "inputs after the rewind point are forked away");
        assertTrue(kept.stream().anyMatch(i -> i instanceof Input.Command), "the SET before it is kept");
    }

    /** After a pause: a snapshot requested before it may still arrive, so wait until two agree on the time. */
    private ClusterSnapshot pausedSnapshot() throws Exception {
        ClusterSnapshot previous = freshSnapshot();
        while (true) {
            ClusterSnapshot next = freshSnapshot();
            if (next.virtualTimeMillis() == previous.virtualTimeMillis()) {
                return next;
            }
            previous = next;
        }
    }

    private WorkloadStats waitForStats(java.util.function.Predicate<WorkloadStats> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            session.requestSnapshot();
            WorkloadStats stats = session.workloadStats();
            if (condition.test(stats)) {
                return stats;
            }
            assertTrue(System.nanoTime() < deadline, what + ": " + stats);
            Thread.sleep(10);
        }
    }

    @Test
    void rewindReplaysTheWorkloadFromItsJournaledStartToTheSameStateAndCounts() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(5), false);
        long beforeWorkload = session.step().get(10, TimeUnit.SECONDS);
        session.startWorkload(new WorkloadSettings(300, 0.5));
        session.play();
        waitForStats(s -> s.ops() > 200, "the workload runs");
        // a reshard while it runs: its clients meet MOVED (and ASK, when a key already moved)
        BitSet slots = new BitSet();
        slots.set(0, 300);
        MoveExecutor.Result moved = new MoveOperation(session.connector()).run("127.0.0.1:7000",
                SlotRangePlanner.forTopology(slots, session.latest().nodes().get(1).id()),
                new SlotMover.Options(10, 60_000, false), p -> { });
        assertEquals(300, moved.slotsMoved());
        waitForStats(s -> s.moved() > 0, "the workload was redirected after the reshard");
        session.pause();
        ClusterSnapshot atT2 = pausedSnapshot();
        long t2 = atT2.virtualTimeMillis();
        WorkloadStats statsAtT2 = session.workloadStats();
        assertTrue(statsAtT2.running());
        assertTrue(session.inputs().stream().noneMatch(i -> i instanceof Input.Command command
                && command.name().equals("GET")), "the workload's requests are not journaled");
        assertEquals(1, session.inputs().stream().filter(i -> i instanceof Input.WorkloadStarted).count());
        List<org.slotscope.client.ClientEvent> hops = session.drainClientEvents(100_000);
        assertTrue(hops.stream().anyMatch(h -> h instanceof org.slotscope.client.ClientEvent.Request), "hops reach the window");
        assertTrue(hops.stream().anyMatch(h -> h instanceof org.slotscope.client.ClientEvent.Moved));
        assertTrue(session.drainEvents(100_000).stream().noneMatch(e -> e instanceof
                org.slotscope.engine.event.ClusterEvent.Redirected), "the workload's redirects come as hops only");

        assertEquals(t2, session.rewindTo(t2).get(60, TimeUnit.SECONDS));
        ClusterSnapshot replayed = freshSnapshot();
        assertEquals(t2, replayed.virtualTimeMillis());
        assertTrue(atT2.sameTopology(replayed), "replay to t2 differs from the original at t2");
        assertArrayEquals(atT2.keysInSlot(), replayed.keysInSlot());
        assertEquals(statsAtT2, session.workloadStats(), "the replayed workload did exactly what the original did");

        // the replayed workload goes on in the new timeline
        session.play();
        waitForStats(s -> s.ops() > statsAtT2.ops() + 100, "the workload runs on after the rewind");
        session.stopWorkload();
        waitForStats(s -> !s.running(), "the workload stops");
        assertTrue(session.inputs().get(session.inputs().size() - 1) instanceof Input.WorkloadStopped);

        // before the workload started (it started while the clock stood at beforeWorkload, so one
        // millisecond earlier): nothing ran, nothing runs
        assertEquals(beforeWorkload - 1, session.rewindTo(beforeWorkload - 1).get(60, TimeUnit.SECONDS));
        assertEquals(WorkloadStats.NONE, session.workloadStats());
    }

    @Test
    void eachBusGroupIsShownOnlyWhenAskedFor() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(6), false);
        session.setBusShown(BusKind.FAIL, true);
        session.step().get(10, TimeUnit.SECONDS);
        session.step().get(10, TimeUnit.SECONDS);
        assertTrue(session.drainEvents(100_000).stream().noneMatch(e -> e instanceof
                org.slotscope.engine.event.ClusterEvent.BusMessageSent), "no gossip unless asked: only FAIL is shown");
        session.setBusShown(BusKind.GOSSIP, true);
        assertTrue(session.busShown(BusKind.GOSSIP) && session.busShown(BusKind.FAIL) && !session.busShown(BusKind.FAILOVER));
        session.play();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.Set<String> types = new java.util.HashSet<>();
        while (!types.contains("ping") && System.nanoTime() < deadline) {
            for (var event : session.drainEvents(10_000)) {
                if (event instanceof org.slotscope.engine.event.ClusterEvent.BusMessageSent bus) {
                    types.add(bus.type());
                }
            }
            Thread.sleep(20);
        }
        assertTrue(types.contains("ping"), "gossip shown once asked for: " + types);
        assertTrue(types.stream().allMatch(t -> BusKind.of(t) == BusKind.GOSSIP), types.toString());
    }

    @Test
    void busMessageTypesFallIntoTheirGroups() {
        assertEquals(BusKind.GOSSIP, BusKind.of("ping"));
        assertEquals(BusKind.GOSSIP, BusKind.of("pong"));
        assertEquals(BusKind.GOSSIP, BusKind.of("meet"));
        assertEquals(BusKind.FAIL, BusKind.of("fail"));
        assertEquals(BusKind.FAILOVER, BusKind.of("auth-req"));
        assertEquals(BusKind.FAILOVER, BusKind.of("auth-ack"));
        assertEquals(BusKind.FAILOVER, BusKind.of("mfstart"));
        assertEquals(BusKind.FAILOVER, BusKind.of("update"));
    }

    @Test
    void workloadSettingsShareTheRateAmongEnoughClients() {
        assertEquals(2, new WorkloadSettings(50, 0.5).clients());
        assertEquals(2, new WorkloadSettings(200, 0.5).clients());
        assertEquals(20, new WorkloadSettings(2000, 0.5).clients());
        assertEquals(50, new WorkloadSettings(5000, 0.5).clients());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings(0, 0.5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings(6000, 0.5));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new WorkloadSettings(10, 1.5));
    }

    @Test
    void aSlotLeftHalfMovedByHandMakesTheGroupWorkloadMeetTryagain() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(7), true);
        // the group {g0}: four keys in one slot, as the workload's MSETs write them
        int slot = org.slotscope.engine.slot.HashSlot.of("{g0}:0");
        ClusterSnapshot first = freshSnapshot();
        int owner = first.ownerOf(slot);
        NodeSnapshot source = first.nodes().get(owner);
        NodeSnapshot target = first.nodes().get((owner + 1) % 3);
        session.startWorkload(new WorkloadSettings(1000, 0.5, org.slotscope.workload.KeyDistribution.GROUPS));
        waitForStats(s -> s.ops() > 1000, "the group workload runs");
        try (NodeLink to = session.connector().connect(target.address());
             NodeLink from = session.connector().connect(source.address())) {
            assertEquals(Reply.OK, from.send("MSET", "{g0}:0", "a", "{g0}:1", "b", "{g0}:2", "c", "{g0}:3", "d"));
            assertEquals(Reply.OK, to.send("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", source.id()));
            assertEquals(Reply.OK, from.send("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", target.id()));
            String host = target.address().substring(0, target.address().indexOf(':'));
            String port = target.address().substring(target.address().indexOf(':') + 1);
            // one key of the four moves: a multi-key command on the group now finds some keys, not all
            Reply moved = from.send("MIGRATE", host, port, "", "0", "5000", "KEYS", "{g0}:0");
            assertEquals(Reply.OK, moved, "MIGRATE of {g0}:0");
        }
        waitForStats(s -> s.tryAgain() > 0, "MGET / MSET of {g0} meet -TRYAGAIN");
        List<org.slotscope.client.ClientEvent> hops = session.drainClientEvents(1_000_000);
        assertTrue(hops.stream().anyMatch(h -> h instanceof org.slotscope.client.ClientEvent.TryAgain t
                && t.slot() == slot), "the TRYAGAIN reaches the window as a hop of that slot");
    }
}
