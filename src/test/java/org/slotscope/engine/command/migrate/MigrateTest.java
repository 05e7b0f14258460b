package org.slotscope.engine.command.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;

/**
 * MIGRATE between simulated nodes. Expected replies were captured from Redis 7.0.15 (3 masters on
 * loopback, redis-cli): see src/test/resources/redis7/walkthrough/manual-migration.txt and the
 * error texts quoted below.
 */
class MigrateTest {
    private SimCluster cluster;
    private ClusterNode a;
    private ClusterNode c;
    private ClusterNode replicaOfC;
    private ClientSession onA;
    private ClientSession onC;
    private ClientSession onReplica;

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(11);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        a = nodes.get(0);
        c = nodes.get(2);
        replicaOfC = nodes.get(5);
        onA = cluster.connect(a, "test");
        onC = cluster.connect(c, "test");
        onReplica = cluster.connect(replicaOfC, "test");
    }

    private Reply onC(String... words) {
        return cluster.execute(c, onC, words);
    }

    private Reply onA(String... words) {
        return cluster.execute(a, onA, words);
    }

    private static String text(Reply reply) {
        if (reply instanceof Reply.BulkString bulk) {
            return bulk.asString();
        }
        if (reply instanceof Reply.SimpleString simple) {
            return simple.value();
        }
        if (reply instanceof Reply.Error error) {
            return error.message();
        }
        if (reply instanceof Reply.DoubleReply d) {
            return org.slotscope.engine.command.Args.formatDouble(d.value());
        }
        if (reply instanceof Reply.IntegerReply integer) {
            return Long.toString(integer.value());
        }
        return String.valueOf(reply);
    }

    /** Slot 12182 ("foo", "{foo}...") from C to A, as redis-cli does it: IMPORTING first, then MIGRATING. */
    private void openSlot() {
        assertEquals("OK", text(onA("CLUSTER", "SETSLOT", "12182", "IMPORTING", c.id().value())));
        assertEquals("OK", text(onC("CLUSTER", "SETSLOT", "12182", "MIGRATING", a.id().value())));
    }

    private Reply migrate(String... keysAndOptions) {
        String[] words = new String[6 + keysAndOptions.length];
        String[] head = {"MIGRATE", "127.0.0.1", "7000", "", "0", "5000"};
        System.arraycopy(head, 0, words, 0, 6);
        System.arraycopy(keysAndOptions, 0, words, 6, keysAndOptions.length);
        return onC(words);
    }

    @Test
    void migrateMovesKeysOfEveryTypeWithTheirTtl() {
        onC("SET", "{foo}s", "v");
        onC("PEXPIRE", "{foo}s", "60000");
        onC("RPUSH", "{foo}l", "1", "2", "3");
        onC("SADD", "{foo}set", "x", "y");
        onC("HSET", "{foo}h", "f", "v", "g", "w");
        onC("ZADD", "{foo}z", "1.5", "m", "2", "n");
        openSlot();
        cluster.runFor(1000);

        assertEquals("OK", text(migrate("KEYS", "{foo}s", "{foo}l", "{foo}set", "{foo}h", "{foo}z")));

        assertEquals(0, c.keyspace().countInSlot(12182), "the source keeps nothing of the slot");
        // the source now redirects for every one of them
        assertEquals("ASK 12182 127.0.0.1:7000", text(onC("EXISTS", "{foo}s", "{foo}l", "{foo}set", "{foo}h", "{foo}z")));
        onA("ASKING");
        assertEquals("v", text(onA("GET", "{foo}s")));
        onA("ASKING");
        long pttl = ((Reply.IntegerReply) onA("PTTL", "{foo}s")).value();
        assertTrue(pttl > 58_000 && pttl <= 59_000, "TTL travels with the key: " + pttl);
        onA("ASKING");
        assertEquals(Reply.array(Reply.bulk("1"), Reply.bulk("2"), Reply.bulk("3")), onA("LRANGE", "{foo}l", "0", "-1"));
        onA("ASKING");
        assertEquals("2", text(onA("SCARD", "{foo}set")));
        onA("ASKING");
        assertEquals("w", text(onA("HGET", "{foo}h", "g")));
        onA("ASKING");
        assertEquals("1.5", text(onA("ZSCORE", "{foo}z", "m")));
    }

    @Test
    void askForAMovedKeyAndServeAKeyStillHere() {
        onC("SET", "foo", "bar");
        onC("SET", "{foo}b", "2");
        openSlot();
        assertEquals("OK", text(migrate("KEYS", "foo")));
        assertEquals("ASK 12182 127.0.0.1:7000", text(onC("GET", "foo")));
        assertEquals("2", text(onC("GET", "{foo}b")));
        assertEquals("MOVED 12182 127.0.0.1:7002", text(onA("GET", "foo")));
        assertEquals("TRYAGAIN Multiple keys request during rehashing of slot", text(onC("MGET", "foo", "{foo}b")));
    }

    @Test
    void copyLeavesTheSourceKeyAndReplaceOverwrites() {
        onC("SET", "{foo}k", "new");
        openSlot();
        onA("ASKING");
        onA("SET", "{foo}k", "old");
        assertEquals("ERR Target instance replied with error: BUSYKEY Target key name already exists.",
                text(migrate("KEYS", "{foo}k")));
        assertEquals("new", text(onC("GET", "{foo}k")), "a refused key stays on the source");
        assertEquals("OK", text(migrate("COPY", "REPLACE", "KEYS", "{foo}k")));
        assertEquals("new", text(onC("GET", "{foo}k")));
        onA("ASKING");
        assertEquals("new", text(onA("GET", "{foo}k")));
    }

    @Test
    void missingKeysAnswerNokey() {
        openSlot();
        assertEquals(new Reply.SimpleString("NOKEY"), migrate("KEYS", "{foo}none"));
        assertEquals(new Reply.SimpleString("NOKEY"),
                onC("MIGRATE", "127.0.0.1", "7000", "{foo}none", "0", "5000"));
    }

    @Test
    void aTargetThatDoesNotImportTheSlotAnswersMoved() {
        onC("SET", "foo", "bar");
        assertEquals("ERR Target instance replied with error: MOVED 12182 127.0.0.1:7002",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "1000")));
        assertEquals("bar", text(onC("GET", "foo")));
    }

    @Test
    void anUnreachableTargetIsAnIoErrorAndNothingIsLost() {
        onC("SET", "foo", "bar");
        openSlot();
        assertEquals("IOERR error or timeout writing to target instance",
                text(onC("MIGRATE", "127.0.0.1", "7099", "foo", "0", "100")));
        cluster.stopNode(a, "crash");
        assertEquals("IOERR error or timeout writing to target instance",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "100")));
        assertEquals("bar", text(onC("GET", "foo")));
    }

    @Test
    void aLinkSlowerThanTheTimeoutIsAnIoError() {
        onC("SET", "foo", "bar");
        openSlot();
        cluster.network().setLinkLatency(a.id(), c.id(), 80);
        assertEquals("IOERR error or timeout connecting to the client",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "100")));
        assertEquals("OK", text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "200")));
        KeysMigratedCheck.lastIsOk(cluster, 80);
    }

    @Test
    void migrateToItselfTimesOutAndKeepsTheKey() {
        // Redis 7.0.15: "migrate 127.0.0.1 <same port> {b}9 0 300 REPLACE" -> IOERR ... reading, key kept
        onC("SET", "foo", "keepme");
        assertEquals("IOERR error or timeout reading to target instance",
                text(onC("MIGRATE", "127.0.0.1", "7002", "foo", "0", "300", "REPLACE")));
        assertEquals("keepme", text(onC("GET", "foo")));
    }

    @Test
    void theKeysFormWithANonEmptyKeyIsRefusedWhereverThatKeyHashes() {
        onC("SET", "foo", "bar");
        // "bar" hashes to a slot of 7000: it must not be routed, the handler refuses the form
        assertEquals("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string",
                text(onC("MIGRATE", "127.0.0.1", "7000", "bar", "0", "1000", "KEYS", "foo")));
    }

    @Test
    void localhostNamesTheLoopbackNode() {
        onC("SET", "foo", "bar");
        openSlot();
        assertEquals("OK", text(onC("MIGRATE", "localhost", "7000", "foo", "0", "1000")));
    }

    @Test
    void badArgumentsAreRefusedLikeRedis() {
        onC("SET", "foo", "bar");
        assertEquals("ERR syntax error", text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "1000", "bogus")));
        assertEquals("ERR syntax error", text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "1000", "auth")));
        assertEquals("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "1000", "keys", "a")));
        assertEquals("ERR value is not an integer or out of range",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "x", "1000")));
        assertEquals("ERR value is not an integer or out of range",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "x")));
        openSlot();
        assertEquals("ERR Target instance replied with error: ERR SELECT is not allowed in cluster mode",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "1", "1000")));
        assertEquals("ERR Target instance replied with error: ERR AUTH <password> called without any password "
                        + "configured for the default user. Are you sure your configuration is correct?",
                text(onC("MIGRATE", "127.0.0.1", "7000", "foo", "0", "1000", "auth", "pw")));
        assertEquals("bar", text(onC("GET", "foo")));
    }

    @Test
    void replicasOfTheSourceSeeTheKeysLeaveAsADel() {
        onC("SET", "foo", "bar");
        cluster.runFor(cluster.network().defaultLatencyMillis()); // replication is one latency behind
        cluster.execute(replicaOfC, onReplica, "READONLY");
        assertEquals("bar", text(cluster.execute(replicaOfC, onReplica, "GET", "foo")));
        openSlot();
        assertEquals("OK", text(migrate("KEYS", "foo")));
        cluster.runFor(cluster.network().defaultLatencyMillis());
        assertEquals(Reply.NIL, cluster.execute(replicaOfC, onReplica, "GET", "foo"));
        assertEquals(0, replicaOfC.keyspace().size());
    }

    /** Small assertion helper for the KeysMigrated event. */
    private static final class KeysMigratedCheck {
        static void lastIsOk(SimCluster cluster, long latency) {
            List<ClusterEvent.KeysMigrated> events = cluster.events().recent(ClusterEvent.KeysMigrated.class);
            ClusterEvent.KeysMigrated last = events.get(events.size() - 1);
            assertEquals("OK", last.outcome());
            assertEquals(1, last.keys());
            assertEquals(12182, last.slot());
            assertEquals(latency, last.deliverTime() - last.time());
        }
    }
}
