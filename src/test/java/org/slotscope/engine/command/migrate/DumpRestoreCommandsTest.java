package org.slotscope.engine.command.migrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.keyspace.ListValue;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.keyspace.ZSetValue;
import org.slotscope.engine.keyspace.rdb.DumpFixture;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.slot.HashSlot;

class DumpRestoreCommandsTest {
    private static final HexFormat HEX = HexFormat.of();

    private SimCluster cluster;
    private ClusterNode master;
    private ClusterNode replica;
    private ClientSession client;

    @BeforeEach
    void startCluster() {
        cluster = new SimCluster(42);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 30001, 1, 1);
        master = nodes.get(0);
        replica = nodes.get(1);
        client = cluster.connect(master, "127.0.0.1:50000");
        cluster.runFor(1000);
    }

    private Keyspace keyspace() {
        return master.keyspace();
    }

    private Reply exec(Object... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i] instanceof byte[] b ? b : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        return cluster.execute(master, client, argv);
    }

    private byte[] dump(String key) {
        Reply reply = exec("DUMP", key);
        return assertInstanceOf(Reply.BulkString.class, reply).value();
    }

    private static List<RedisValue> oneOfEachType() {
        ListValue list = new ListValue();
        for (int i = 0; i < 300; i++) {
            list.elements().addLast(("e" + i).getBytes(StandardCharsets.UTF_8));
        }
        SetValue set = new SetValue();
        set.add(Key.of("1"));
        set.add(Key.of("two"));
        ZSetValue zset = new ZSetValue();
        zset.put(Key.of("low"), -1.5);
        zset.put(Key.of("high"), 1e10);
        HashValue hash = new HashValue();
        hash.fields().put(Key.of("name"), "slotscope".getBytes(StandardCharsets.UTF_8));
        hash.fields().put(Key.of("count"), "12".getBytes(StandardCharsets.UTF_8));
        return List.of(new StringValue("a value that is long enough to be compressed, compressed, compressed"
                .getBytes(StandardCharsets.UTF_8)), list, set, zset, hash);
    }

    @Test
    void dumpOfAMissingKeyIsNil() {
        assertEquals(Reply.NIL, exec("DUMP", "nothing-here"));
    }

    @Test
    void dumpThenRestoreRecreatesEveryTypeExactly() {
        for (RedisValue value : oneOfEachType()) {
            keyspace().set(Key.of("src"), value);
            byte[] payload = dump("src");
            assertEquals(Reply.OK, exec("RESTORE", "dst", "0", payload));
            RedisValue restored = keyspace().get(Key.of("dst"));
            assertNotNull(restored);
            assertEquals(value.typeName(), restored.typeName());
            assertEquals(DumpFixture.shape(value), DumpFixture.shape(restored));
            assertEquals(-1, keyspace().expireAt(Key.of("dst")), "ttl 0 means no expiry");
            keyspace().delete(Key.of("dst"));
        }
    }

    @Test
    void restoredValueIsIndependentOfTheDumpedOne() {
        ListValue list = new ListValue();
        list.elements().addLast("a".getBytes(StandardCharsets.UTF_8));
        keyspace().set(Key.of("src"), list);
        exec("RESTORE", "dst", "0", dump("src"));
        list.elements().addLast("b".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ((ListValue) keyspace().get(Key.of("dst"))).size());
    }

    static Stream<DumpFixture> fixtures() {
        return DumpFixture.NAMES.stream().map(DumpFixture::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void restoresPayloadsDumpedByRedis7(DumpFixture fixture) {
        assertEquals(Reply.OK, exec("RESTORE", "k", "0", fixture.payload()));
        assertEquals(fixture.expected(), DumpFixture.shape(keyspace().get(Key.of("k"))));
    }

    @Test
    void restoreOfAnExistingKeyIsBusyKeyAndLeavesItAlone() {
        keyspace().set(Key.of("k"), new StringValue("old".getBytes(StandardCharsets.UTF_8)));
        byte[] payload = DumpFixture.load("string-short").payload();
        assertEquals(Reply.error("BUSYKEY Target key name already exists."), exec("RESTORE", "k", "0", payload));
        // Redis checks the key before the TTL: a busy key wins over a bad TTL
        assertEquals(Reply.error("BUSYKEY Target key name already exists."), exec("RESTORE", "k", "x", payload));
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), ((StringValue) keyspace().get(Key.of("k"))).value());
    }

    @Test
    void replaceOverwritesTheValueAndItsTtl() {
        keyspace().set(Key.of("k"), new StringValue("old".getBytes(StandardCharsets.UTF_8)));
        keyspace().setExpireAt(Key.of("k"), cluster.now() + 60_000);
        assertEquals(Reply.OK, exec("RESTORE", "k", "0", DumpFixture.load("list-small").payload(), "REPLACE"));
        assertEquals("list", keyspace().get(Key.of("k")).typeName());
        assertEquals(-1, keyspace().expireAt(Key.of("k")));
    }

    @Test
    void ttlIsRelativeToTheVirtualClock() {
        long now = cluster.now();
        assertEquals(Reply.OK, exec("RESTORE", "k", "5000", DumpFixture.load("string-with-ttl").payload()));
        assertEquals(now + 5000, keyspace().expireAt(Key.of("k")));
        cluster.runFor(5000); // alive through its expiry millisecond, as keyIsExpired decides
        assertNotNull(keyspace().get(Key.of("k")));
        cluster.runFor(1);
        assertNull(keyspace().get(Key.of("k")));
    }

    @Test
    void absTtlTakesAnAbsoluteUnixTimeInMilliseconds() {
        long at = cluster.unixTimeMillis() + 10_000;
        assertEquals(Reply.OK, exec("RESTORE", "k", at, DumpFixture.load("string-short").payload(), "absttl"));
        assertEquals(cluster.now() + 10_000, keyspace().expireAt(Key.of("k")));
    }

    @Test
    void ttlAlreadyInThePastRepliesOkAndCreatesNothing() {
        byte[] payload = DumpFixture.load("string-short").payload();
        assertEquals(Reply.OK, exec("RESTORE", "k", "1", payload, "ABSTTL"));
        assertNull(keyspace().get(Key.of("k")));
        // with REPLACE the old value is deleted (seen on redis-server 7.0.15: EXISTS is 0 afterwards)
        keyspace().set(Key.of("old"), new StringValue("x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Reply.OK, exec("RESTORE", "old", "1", payload, "ABSTTL", "REPLACE"));
        assertNull(keyspace().get(Key.of("old")));
        assertNull(replica.keyspace().get(Key.of("old")), "the deletion is replicated as DEL");
    }

    @Test
    void badTtlAndOptionsGetRedisErrors() {
        byte[] payload = DumpFixture.load("string-short").payload();
        assertEquals(Reply.err("value is not an integer or out of range"), exec("RESTORE", "k", "soon", payload));
        assertEquals(Reply.err("Invalid TTL value, must be >= 0"), exec("RESTORE", "k", "-1", payload));
        assertEquals(Reply.err("syntax error"), exec("RESTORE", "k", "0", payload, "FOO"));
        assertEquals(Reply.err("syntax error"), exec("RESTORE", "k", "0", payload, "IDLETIME"));
        assertEquals(Reply.err("syntax error"), exec("RESTORE", "k", "0", payload, "IDLETIME", "1", "FREQ", "3"));
        assertEquals(Reply.err("Invalid IDLETIME value, must be >= 0"),
                exec("RESTORE", "k", "0", payload, "IDLETIME", "-1"));
        assertEquals(Reply.err("Invalid FREQ value, must be >= 0 and <= 255"),
                exec("RESTORE", "k", "0", payload, "FREQ", "256"));
        assertEquals(Reply.err("value is not an integer or out of range"),
                exec("RESTORE", "k", "0", payload, "FREQ", "x"));
        assertEquals(Reply.err("wrong number of arguments for 'restore' command"), exec("RESTORE", "k", "0"));
        assertEquals(Reply.err("wrong number of arguments for 'dump' command"), exec("DUMP", "a", "b"));
        assertNull(keyspace().get(Key.of("k")), "no failed RESTORE created the key");
        assertEquals(Reply.OK, exec("RESTORE", "k", "0", payload, "IDLETIME", "100", "REPLACE", "ABSTTL"));
        assertEquals(Reply.OK, exec("RESTORE", "k", "0", payload, "FREQ", "255", "replace"));
    }

    static Stream<String[]> redisErrorCases() {
        List<String[]> out = new ArrayList<>();
        for (String line : DumpFixture.resource("/redis7/dump/errors.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split(" ", 3));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisErrorCases")
    void brokenPayloadGetsRedisErrorAndKeepsTheExistingKey(String name, String payloadHex, String redisReply) {
        keyspace().set(Key.of("k"), new StringValue("keep".getBytes(StandardCharsets.UTF_8)));
        keyspace().setExpireAt(Key.of("k"), cluster.now() + 60_000);
        Reply reply = exec("RESTORE", "k", "0", HEX.parseHex(payloadHex), "REPLACE");
        assertEquals(Reply.error(redisReply), reply);
        assertArrayEquals("keep".getBytes(StandardCharsets.UTF_8), ((StringValue) keyspace().get(Key.of("k"))).value());
        assertEquals(cluster.now() + 60_000, keyspace().expireAt(Key.of("k")));
    }

    @Test
    void restoreAskingIsServedByAnImportingNodeWithoutAsking() {
        SimCluster two = new SimCluster(7);
        List<ClusterNode> nodes = two.createReadyCluster("127.0.0.1", 31001, 2, 0);
        ClusterNode source = nodes.get(0);
        ClusterNode target = nodes.get(1);
        String key = "k";
        int slot = HashSlot.of(key.getBytes(StandardCharsets.UTF_8));
        ClusterNode owner = source.state().slotOwner(slot).id().equals(source.id()) ? source : target;
        ClusterNode importer = owner == source ? target : source;
        importer.state().setImporting(slot, importer.state().lookup(owner.id()));
        ClientSession session = two.connect(importer, "127.0.0.1:50001");
        byte[] payload = DumpFixture.load("string-short").payload();

        Reply plain = two.execute(importer, session, "RESTORE".getBytes(StandardCharsets.UTF_8), bytes(key),
                bytes("0"), payload);
        assertTrue(plain instanceof Reply.Error e && e.message().startsWith("MOVED " + slot + " "), plain.toString());

        Reply asking = two.execute(importer, session, "RESTORE-ASKING".getBytes(StandardCharsets.UTF_8), bytes(key),
                bytes("0"), payload);
        assertEquals(Reply.OK, asking);
        assertEquals("string", importer.keyspace().get(Key.of(key)).typeName());
    }

    @Test
    void replicaGetsTheRestoreWithAnAbsoluteTtl() {
        long at = cluster.now() + 5000;
        assertEquals(Reply.OK, exec("RESTORE", "k", "5000", DumpFixture.load("hash-small").payload()));
        cluster.runFor(cluster.network().defaultLatencyMillis()); // the stream reaches the replica
        assertEquals(DumpFixture.shape(keyspace().get(Key.of("k"))), DumpFixture.shape(replica.keyspace().get(Key.of("k"))));
        assertEquals(at, replica.keyspace().expireAt(Key.of("k")));
    }

    @Test
    void commandTableMatchesRedisCommandInfo() {
        List<String> lines = DumpFixture.resource("/redis7/dump/command-info.txt").lines()
                .filter(l -> !l.startsWith("#")).collect(Collectors.toList());
        int checked = 0;
        for (String line : lines) {
            String[] w = line.split(" ", 3);
            if (w[0].equals("summary")) {
                assertEquals(w[2], cluster.commands().lookup(w[1]).summary());
                continue;
            }
            String[] f = line.split(" ");
            CommandSpec spec = cluster.commands().lookup(f[0]);
            assertNotNull(spec, f[0]);
            assertEquals(Integer.parseInt(f[1]), spec.arity(), f[0]);
            assertEquals(Stream.of(f[2].split(",")).sorted().collect(Collectors.toList()),
                    spec.flags().stream().map(CommandFlag::redisName).sorted().collect(Collectors.toList()), f[0]);
            assertEquals(Integer.parseInt(f[3]), spec.firstKey(), f[0]);
            assertEquals(Integer.parseInt(f[4]), spec.lastKey(), f[0]);
            assertEquals(Integer.parseInt(f[5]), spec.keyStep(), f[0]);
            assertEquals(f[6], spec.group(), f[0]);
            checked++;
        }
        assertEquals(3, checked);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
