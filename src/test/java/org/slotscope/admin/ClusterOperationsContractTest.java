package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.admin.MembershipFixtures.engineClock;
import static org.slotscope.testsupport.ClusterViews.keysOnMasters;
import static org.slotscope.admin.MembershipFixtures.loadKeys;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.ClusterViews;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedirectingWriter;

/**
 * The operations' contract: one scenario, run against the simulator and against real redis-servers
 * started by the test, through the same code: create, add-node, reshard under concurrent writes,
 * rebalance (by weight, then emptying the new master), del-node, then check and fix after a reshard
 * killed in the middle of a slot. The sum of the keys over the masters is the same after every step,
 * and every write acknowledged during the reshard reads back.
 */
class ClusterOperationsContractTest {
    private static final int KEYS = 2000;

    /** Where the scenario runs: fresh cluster-enabled nodes, and a way to let gossip settle. */
    private interface Backend {
        Connector connector();

        /** Fresh nodes: 6 for create, then 1 spare for add-node. */
        List<String> addresses();

        Sleeper sleeper();
    }

    private static void scenario(Backend backend) throws InterruptedException {
        Connector connect = backend.connector();
        List<String> nodes = backend.addresses();
        String entry = nodes.get(0);
        List<String> log = new ArrayList<>();

        // create: 3 masters, 1 replica each
        ClusterCreate.Result created = new ClusterCreate(connect, backend.sleeper(), 60_000, new Random(1))
                .run(nodes.subList(0, 6), 1, log::add);
        assertTrue(created.check().errors().isEmpty(), created.check().toString());
        loadKeys(connect, entry, KEYS);
        assertEquals(KEYS, keysOnMasters(connect, entry), "after load");

        // add-node as a master; it returns once every node has accepted it
        AddNodeOperation.Result added = new AddNodeOperation(connect, backend.sleeper(), 60_000)
                .run(nodes.get(6), entry, false, null, log::add);
        String newId = added.id();
        assertEquals(KEYS, keysOnMasters(connect, entry), "after add-node");

        // reshard 4096 slots into it while a client keeps overwriting keys
        List<String> hot = new ArrayList<>();
        for (int i = 0; i < KEYS; i += 10) {
            hot.add("k" + i);
        }
        try (RedirectingWriter writer = RedirectingWriter.start(connect, entry, hot)) {
            MoveExecutor.Result resharded = new MoveOperation(connect).reshard(entry, List.of(), newId, 4096,
                    new SlotMover.Options(10, 10_000, false, 64, 4), p -> {
                    });
            assertEquals(4096, resharded.slotsMoved());
            long writes = writer.stop();
            assertTrue(writes > 0, "the writer wrote during the reshard");
            assertTrue(writer.redirects() > 0, "moved keys were followed through MOVED or ASK");
            writer.verify();
        }
        assertEquals(KEYS, keysOnMasters(connect, entry), "after reshard");
        ClusterViews.awaitClean(connect, entry, backend.sleeper(), 0);

        // rebalance with the new master weighing 2, then 0 (which empties it)
        for (double weight : new double[] {2.0, 0.0}) {
            MoveExecutor.Result rebalanced = new MoveOperation(connect).run(entry, topology ->
                    RebalancePlanner.plan(RebalancePlanner.involved(topology, true), Map.of(newId, weight), 2).stream()
                            .flatMap(t -> t.moves().stream()).toList(),
                    new SlotMover.Options(10, 10_000, false, 64, 4), p -> {
                    });
            assertTrue(rebalanced.slotsMoved() > 0, "weight " + weight + " moves slots");
            assertEquals(KEYS, keysOnMasters(connect, entry), "after rebalance to weight " + weight);
            ClusterViews.awaitClean(connect, entry, backend.sleeper(), 0);
        }
        try (NodeLink link = connect.connect(nodes.get(6))) {
            assertTrue(myself(link).slots().isEmpty(), "weight 0 took every slot away");
        }

        // del-node: the emptied node leaves; everyone forgets it
        new DelNodeOperation(connect).run(entry, newId, log::add);
        assertEquals(KEYS, keysOnMasters(connect, entry), "after del-node");
        ClusterViews.awaitClean(connect, entry, backend.sleeper(), 0);
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            assertEquals(6, topology.nodes().size());
            topology.views().forEach(view -> assertFalse(view.stream().anyMatch(e -> e.id().equals(newId)),
                    "a node still knows the deleted one"));
        }

        killedReshardThenCheckAndFix(connect, entry, backend.sleeper(), log);
    }

    /**
     * A reshard killed in the middle of a slot: IMPORTING and MIGRATING set, half of the slot's keys
     * moved. check reports it; fix closes it; nothing is lost and every key of the slot ends on one node.
     */
    private static void killedReshardThenCheckAndFix(Connector connect, String entry, Sleeper sleeper,
                                                     List<String> log) {
        int slot = HashSlot.of("k0");
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            ClusterTopology.Node source = topology.masters().stream().filter(m -> m.self().slots().get(slot))
                    .findFirst().orElseThrow();
            ClusterTopology.Node target = topology.masters().stream().filter(m -> m != source).findFirst()
                    .orElseThrow();
            for (int i = 0; i < 20; i++) {
                assertEquals("OK", text(source.link().send("SET", "{k0}" + i, "v")));
            }
            String s = String.valueOf(slot);
            assertEquals("OK", text(
                    target.link().send("CLUSTER", "SETSLOT", s, "IMPORTING", source.id())));
            assertEquals("OK", text(
                    source.link().send("CLUSTER", "SETSLOT", s, "MIGRATING", target.id())));
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", target.self().host(),
                    String.valueOf(target.self().port()), "", "0", "5000", "KEYS"));
            for (int i = 0; i < 10; i++) {
                migrate.add("{k0}" + i);
            }
            assertEquals("OK", text(source.link().send(migrate.toArray(new String[0]))));
        }
        long keys = KEYS + 20;
        assertEquals(keys, keysOnMasters(connect, entry), "after the killed reshard");

        List<String> checked = new ArrayList<>();
        ClusterCheckOperation.Result check = new ClusterCheckOperation(connect).run(entry, false, checked::add);
        assertFalse(check.clean(), "check reports the open slot");
        assertTrue(checked.stream().anyMatch(l -> l.contains("The following slots are open: " + slot)),
                String.join("\n", checked));

        ClusterFix.Result fixed = new ClusterFix(connect).run(entry, ClusterFix.Options.DEFAULTS, ClusterFix.Confirm.YES,
                log::add);
        assertTrue(fixed.ok(), String.join("\n", log));
        assertEquals(keys, fixed.keysBefore());
        assertEquals(keys, fixed.keysAfter());
        assertEquals(keys, keysOnMasters(connect, entry), "after fix");
        ClusterViews.awaitClean(connect, entry, sleeper, 0);
        assertTrue(new ClusterCheckOperation(connect).run(entry, false, l -> { }).clean(), "check is clean after fix");
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            long holders = topology.masters().stream().filter(m -> ((Reply.IntegerReply)
                    m.link().send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot))).value() > 0).count();
            assertEquals(1, holders, "every key of the slot on one node");
        }
    }

    private static NodeEntry myself(NodeLink link) {
        return ClusterTopology.clusterNodes(link).stream().filter(NodeEntry::isMyself).findFirst().orElseThrow();
    }

    @Test
    void onTheSimulator() throws InterruptedException {
        try (EngineLoop loop = new EngineLoop(new SimCluster(21), "contract-test")) {
            List<String> addresses = new ArrayList<>();
            loop.call(c -> {
                for (int i = 0; i < 7; i++) {
                    addresses.add(c.startNode("127.0.0.1", 7000 + i).address());
                }
                return null;
            }).join();
            scenario(new Backend() {
                @Override
                public Connector connector() {
                    return SimLink.connector(loop);
                }

                @Override
                public List<String> addresses() {
                    return addresses;
                }

                @Override
                public Sleeper sleeper() {
                    return engineClock(loop);
                }
            });
        }
    }

    @Test
    void onARealCluster() throws Exception {
        try (RealCluster real = RealCluster.startEmpty("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1",
                "127.0.0.1", "127.0.0.1", "127.0.0.1")) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                addresses.add(real.address(i));
            }
            scenario(new Backend() {
                @Override
                public Connector connector() {
                    return JedisLink.connector(ConnectOptions.timeout(10_000));
                }

                @Override
                public List<String> addresses() {
                    return addresses;
                }

                @Override
                public Sleeper sleeper() {
                    return Sleeper.REAL;
                }
            });
        }
    }
}
