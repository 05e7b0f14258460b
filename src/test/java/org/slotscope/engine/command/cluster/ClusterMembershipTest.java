package org.slotscope.engine.command.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;

/** MEET, FORGET, REPLICATE, RESET, slot assignment and epochs: the successful paths. */
class ClusterMembershipTest {
    private final RealTopology t = new RealTopology();

    private String text(Reply reply) {
        return reply instanceof Reply.VerbatimString v ? v.text() : ((Reply.BulkString) reply).asString();
    }

    @Test
    void forgetRemovesNodeAndBlacklistsItForSixtySeconds() {
        ClusterNode a = t.masters.get(0);
        ClusterNode c = t.masters.get(2);
        RealTopology.ok(t.run(a, "CLUSTER", "FORGET", t.id(2)));
        assertNull(a.state().lookup(c.id()));
        assertNull(a.state().slotOwner(16383), "the forgotten node's slots become unassigned in this view");
        assertFalse(text(t.run(a, "CLUSTER", "NODES")).contains(t.id(2)));
        assertTrue(a.state().isBlacklisted(c.id()));
        t.cluster.runFor(MembershipCommands.CLUSTER_BLACKLIST_TTL_MILLIS);
        assertTrue(a.state().isBlacklisted(c.id()), "still banned at exactly 60 s");
        t.cluster.runFor(1);
        assertFalse(a.state().isBlacklisted(c.id()));
        assertNotNull(t.masters.get(1).state().lookup(c.id()), "other views are untouched");
    }

    @Test
    void replicateDoesAFullResyncWithTtlsAfterTheSyncDelay() {
        ClusterNode a = t.masters.get(0);
        ClusterNode replica = t.cluster.startNode(RealTopology.HOST, 17203);
        t.cluster.meetAll(new ArrayList<>(t.cluster.nodes()));
        replica.state().lookup(a.id()).setConfigEpoch(1); // what gossip would have told it
        HashValue hash = new HashValue();
        hash.fields().put(Key.of("f"), "v".getBytes(StandardCharsets.UTF_8));
        a.keyspace().set(Key.of("h"), hash);
        a.keyspace().setExpireAt(Key.of("h"), 90_000);

        RealTopology.ok(t.run(replica, "CLUSTER", "REPLICATE", t.id(0)));
        assertEquals(0, replica.keyspace().size(), "the master waits repl-diskless-sync-delay before its snapshot");
        t.cluster.runFor(replica.config().replDisklessSyncDelayMillis() + 1);

        KnownNode self = replica.state().myself();
        assertTrue(self.isReplica());
        assertSame(replica.state().lookup(a.id()), self.master());
        assertEquals(a.keyspace().size(), replica.keyspace().size());
        assertEquals(90_000, replica.keyspace().expireAt(Key.of("h")));
        assertNotSame(hash, replica.keyspace().get(Key.of("h")), "a deep copy, not a shared value");
        // myself's pong time is whatever gossip reported while the snapshot was on its way
        assertTrue(text(t.run(replica, "CLUSTER", "NODES")).matches(
                "(?s).*myself,slave " + t.id(0) + " 0 \\d+ 1 connected\n.*"));
        assertEquals(t.run(a, "CLUSTER", "MYSHARDID"), t.run(replica, "CLUSTER", "MYSHARDID"),
                "a replica shares its master's shard id");
        assertNotEquals(t.run(a, "CLUSTER", "MYSHARDID"), t.run(t.masters.get(1), "CLUSTER", "MYSHARDID"));
    }

    @Test
    void resetSoftTurnsReplicaIntoEmptyLonelyMaster() {
        ClusterNode replica = t.cluster.startNode(RealTopology.HOST, 17203);
        t.cluster.meetAll(new ArrayList<>(t.cluster.nodes()));
        RealTopology.ok(t.run(replica, "CLUSTER", "REPLICATE", t.id(0)));
        t.cluster.runFor(replica.config().replDisklessSyncDelayMillis() + 1);
        replica.state().setCurrentEpoch(3);
        assertTrue(replica.keyspace().size() > 0);

        RealTopology.ok(t.run(replica, "CLUSTER", "RESET"));

        assertTrue(replica.state().myself().isMaster());
        assertEquals(0, replica.keyspace().size(), "a replica's data goes with its role");
        assertEquals(1, replica.state().nodes().size());
        assertEquals(3, replica.state().currentEpoch(), "SOFT keeps the epochs");
        assertTrue(text(t.run(replica, "CLUSTER", "NODES")).matches(
                replica.id().value() + " 127\\.0\\.0\\.1:17203@27203 myself,master - 0 \\d+ 0 connected\n"));
    }

    @Test
    void resetHardForgetsEverythingAndZeroesEpochs() {
        ClusterNode b = t.masters.get(1);
        b.keyspace().flushAll();
        RealTopology.ok(t.run(b, "CLUSTER", "RESET", "hard"));
        assertEquals(0, b.state().currentEpoch());
        assertEquals(0, b.state().myself().configEpoch());
        assertEquals(0, b.state().lastVoteEpoch());
        assertEquals(0, b.state().assignedSlots());
        assertFalse(b.state().hasOpenSlots(), "the IMPORTING of slot 866 is closed");
        assertEquals(1, b.state().nodes().size());
        // Redis also picks a new random node id on HARD; the simulator keeps the id for now
        assertEquals(b.id(), b.state().myId());
        assertTrue(text(t.run(b, "CLUSTER", "INFO")).startsWith("cluster_state:fail\r\n"));
    }

    @Test
    void meetValidatesAddressThenJoinsTheNodes() {
        ClusterNode a = t.masters.get(0);
        ClusterNode fresh = t.cluster.startNode(RealTopology.HOST, 17203);
        RealTopology.ok(t.run(a, "CLUSTER", "MEET", "127.0.0.1", "17203", "27203"));
        // Until the handshake completes the node is a placeholder with a random name, as in Redis.
        assertNull(a.state().lookup(fresh.id()));
        assertTrue(a.state().handshakeInProgress("127.0.0.1", 17203, 27203));
        t.cluster.runFor(500);
        assertNotNull(a.state().lookup(fresh.id()));
        assertNotNull(fresh.state().lookup(a.id()));
        assertFalse(a.state().handshakeInProgress("127.0.0.1", 17203, 27203));
        RealTopology.ok(t.run(a, "CLUSTER", "MEET", "::1", "17299"));
        RealTopology.ok(t.run(a, "CLUSTER", "MEET", "127.0.0.1", "17298"));
        // nobody listens on ::1 or 17298: still OK, and the handshakes time out after node_timeout
        t.cluster.runFor(a.config().nodeTimeout() + 200);
        assertEquals(4, a.state().nodes().size());
        assertEquals("ERR Invalid node address specified: localhost:17203",
                ((Reply.Error) t.run(a, "CLUSTER", "MEET", "localhost", "17203")).message());
    }

    @Test
    void ipAddressCheckFollowsInetPton() {
        assertTrue(MembershipCommands.isIpAddress("10.0.0.255"));
        assertTrue(MembershipCommands.isIpAddress("::ffff:127.0.0.1"));
        assertTrue(MembershipCommands.isIpAddress("fe80::1"));
        assertTrue(MembershipCommands.isIpAddress("1:2:3:4:5:6:7:8"));
        assertFalse(MembershipCommands.isIpAddress("256.0.0.1"));
        assertFalse(MembershipCommands.isIpAddress("01.2.3.4"));
        assertFalse(MembershipCommands.isIpAddress("1::2::3"));
        assertFalse(MembershipCommands.isIpAddress("1:2:3:4:5:6:7"));
        assertFalse(MembershipCommands.isIpAddress("redis.local"));
    }

    @Test
    void slotRangesAreAssignedAndPrintedMerged() {
        ClusterNode fresh = t.cluster.startNode(RealTopology.HOST, 17203);
        RealTopology.ok(t.run(fresh, "CLUSTER", "ADDSLOTSRANGE", "0", "10", "20", "30"));
        RealTopology.ok(t.run(fresh, "CLUSTER", "ADDSLOTS", "11", "5000"));
        RealTopology.ok(t.run(fresh, "CLUSTER", "DELSLOTSRANGE", "25", "30"));
        RealTopology.ok(t.run(fresh, "CLUSTER", "DELSLOTS", "0"));
        String nodes = text(t.run(fresh, "CLUSTER", "NODES"));
        assertTrue(nodes.endsWith(" myself,master - 0 0 0 connected 1-11 20-24 5000\n"), nodes);
        assertEquals(17, fresh.state().assignedSlots());
        RealTopology.ok(t.run(fresh, "CLUSTER", "FLUSHSLOTS"));
        assertEquals(0, fresh.state().assignedSlots());
        assertTrue(text(t.run(fresh, "CLUSTER", "NODES")).endsWith(" connected\n"));
    }

    @Test
    void setConfigEpochOnLonelyNodeRaisesCurrentEpoch() {
        ClusterNode fresh = t.cluster.startNode(RealTopology.HOST, 17203);
        RealTopology.ok(t.run(fresh, "CLUSTER", "SET-CONFIG-EPOCH", "7"));
        assertEquals(7, fresh.state().myself().configEpoch());
        assertEquals(7, fresh.state().currentEpoch());
        assertEquals(Reply.simple("STILL 7"), t.run(fresh, "CLUSTER", "BUMPEPOCH"));
    }

    @Test
    void countFailureReportsIsZeroForKnownNodes() {
        assertEquals(Reply.ZERO, t.run(t.masters.get(0), "CLUSTER", "COUNT-FAILURE-REPORTS", t.id(1)));
    }

    @Test
    void getKeysInSlotHonoursCountAndCountKeysInSlotCountsLocalKeysOnly() {
        ClusterNode a = t.masters.get(0);
        RealTopology.put(a, "{hello}1", "x");
        RealTopology.put(a, "{hello}2", "x");
        int slot = org.slotscope.engine.slot.HashSlot.of("{hello}1");
        // {hello}N hash like "hello" (slot 866), which already holds the key hello
        assertEquals(Reply.integer(3), t.run(a, "CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot)));
        assertEquals(1, ((Reply.ArrayReply) t.run(a, "CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "1"))
                .elements().size());
        assertEquals(Reply.EMPTY_ARRAY, t.run(a, "CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "0"));
        assertEquals(Reply.ZERO, t.run(t.masters.get(1), "CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot)));
    }
}
