package org.slotscope.engine.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.node.NodeFlag;

/** The cluster bus on the virtual clock: nodes meet, learn each other and agree on slots. */
class ClusterBusTest {
    private final SimCluster cluster = new SimCluster(5, new NodeConfig().nodeTimeout(2000),
            new org.slotscope.engine.event.EventLog());

    private Reply run(ClusterNode node, String... words) {
        return cluster.execute(node, cluster.connect(node, "test"), words);
    }

    private List<ClusterNode> emptyNodes(int count) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(cluster.startNode("127.0.0.1", 7000 + i));
        }
        return nodes;
    }

    /** What redis-cli --cluster create does before it waits for the join. */
    private List<ClusterNode> joinedMasters(int count) {
        List<ClusterNode> nodes = emptyNodes(count);
        int[][] ranges = SimCluster.splitSlots(count);
        for (int i = 0; i < count; i++) {
            assertEquals(Reply.OK, run(nodes.get(i), "CLUSTER", "ADDSLOTSRANGE", String.valueOf(ranges[i][0]),
                    String.valueOf(ranges[i][1])));
            assertEquals(Reply.OK, run(nodes.get(i), "CLUSTER", "SET-CONFIG-EPOCH", String.valueOf(i + 1)));
        }
        for (int i = 1; i < count; i++) {
            assertEquals(Reply.OK, run(nodes.get(i), "CLUSTER", "MEET", "127.0.0.1", "7000"));
        }
        cluster.runFor(5000);
        return nodes;
    }

    private static boolean knowsAll(ClusterNode viewer, List<ClusterNode> nodes) {
        for (ClusterNode n : nodes) {
            KnownNode known = viewer.state().lookup(n.id());
            if (known == null || known.inHandshake()) {
                return false;
            }
        }
        return viewer.state().nodes().size() == nodes.size();
    }

    @Test
    void meetHandshakeGivesBothNodesTheRealNames() {
        List<ClusterNode> nodes = emptyNodes(2);
        assertEquals(Reply.OK, run(nodes.get(0), "CLUSTER", "MEET", "127.0.0.1", "7001"));
        String before = ((Reply.VerbatimString) run(nodes.get(0), "CLUSTER", "NODES")).text();
        assertTrue(before.contains(" handshake - 0 0 0 disconnected"), before);
        cluster.runFor(500);
        assertTrue(knowsAll(nodes.get(0), nodes));
        assertTrue(knowsAll(nodes.get(1), nodes));
        assertFalse(((Reply.VerbatimString) run(nodes.get(0), "CLUSTER", "NODES")).text().contains("handshake"));
    }

    @Test
    void gossipIntroducesNodesThatNeverMet() {
        List<ClusterNode> nodes = joinedMasters(5);
        for (ClusterNode viewer : nodes) {
            assertTrue(knowsAll(viewer, nodes), viewer + " knows " + viewer.state().nodes());
        }
    }

    @Test
    void slotClaimsSpreadUntilEveryViewCoversAllSlots() {
        List<ClusterNode> nodes = joinedMasters(3);
        for (ClusterNode viewer : nodes) {
            assertEquals(16384, viewer.state().assignedSlots());
            assertTrue(viewer.state().isOk(), viewer + " cluster_state");
            assertEquals(nodes.get(2).id(), viewer.state().slotOwner(16383).id());
            assertEquals(3, viewer.state().currentEpoch());
        }
    }

    @Test
    void theGreaterConfigEpochWinsASlotBothClaim() {
        List<ClusterNode> nodes = emptyNodes(2);
        ClusterNode older = nodes.get(0);
        ClusterNode newer = nodes.get(1);
        run(older, "CLUSTER", "ADDSLOTS", "0", "1");
        run(older, "CLUSTER", "SET-CONFIG-EPOCH", "1");
        run(newer, "CLUSTER", "ADDSLOTS", "0");
        run(newer, "CLUSTER", "SET-CONFIG-EPOCH", "2");
        run(older, "CLUSTER", "MEET", "127.0.0.1", "7001");
        cluster.runFor(3000);
        for (ClusterNode viewer : nodes) {
            assertEquals(newer.id(), viewer.state().slotOwner(0).id(), "slot 0 in " + viewer);
            assertEquals(older.id(), viewer.state().slotOwner(1).id(), "slot 1 in " + viewer);
        }
    }

    @Test
    void setSlotNodeOnTheImporterReachesTheOthersThroughItsBumpedEpoch() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        ClusterNode a = nodes.get(0);
        ClusterNode c = nodes.get(2);
        run(a, "CLUSTER", "SETSLOT", "12182", "IMPORTING", c.id().value());
        run(a, "CLUSTER", "SETSLOT", "12182", "NODE", a.id().value());
        assertEquals(4, a.state().myself().configEpoch(), "bumped without agreement");
        cluster.runFor(10_000);
        for (ClusterNode viewer : nodes) {
            assertEquals(a.id(), viewer.state().slotOwner(12182).id(), "slot 12182 in " + viewer);
            assertEquals(4, viewer.state().currentEpoch());
        }
    }

    @Test
    void aStaleClaimIsCorrectedWithAnUpdateMessage() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        ClusterNode a = nodes.get(0);
        ClusterNode c = nodes.get(2);
        run(a, "CLUSTER", "SETSLOT", "12182", "IMPORTING", c.id().value());
        run(a, "CLUSTER", "SETSLOT", "12182", "NODE", a.id().value());
        cluster.runFor(10_000);
        // c forgets the move (as a node that missed it would) and claims the slot again with epoch 3
        c.state().assignSlot(12182, c.state().myself());
        cluster.runFor(10_000);
        assertEquals(a.id(), c.state().slotOwner(12182).id());
        assertTrue(cluster.events().recent(ClusterEvent.BusMessageSent.class).stream()
                .anyMatch(m -> m.type().equals("update") && m.to().equals(c.id())), "an UPDATE reached c");
    }

    /**
     * Redis 7.0's race between a fresh epoch and a closing import, as real Redis and `serve` both
     * showed after `redis-cli --cluster fix` (which ends with BUMPEPOCH) and a rebalance. The
     * importing node already holds the greatest configEpoch it knows of, so SETSLOT NODE gives it no
     * new one (clusterBumpConfigEpochWithoutConsensus). The source, not yet told that the slot moved,
     * still claims it with a greater epoch the importer has not heard of, and the importer gives the
     * slot back (clusterUpdateSlotsConfigWith); in the rebalance it was a third node's UPDATE that
     * did it, here it is the source's next PING. Once the source is told, nobody claims the slot any
     * more and the importer never takes it back.
     */
    @Test
    void anImportClosedBeforeAGreaterEpochIsHeardOfGoesBackToTheSource() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        ClusterNode a = nodes.get(0);
        ClusterNode b = nodes.get(1);
        ClusterNode c = nodes.get(2);
        int slot = 5462; // b's first slot, no keys
        assertEquals(Reply.simple("BUMPED 4"), run(a, "CLUSTER", "BUMPEPOCH"));
        cluster.runFor(10_000); // everyone knows a's 4, the greatest
        assertEquals(Reply.simple("BUMPED 5"), run(b, "CLUSTER", "BUMPEPOCH")); // nobody has heard yet
        assertEquals(Reply.OK, run(a, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", b.id().value()));
        assertEquals(Reply.OK, run(b, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", a.id().value()));
        assertEquals(Reply.OK, run(a, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a.id().value()));
        assertEquals(4, a.state().myself().configEpoch(), "no new epoch: a thinks it holds the greatest");
        assertEquals(a.id(), a.state().slotOwner(slot).id());
        // b pings a at least every node_timeout / 2; stop between two cron runs, with no PING in flight
        cluster.runFor(2050);
        assertEquals(5, a.state().lookup(b.id()).configEpoch());
        assertEquals(b.id(), a.state().slotOwner(slot).id(), "b's claim with epoch 5 took the slot back");
        // the rest of the tutorial's steps: the source, then every other master
        assertEquals(Reply.OK, run(b, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a.id().value()));
        assertEquals(Reply.OK, run(c, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a.id().value()));
        cluster.runFor(30_000);
        assertEquals(a.id(), b.state().slotOwner(slot).id());
        assertEquals(a.id(), c.state().slotOwner(slot).id());
        assertEquals(b.id(), a.state().slotOwner(slot).id(), "a never takes it back: nobody claims it");
        assertFalse(a.state().myself().slots().get(slot));
    }

    @Test
    void equalConfigEpochsAreMadeDistinct() {
        List<ClusterNode> nodes = emptyNodes(3);
        run(nodes.get(1), "CLUSTER", "MEET", "127.0.0.1", "7000");
        run(nodes.get(2), "CLUSTER", "MEET", "127.0.0.1", "7000");
        cluster.runFor(10_000);
        long e0 = nodes.get(0).state().myself().configEpoch();
        long e1 = nodes.get(1).state().myself().configEpoch();
        long e2 = nodes.get(2).state().myself().configEpoch();
        assertNotEquals(e0, e1);
        assertNotEquals(e1, e2);
        assertNotEquals(e0, e2);
    }

    @Test
    void aStoppedMasterGoesPfailThenFailOnEveryNodeAndTheClusterGoesDown() {
        // tests/cluster/tests/01-faildet.tcl: kill a node, every other node flags it FAIL
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        ClusterNode a = nodes.get(0);
        ClusterNode b = nodes.get(1);
        ClusterNode c = nodes.get(2);
        cluster.runFor(3000);
        cluster.stopNode(c, "crash");
        cluster.runFor(1500);
        assertFalse(a.state().lookup(c.id()).has(NodeFlag.PFAIL), "not before node_timeout");
        assertTrue(a.state().isOk());
        cluster.runFor(6000);
        for (ClusterNode viewer : List.of(a, b)) {
            KnownNode seen = viewer.state().lookup(c.id());
            assertTrue(seen.has(NodeFlag.FAIL), viewer + " flags the stopped node FAIL");
            assertFalse(seen.has(NodeFlag.PFAIL));
            assertFalse(viewer.state().isOk(), "its slots are not served: cluster_state:fail");
            assertTrue(((Reply.VerbatimString) run(viewer, "CLUSTER", "NODES")).text().contains(" master,fail - "));
            assertEquals(Reply.error("CLUSTERDOWN The cluster is down"), run(viewer, "GET", "bar"));
        }
        List<ClusterEvent.NodeFlagChanged> flags = cluster.events().recent(ClusterEvent.NodeFlagChanged.class);
        assertTrue(flags.stream().anyMatch(e -> e.node().equals(c.id()) && e.flag().equals("fail?") && e.set()),
                "PFAIL came first");
        assertTrue(cluster.events().recent(ClusterEvent.BusMessageSent.class).stream()
                .anyMatch(m -> m.type().equals("fail")), "FAIL was broadcast");
        assertEquals(Reply.integer(1), run(a, "CLUSTER", "COUNT-FAILURE-REPORTS", c.id().value()),
                "b's report, still fresh");
    }

    @Test
    void aMinorityMasterSeesTheClusterDown() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        cluster.runFor(3000);
        cluster.network().setPartitionGroup(nodes.get(0).id(), 1);
        cluster.runFor(8000);
        assertFalse(nodes.get(0).state().isOk(), "alone, it cannot reach a majority of masters");
        assertEquals(Reply.error("CLUSTERDOWN The cluster is down"), run(nodes.get(0), "GET", "bar"));
    }

    @Test
    void aReplicaRoleSpreadsByGossip() {
        List<ClusterNode> masters = joinedMasters(3);
        ClusterNode spare = cluster.startNode("127.0.0.1", 7003);
        run(spare, "CLUSTER", "MEET", "127.0.0.1", "7000");
        cluster.runFor(3000);
        assertEquals(Reply.OK, run(spare, "CLUSTER", "REPLICATE", masters.get(1).id().value()));
        cluster.runFor(5000);
        for (ClusterNode viewer : masters) {
            KnownNode seen = viewer.state().lookup(spare.id());
            assertNotNull(seen, viewer + " knows the replica");
            assertTrue(seen.isReplica());
            assertEquals(masters.get(1).id(), seen.master().id());
        }
    }

    @Test
    void aForgottenNodeStaysForgottenForAMinute() {
        List<ClusterNode> nodes = joinedMasters(3);
        ClusterNode a = nodes.get(0);
        ClusterNode c = nodes.get(2);
        run(nodes.get(2), "CLUSTER", "DELSLOTSRANGE", "10923", "16383");
        for (ClusterNode n : nodes.subList(0, 2)) {
            n.state().assignSlots(10923, 16383, null);
        }
        assertEquals(Reply.OK, run(a, "CLUSTER", "FORGET", c.id().value()));
        cluster.runFor(30_000);
        assertNull(a.state().lookup(c.id()), "gossip must not bring it back while blacklisted");
        cluster.runFor(40_000);
        assertNotNull(a.state().lookup(c.id()), "after the 60 s blacklist, gossip reintroduces it");
    }
}
