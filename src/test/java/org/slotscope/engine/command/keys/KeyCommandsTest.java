package org.slotscope.engine.command.keys;

import org.slotscope.engine.SimCluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.DataNode;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;

class KeyCommandsTest {
    @Test
    void keyWithPx100DisappearsAfter101VirtualMillis() {
        DataNode n = DataNode.single();
        assertEquals("+OK", n.text("SET", "k", "v", "PX", "100"));
        n.cluster.runFor(99);
        assertEquals("\"v\"", n.text("GET", "k"));
        n.cluster.runFor(2);
        assertEquals("$-1", n.text("GET", "k"));
        assertEquals(":0", n.text("EXISTS", "k"));
    }

    @Test
    void ttlCountsDownWithVirtualTime() {
        DataNode n = DataNode.single();
        n.run("SET", "k", "v", "EX", "10");
        assertEquals(":10", n.text("TTL", "k"));
        n.cluster.runFor(3_000);
        assertEquals(":7", n.text("TTL", "k"));
        assertEquals(":7000", n.text("PTTL", "k"));
        n.cluster.runFor(2_600);
        assertEquals(":4", n.text("TTL", "k"), "TTL rounds to the nearest second: 4400 ms -> 4");
        n.cluster.runFor(4_401);
        assertEquals(":-2", n.text("TTL", "k"));
    }

    @Test
    void expireAtTakesSimulatedUnixTime() {
        DataNode n = DataNode.single();
        n.run("SET", "k", "v");
        long unixSeconds = SimCluster.DEFAULT_UNIX_MILLIS_AT_ZERO / 1000;
        assertEquals(":1", n.text("EXPIREAT", "k", Long.toString(unixSeconds + 30)));
        assertEquals(":30", n.text("TTL", "k"));
        assertEquals(":1", n.text("PEXPIREAT", "k", Long.toString(SimCluster.DEFAULT_UNIX_MILLIS_AT_ZERO + 500)));
        assertEquals(":500", n.text("PTTL", "k"));
        assertEquals(":1", n.text("EXPIREAT", "k", "1"), "a time in the past deletes the key");
        assertEquals(":0", n.text("EXISTS", "k"));
    }

    @Test
    void expirePropagatesAsAbsolutePexpireat() {
        DataNode n = DataNode.single();
        n.run("SET", "k", "v");
        n.cluster.runFor(1_000);
        long at = SimCluster.DEFAULT_UNIX_MILLIS_AT_ZERO + 1_000 + 50_000;
        assertEquals(List.of("PEXPIREAT", "k", Long.toString(at)), n.propagationOf("EXPIRE", "k", "50"));
        assertEquals(List.of("PEXPIREAT", "k", Long.toString(at + 1), "GT"),
                n.propagationOf("PEXPIRE", "k", "50001", "GT"));
        assertEquals(List.of("DEL", "k"), n.propagationOf("EXPIRE", "k", "-1"));
    }

    @Test
    void expireOnMasterGivesReplicaTheSameDeadline() {
        DataNode n = DataNode.withReplica();
        n.run("SET", "k", "v");
        n.cluster.runFor(500);
        n.run("EXPIRE", "k", "5");
        assertEquals(":5", n.onReplica("TTL", "k"));
        n.cluster.runFor(5_001);
        assertEquals(":0", n.onReplica("EXISTS", "k"));
    }

    @Test
    void scanReturnsEveryKeyOnceAcrossPages() {
        DataNode n = DataNode.single();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            n.run("SET", "key:" + i, "v");
            all.add("key:" + i);
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        String cursor = "0";
        do {
            Reply.ArrayReply page = (Reply.ArrayReply) n.run("SCAN", cursor, "COUNT", "7");
            cursor = ((Reply.BulkString) page.elements().get(0)).asString();
            for (Reply key : ((Reply.ArrayReply) page.elements().get(1)).elements()) {
                assertTrue(seen.add(((Reply.BulkString) key).asString()), "returned twice: " + key);
            }
            pages++;
        } while (!cursor.equals("0"));
        assertEquals(all, seen);
        assertTrue(pages > 10, "COUNT bounds the page size (whole slots at a time)");
    }

    @Test
    void scanFiltersByMatchAndType() {
        DataNode n = DataNode.single();
        n.run("SET", "user:1", "a");
        n.run("RPUSH", "user:2", "x");
        n.run("SET", "order:1", "b");
        Reply.ArrayReply page = (Reply.ArrayReply) n.run("SCAN", "0", "MATCH", "user:*", "TYPE", "list", "COUNT", "16384");
        assertEquals("[\"0\", [\"user:2\"]]", org.slotscope.engine.command.RedisFixture.format(page, 2, false));
    }

    @Test
    void keysSkipsExpiredKeys() {
        DataNode n = DataNode.single();
        n.run("SET", "live", "v");
        n.run("SET", "dying", "v", "PX", "10");
        n.cluster.runFor(11);
        assertEquals("[\"live\"]", n.text("KEYS", "*"));
    }

    @Test
    void readsCountKeyspaceHitsAndMissesWritesDoNot() {
        DataNode n = DataNode.single();
        n.run("SET", "k", "v");
        n.run("GET", "k");
        n.run("GET", "missing");
        n.run("TYPE", "k");
        n.run("INCR", "counter");
        n.run("LRANGE", "nolist", "0", "-1");
        assertEquals(2, n.master.stats().keyspaceHits);
        assertEquals(2, n.master.stats().keyspaceMisses);
    }

    @Test
    void renameAcrossSlotsIsRefusedBeforeTheHandler() {
        DataNode n = DataNode.single();
        n.run("SET", "a", "v");
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", n.text("RENAME", "a", "b"));
        assertEquals("+OK", n.text("RENAME", "a", "{a}b"));
        assertEquals("\"v\"", n.text("GET", "{a}b"));
    }

    @Test
    void flushallEmptiesTheNodeAndReachesTheReplica() {
        DataNode n = DataNode.withReplica();
        n.run("SET", "a", "1");
        n.run("SADD", "s", "m");
        assertEquals(":2", n.onReplica("DBSIZE"));
        assertEquals("+OK", n.text("FLUSHALL", "ASYNC"));
        assertEquals(":0", n.text("DBSIZE"));
        assertEquals(":0", n.onReplica("DBSIZE"));
    }

    @Test
    void flushallAndFlushdbEmitKeyspaceFlushedWithTheKeysRemoved() {
        DataNode n = DataNode.single();
        n.run("SET", "a", "1");
        n.run("SADD", "s", "m");
        n.cluster.runFor(5);
        assertEquals("+OK", n.text("FLUSHALL"));
        List<ClusterEvent.KeyspaceFlushed> flushed = n.cluster.events().recent(ClusterEvent.KeyspaceFlushed.class);
        assertEquals(List.of(new ClusterEvent.KeyspaceFlushed(5, n.master.id(), 2)), flushed);
        n.run("SET", "b", "1");
        assertEquals("+OK", n.text("FLUSHDB", "SYNC"));
        flushed = n.cluster.events().recent(ClusterEvent.KeyspaceFlushed.class);
        assertEquals(new ClusterEvent.KeyspaceFlushed(5, n.master.id(), 1), flushed.get(flushed.size() - 1));
        assertEquals(2, flushed.size());
    }

    @Test
    void flushWithABadFlagIsRefusedWithoutEvent() {
        DataNode n = DataNode.single();
        n.run("SET", "a", "1");
        assertEquals("-ERR syntax error", n.text("FLUSHALL", "NOW"));
        assertEquals(":1", n.text("DBSIZE"));
        assertTrue(n.cluster.events().recent(ClusterEvent.KeyspaceFlushed.class).isEmpty());
    }

    @Test
    void delAndUnlinkCountOnlyLiveKeys() {
        DataNode n = DataNode.single();
        n.run("SET", "{t}a", "1");
        n.run("SET", "{t}b", "1", "PX", "5");
        n.cluster.runFor(6);
        assertEquals(":1", n.text("DEL", "{t}a", "{t}b", "{t}c"));
        n.run("SET", "{t}a", "1");
        assertEquals(":1", n.text("UNLINK", "{t}a", "{t}a"));
    }
}
