package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;

/**
 * Reshard, move-slots and rebalance with keys, slot by slot and in batches, on the simulator and on
 * a real cluster (the same test bodies); a cancel that leaves nothing open; a broken cluster refused.
 */
class MoveOperationTest {
    private static final int KEYS = 300;

    /** Three masters with {@value KEYS} keys loaded through MOVED redirects. */
    private record Fixture(Connector connect, List<String> addresses, List<NodeLink> links, List<String> ids) {
        static Fixture load(Connector connect, List<String> addresses) {
            List<NodeLink> links = new ArrayList<>();
            addresses.forEach(a -> links.add(connect.connect(a)));
            for (int i = 0; i < KEYS; i++) {
                Reply reply = links.get(0).send("SET", "k" + i, "v" + i);
                if (reply instanceof Reply.Error moved && moved.message().startsWith("MOVED")) {
                    String to = moved.message().split(" ")[2];
                    reply = links.get(addresses.indexOf(to)).send("SET", "k" + i, "v" + i);
                }
                assertEquals("OK", text(reply));
            }
            List<String> ids = links.stream().map(l -> text(l.send("CLUSTER", "MYID"))).toList();
            return new Fixture(connect, addresses, links, ids);
        }

        MoveExecutor.Result run(MoveOperation.Plan plan, int batch, Consumer<MoveProgress> progress) {
            return run(plan, batch, 1, progress);
        }

        MoveExecutor.Result run(MoveOperation.Plan plan, int batch, int parallel, Consumer<MoveProgress> progress) {
            return new MoveOperation(connect).run(addresses.get(0), plan,
                    new SlotMover.Options(10, 5000, false, batch, parallel), progress);
        }

        /** No key lost, every node agrees, nothing open. */
        void assertIntact() {
            long total = 0;
            List<List<NodeEntry>> views = new ArrayList<>();
            for (NodeLink link : links) {
                total += ((Reply.IntegerReply) link.send("DBSIZE")).value();
                views.add(ClusterNodesParser.parse(text(link.send("CLUSTER", "NODES"))));
            }
            assertEquals(KEYS, total, "no key lost");
            ClusterCheck.Report report = ClusterCheck.check(views);
            assertTrue(report.clean(), report.toString());
        }

        /** The slots each master reports as its own, by index. */
        int slotsOf(int index) {
            for (NodeEntry e : ClusterNodesParser.parse(text(links.get(index).send("CLUSTER", "NODES")))) {
                if (e.isMyself()) {
                    return e.slots().cardinality();
                }
            }
            throw new AssertionError("no myself line");
        }

        void close() {
            links.forEach(NodeLink::close);
        }
    }

    private static void reshard(Fixture f, int batch, int parallel) {
        List<MoveProgress> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        MoveExecutor.Result result = f.run(ReshardPlanner.forTopology(List.of(), f.ids().get(0), 1000), batch,
                parallel, seen::add);
        assertFalse(result.cancelled());
        assertEquals(1000, result.slotsMoved());
        assertEquals(1000, seen.get(seen.size() - 1).slotsDone());
        assertEquals(5461 + 1000, f.slotsOf(0));
        assertEquals(result.keysMoved(), seen.get(seen.size() - 1).keysDone(), "progress ends at the totals");
        f.assertIntact();
    }

    /** Chosen slots move from whoever owns them; slots the target has stay put. */
    private static void moveSlots(Fixture f, int batch) {
        BitSet chosen = SlotRanges.parse("0-9,5461,12182");
        MoveExecutor.Result result = f.run(SlotRangePlanner.forTopology(chosen, f.ids().get(2)), batch, p -> {
        });
        assertEquals(11, result.slotsMoved());
        for (int slot : new int[] {0, 9, 5461, 12182}) {
            for (NodeLink link : f.links()) {
                String owner = ownerOf(link, slot);
                assertEquals(f.ids().get(2), owner, "every node says slot " + slot + " is the third master's");
            }
        }
        f.assertIntact();
    }

    private static String ownerOf(NodeLink link, int slot) {
        for (NodeEntry e : ClusterNodesParser.parse(text(link.send("CLUSTER", "NODES")))) {
            if (e.isMaster() && e.slots().get(slot)) {
                return e.id();
            }
        }
        return null;
    }

    /** After a reshard skews the cluster, rebalance evens it out to within the threshold. */
    private static void rebalance(Fixture f) {
        f.run(ReshardPlanner.forTopology(List.of(), f.ids().get(0), 3000), 64, p -> {
        });
        MoveExecutor.Result result = f.run(topology -> {
            List<RebalancePlanner.Transfer> transfers = RebalancePlanner.plan(
                    RebalancePlanner.involved(topology, false), Map.of(), 2);
            return transfers.stream().flatMap(t -> t.moves().stream()).toList();
        }, 64, 4, p -> {
        });
        assertTrue(result.slotsMoved() > 2500, "moved " + result.slotsMoved());
        for (int i = 0; i < 3; i++) {
            int slots = f.slotsOf(i);
            assertTrue(Math.abs(slots - 5461) <= 2, "master " + i + " holds " + slots);
        }
        f.assertIntact();
    }

    /** A slot left importing by hand: the operation refuses to start, as redis-cli does. */
    private static void refusesABrokenCluster(Fixture f) {
        assertEquals("OK", text(f.links().get(0).send("CLUSTER", "SETSLOT", "12182", "IMPORTING", f.ids().get(2))));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> f.run(ReshardPlanner.forTopology(List.of(), f.ids().get(0), 10), 1, p -> {
                }));
        assertTrue(refused.getMessage().contains("Please fix your cluster problems"), refused.getMessage());
        assertEquals("OK", text(f.links().get(0).send("CLUSTER", "SETSLOT", "12182", "STABLE")));
        f.assertIntact();
    }

    private static Fixture simulated(EngineLoop loop) {
        List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
        return Fixture.load(SimLink.connector(loop), nodes.stream().map(ClusterNode::address).toList());
    }

    private static void onSimulator(Consumer<Fixture> body) {
        try (EngineLoop loop = new EngineLoop(new SimCluster(8), "move-test")) {
            Fixture f = simulated(loop);
            body.accept(f);
            f.close();
        }
    }

    private static void onRealCluster(Consumer<Fixture> body) throws Exception {
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<String> addresses = List.of("127.0.0.1:" + real.port(0), "127.0.0.1:" + real.port(1),
                    "127.0.0.1:" + real.port(2));
            Fixture f = Fixture.load(JedisLink.connector(ConnectOptions.timeout(5000)), addresses);
            body.accept(f);
            f.close();
        }
    }

    @Test
    void aReshardSlotBySlotOnTheSimulator() {
        onSimulator(f -> reshard(f, 1, 1));
    }

    @Test
    void aReshardInBatchesOnTheSimulator() {
        onSimulator(f -> reshard(f, 64, 1));
    }

    @Test
    void sourcesMoveInParallelLanesOnTheSimulator() {
        onSimulator(f -> reshard(f, 16, 4));
    }

    /** Every SETSLOT and MIGRATE the operation sends comes out as an event, in each slot's order. */
    private static void eventsFollowEachSlot(Fixture f, int batch, int parallel) {
        List<org.slotscope.engine.event.ClusterEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        MoveExecutor.Result result = new MoveOperation(f.connect()).onEvents(events::add).run(f.addresses().get(0),
                ReshardPlanner.forTopology(List.of(), f.ids().get(0), 200),
                new SlotMover.Options(10, 5000, false, batch, parallel), p -> {
                });
        long migratedKeys = events.stream().filter(e -> e instanceof org.slotscope.engine.event.ClusterEvent.KeysMigrated)
                .mapToLong(e -> ((org.slotscope.engine.event.ClusterEvent.KeysMigrated) e).keys()).sum();
        assertEquals(result.keysMoved(), migratedKeys);
        assertTrue(result.keysMoved() > 0, "some of the keys lived in the moved slots");
        Map<Integer, List<String>> perSlot = new java.util.TreeMap<>();
        for (org.slotscope.engine.event.ClusterEvent e : events) {
            if (e instanceof org.slotscope.engine.event.ClusterEvent.SlotMigrationStateChanged c) {
                perSlot.computeIfAbsent(c.slot(), k -> new ArrayList<>()).add(c.state().name());
            } else if (e instanceof org.slotscope.engine.event.ClusterEvent.SlotsAssigned a) {
                perSlot.computeIfAbsent(a.firstSlot(), k -> new ArrayList<>())
                        .add(a.viewer().value().equals(f.ids().get(0)) ? "NODE@target" : "NODE");
            }
        }
        assertEquals(200, perSlot.size());
        perSlot.values().forEach(steps -> assertEquals(List.of("IMPORTING", "MIGRATING", "NODE@target", "NODE", "NODE"),
                steps));
        f.assertIntact();
    }

    @Test
    void movesReportTheirStepsAsEvents() {
        onSimulator(f -> eventsFollowEachSlot(f, 1, 1));
        onSimulator(f -> eventsFollowEachSlot(f, 32, 4));
    }

    @Test
    void aPausedMoveMovesNothingUntilResumed() {
        onSimulator(f -> {
            MoveOperation operation = new MoveOperation(f.connect());
            List<MoveProgress> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CompletableFuture<MoveExecutor.Result> run = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> operation.run(f.addresses().get(0),
                            ReshardPlanner.forTopology(List.of(), f.ids().get(0), 200),
                            new SlotMover.Options(10, 5000, false, 10), p -> {
                                seen.add(p);
                                if (p.slotsDone() == 50 && paused.getCount() > 0) {
                                    operation.control().pause();
                                    paused.countDown();
                                }
                            }));
            try {
                assertTrue(paused.await(30, java.util.concurrent.TimeUnit.SECONDS));
                int before = seen.size();
                Thread.sleep(300); // a wall-clock window: a paused move must not report any progress in it
                assertEquals(before, seen.size(), "nothing moves while paused");
                assertFalse(run.isDone());
                assertTrue(operation.control().isPaused());
                operation.control().resume();
                MoveExecutor.Result result = run.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(200, result.slotsMoved());
                assertFalse(result.cancelled());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            f.assertIntact();
        });
    }

    @Test
    void aCancelledReshardStopsBetweenBatchesAndLeavesNothingOpen() {
        for (int batch : new int[] {1, 4}) {
            onSimulator(f -> {
                MoveOperation operation = new MoveOperation(f.connect());
                MoveExecutor.Result result = operation.run(f.addresses().get(0),
                        ReshardPlanner.forTopology(List.of(), f.ids().get(0), 1000),
                        new SlotMover.Options(10, 5000, false, batch), p -> {
                            if (p.slotsDone() >= 5) {
                                operation.cancel();
                            }
                        });
                assertTrue(result.cancelled());
                assertEquals(batch == 1 ? 5 : 8, result.slotsMoved(), "stops after the batch in progress");
                f.assertIntact();
            });
        }
    }

    @Test
    void chosenSlotsMoveOnTheSimulator() {
        onSimulator(f -> moveSlots(f, 64));
    }

    @Test
    void rebalanceEvensOutTheSimulator() {
        onSimulator(MoveOperationTest::rebalance);
    }

    @Test
    void aBrokenSimulatedClusterIsRefused() {
        onSimulator(MoveOperationTest::refusesABrokenCluster);
    }

    @Test
    void aMasterThatGivesAwayItsLastSlotsInABatchTurnsReplicaWithoutAnError() {
        onSimulator(f -> {
            MoveExecutor.Result result = f.run(SlotRangePlanner.forTopology(SlotRanges.parse("5461-10922"),
                    f.ids().get(0)), 64, p -> {
                    });
            assertEquals(5462, result.slotsMoved());
            assertTrue(text(f.links().get(1).send("CLUSTER", "NODES")).contains("myself,slave " + f.ids().get(0)),
                    "the emptied master follows the new owner, as in Redis 7.0");
            f.assertIntact();
        });
    }

    @Test
    void reshardMoveSlotsRebalanceAndRefusalOnARealCluster() throws Exception {
        onRealCluster(f -> {
            reshard(f, 64, 4);
            moveSlots(f, 16);
            eventsFollowEachSlot(f, 32, 4);
            refusesABrokenCluster(f);
        });
    }

    @Test
    void rebalanceOnARealCluster() throws Exception {
        onRealCluster(MoveOperationTest::rebalance);
    }
}
