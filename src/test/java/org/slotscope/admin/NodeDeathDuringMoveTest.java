package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.admin.MembershipFixtures.engineClock;
import static org.slotscope.testsupport.ClusterViews.keysOnMasters;
import static org.slotscope.admin.MembershipFixtures.loadKeys;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.ClusterViews;
import org.slotscope.testsupport.RealCluster;

/**
 * The source master dies in the middle of a move: the operation stops with a message naming the
 * node, check reports the slot it left open, and once the replica has taken over, fix closes it with
 * no key lost. The same body on the simulator and on real redis-servers.
 */
class NodeDeathDuringMoveTest {
    private static final int KEYS = 3000;

    private interface Killer {
        void kill(int index) throws Exception;
    }

    private static void scenario(Connector connect, List<String> addresses, Sleeper sleeper, Killer killer)
            throws Exception {
        String entry = addresses.get(0);
        loadKeys(connect, entry, KEYS);
        sleeper.sleep(2000); // replicas stream the writes in (on the simulator, virtual time must run)
        String targetId;
        try (NodeLink link = connect.connect(entry)) {
            targetId = text(link.send("CLUSTER", "MYID"));
        }
        String source = addresses.get(1);
        RuntimeException stopped = assertThrows(RuntimeException.class, () -> new MoveOperation(connect).run(entry,
                SlotRangePlanner.forTopology(SlotRanges.parse("5461-7000"), targetId),
                new SlotMover.Options(10, 5000, false, 1, 1), p -> {
                    if (p.slotsDone() == 20) {
                        try {
                            killer.kill(1);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
        assertTrue(stopped.getMessage().contains(source), "names the dead node: " + stopped.getMessage());

        List<String> checked = new ArrayList<>();
        assertFalse(new ClusterCheckOperation(connect).run(entry, false, checked::add).clean());
        assertTrue(checked.stream().anyMatch(l -> l.contains("has slots in importing state 5481")),
                "check names the slot left open:\n" + String.join("\n", checked));

        awaitFailover(connect, entry, source, sleeper);
        // The target still says the dead node owns the slot it was importing (a node does not take a
        // new owner from gossip for a slot it imports: clusterUpdateSlotsConfigWith), and the dead
        // master is still listed, flagged fail, so fix wants to be told that an unreachable master is
        // expected: as with redis-cli, --fix-with-unreachable-masters.
        List<String> log = new ArrayList<>();
        ClusterFix.Result refused = new ClusterFix(connect).run(entry, ClusterFix.Options.DEFAULTS,
                ClusterFix.Confirm.YES, log::add);
        assertFalse(refused.ok());
        assertTrue(log.stream().anyMatch(l -> l.contains("--fix-with-unreachable-masters")), String.join("\n", log));
        log.clear();
        // The replica may also still hold keys its master had just migrated away when it died (the
        // DELs were on the wire): copies in slots it does not own, which --search-multiple-owners finds
        // and merges (the same value on both sides).
        ClusterFix.Result fixed = new ClusterFix(connect).run(entry, ClusterFix.Options.DEFAULTS
                .withFixWithUnreachableMasters(true).withSearchMultipleOwners(true), ClusterFix.Confirm.YES, log::add);
        assertTrue(fixed.ok(), String.join("\n", log));
        ClusterViews.awaitClean(connect, entry, sleeper, 0); // the dead master stays listed
        assertEquals(KEYS, keysOnMasters(connect, entry), "no key lost:\n" + String.join("\n", log));
    }

    /** Until every node sees a live master owning the dead source's slots again (its replica, elected). */
    private static void awaitFailover(Connector connect, String entry, String dead, Sleeper sleeper) {
        for (int i = 0; i < 300; i++) {
            try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
                // every reachable node must have heard: fix run on a half-told cluster fails its repairs
                boolean covered = topology.views().stream().allMatch(view -> view.stream().anyMatch(e ->
                        e.isMaster() && !e.isFailing() && !e.address().equals(dead) && e.slots().get(7000)));
                if (covered) {
                    return;
                }
            }
            sleeper.sleep(200);
        }
        throw new AssertionError("no replica took over from " + dead);
    }

    @Test
    void onTheSimulator() throws Exception {
        try (EngineLoop loop = new EngineLoop(new SimCluster(5), "death-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 1)).join();
            List<String> addresses = nodes.stream().map(ClusterNode::address).toList();
            scenario(SimLink.connector(loop), addresses, engineClock(loop), index -> loop.call(c -> {
                c.stopNode(nodes.get(index), "crash");
                return null;
            }).join());
        }
    }

    @Test
    void onARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                addresses.add("127.0.0.1:" + real.port(i));
            }
            Connector connect = JedisLink.connector(ConnectOptions.timeout(3000));
            awaitReplicasInSync(connect, addresses);
            scenario(connect, addresses, Sleeper.REAL, real::stop);
        }
    }

    /** A real replica that never finished its first sync cannot be elected. */
    private static void awaitReplicasInSync(Connector connect, List<String> addresses) throws InterruptedException {
        for (String address : addresses) {
            try (NodeLink link = connect.connect(address)) {
                for (int i = 0; i < 100; i++) {
                    String info = text(link.send("INFO", "replication"));
                    if (info.contains("role:master") || info.contains("master_link_status:up")) {
                        break;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }
}
