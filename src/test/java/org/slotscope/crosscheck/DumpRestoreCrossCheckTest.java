package org.slotscope.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ListValue;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.keyspace.ZSetValue;
import org.slotscope.engine.keyspace.rdb.Crc64;
import org.slotscope.engine.keyspace.rdb.DumpFixture;
import org.slotscope.engine.keyspace.rdb.Lzf;
import org.slotscope.engine.keyspace.rdb.RdbValueCodec;
import org.slotscope.engine.node.ClusterNode;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.RestoreParams;
import redis.clients.jedis.resps.Tuple;

/**
 * DUMP payloads travel both ways between the simulator and a real redis-server: what one dumps
 * the other restores, and both read back the same value. Needs redis-server on PATH: skipped
 * without it, except on CI (CI=true) where a missing binary fails the build.
 */
class DumpRestoreCrossCheckTest {
    private static final HexFormat HEX = HexFormat.of();
    private static String binary;
    private static RealServer server;
    private static int port;

    private Jedis redis;
    private SimCluster cluster;
    private ClusterNode node;
    private ClientSession client;

    /** A throwaway redis-server on a free port, in its own temporary directory. */
    private record RealServer(Process process, int port, Path dir) implements AutoCloseable {
        static RealServer start(String binary) throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path dir = Files.createTempDirectory("slotscope-dump-crosscheck");
            Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RealServer server = new RealServer(process, port, dir);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (Jedis probe = new Jedis("127.0.0.1", port)) {
                    if ("PONG".equals(probe.ping())) {
                        return server;
                    }
                } catch (RuntimeException notYet) {
                    if (System.nanoTime() > deadline || !process.isAlive()) {
                        String log = Files.readString(dir.resolve("redis.log"));
                        server.close();
                        throw new IllegalStateException("redis-server did not start on port " + port + ": " + log,
                                notYet);
                    }
                    Thread.sleep(50); // test code waiting for a real process, not the engine
                }
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeAll
    static void startRedis() throws Exception {
        binary = findOnPath("redis-server");
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("redis-server is not on PATH, and CI=true requires the live cross-check to run");
            }
            Assumptions.assumeTrue(false, "redis-server is not on PATH: live DUMP/RESTORE cross-check skipped");
        }
        server = RealServer.start(binary);
        port = server.port();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String findOnPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(entry, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    @BeforeEach
    void connect() {
        redis = new Jedis("127.0.0.1", port);
        redis.flushAll();
        cluster = new SimCluster(3);
        node = cluster.createReadyCluster("127.0.0.1", 32001, 1, 0).get(0);
        client = cluster.connect(node, "127.0.0.1:50002");
    }

    @org.junit.jupiter.api.AfterEach
    void disconnect() {
        redis.close();
    }

    private Reply sim(byte[]... argv) {
        return cluster.execute(node, client, argv);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The value as the real server reads it back, in DumpFixture's canonical shape. */
    private Object realShape(String key) {
        byte[] k = b(key);
        switch (redis.type(k)) {
            case "string":
                return HEX.formatHex(redis.get(k));
            case "list": {
                List<String> out = new ArrayList<>();
                for (byte[] e : redis.lrange(k, 0, -1)) {
                    out.add(HEX.formatHex(e));
                }
                return out;
            }
            case "set": {
                TreeSet<String> out = new TreeSet<>();
                for (byte[] m : redis.smembers(k)) {
                    out.add(HEX.formatHex(m));
                }
                return out;
            }
            case "hash": {
                TreeMap<String, String> out = new TreeMap<>();
                for (Map.Entry<byte[], byte[]> e : redis.hgetAll(k).entrySet()) {
                    out.put(HEX.formatHex(e.getKey()), HEX.formatHex(e.getValue()));
                }
                return out;
            }
            case "zset": {
                List<List<Object>> out = new ArrayList<>();
                for (Tuple t : redis.zrangeWithScores(k, 0, -1)) {
                    out.add(List.of(HEX.formatHex(t.getBinaryElement()), Double.doubleToLongBits(t.getScore())));
                }
                return out;
            }
            default:
                throw new IllegalStateException("unexpected type of " + key);
        }
    }

    private static List<RedisValue> simulatorValues() {
        Random random = new Random(11);
        List<RedisValue> values = new ArrayList<>();
        values.add(new StringValue(b("hello")));
        values.add(new StringValue(b("-123456")));
        values.add(new StringValue(new byte[0]));
        values.add(new StringValue(b("compress me ".repeat(500))));
        byte[] noise = new byte[3000];
        random.nextBytes(noise);
        values.add(new StringValue(noise));
        ListValue list = new ListValue();
        for (int i = 0; i < 4000; i++) {
            list.elements().addLast(b(i % 5 == 0 ? Long.toString(i * 1_000_003L - 9_000_000) : "list-item-" + i));
        }
        values.add(list);
        SetValue ints = new SetValue();
        for (int i = 0; i < 100; i++) {
            ints.add(Key.of(Integer.toString(i * 31 - 700)));
        }
        values.add(ints);
        SetValue strings = new SetValue();
        for (int i = 0; i < 1000; i++) {
            strings.add(Key.of("member-" + i));
        }
        values.add(strings);
        ZSetValue small = new ZSetValue();
        small.put(Key.of("a"), 0.1);
        small.put(Key.of("b"), Double.NEGATIVE_INFINITY);
        small.put(Key.of("c"), 1e300);
        small.put(Key.of("d"), -1e-300);
        values.add(small);
        ZSetValue big = new ZSetValue();
        for (int i = 0; i < 500; i++) {
            big.put(Key.of("z" + i), random.nextGaussian() * 1000);
        }
        values.add(big);
        HashValue hash = new HashValue();
        for (int i = 0; i < 300; i++) {
            hash.fields().put(Key.of("field-" + i), b(i % 2 == 0 ? Integer.toString(i) : "value ".repeat(i % 20)));
        }
        values.add(hash);
        return values;
    }

    @Test
    void realRedisRestoresWhatTheSimulatorDumps() {
        int i = 0;
        for (RedisValue value : simulatorValues()) {
            String key = "sim-" + i++;
            node.keyspace().set(new Key(b(key)), value);
            byte[] payload = assertInstanceOf(Reply.BulkString.class, sim(b("DUMP"), b(key))).value();
            assertEquals("OK", redis.restore(b(key), 0, payload), key);
            assertEquals(value.typeName(), redis.type(b(key)), key);
            assertEquals(DumpFixture.shape(value), realShape(key), key);
        }
    }

    @Test
    void simulatorRestoresWhatRealRedisDumps() {
        redis.configSet("list-compress-depth", "2");
        try {
            redis.set(b("str-int"), b("987654"));
            redis.set(b("str-long"), b("long string for lzf, ".repeat(200)));
            for (int i = 0; i < 3000; i++) {
                redis.rpush(b("list-big"), b(i % 3 == 0 ? Integer.toString(i * -977) : "element-" + i));
            }
            redis.rpush(b("list-small"), b("a"), b("17"), b("-40000"), b("x".repeat(300)));
            redis.sadd(b("set-intset"), b("1"), b("70000"), b("-5000000000"));
            for (int i = 0; i < 700; i++) {
                redis.sadd(b("set-big"), b("m" + i));
            }
            redis.hset(b("hash-small"), Map.of(b("f"), b("v"), b("n"), b("300")));
            for (int i = 0; i < 300; i++) {
                redis.hset(b("hash-big"), b("field" + i), b("v" + i));
            }
            redis.zadd(b("zset-small"), Map.of(b("a"), 1.5, b("b"), -2.0, b("c"), Double.POSITIVE_INFINITY));
            for (int i = 0; i < 300; i++) {
                redis.zadd(b("zset-big"), i / 7.0, b("member" + i));
            }
            for (String key : List.of("str-int", "str-long", "list-big", "list-small", "set-intset", "set-big",
                    "hash-small", "hash-big", "zset-small", "zset-big")) {
                byte[] payload = redis.dump(b(key));
                assertEquals(Reply.OK, sim(b("RESTORE"), b(key), b("0"), payload), key);
                RedisValue restored = node.keyspace().get(new Key(b(key)));
                assertEquals(redis.type(b(key)), restored.typeName(), key);
                assertEquals(realShape(key), DumpFixture.shape(restored), key);
            }
        } finally {
            redis.configSet("list-compress-depth", "0");
        }
    }

    @Test
    void stringPayloadsMatchRealRedisByteForByte() throws Exception {
        // Same encodings and the same LZF compressor (lzf_c.c as Redis builds it). Redis leaves
        // lzf_compress's hash table uninitialised (INIT_HTAB 0): offsets left by the previous call
        // can add matches. On a fresh server the table starts as zeros, so replaying the same
        // sequence of compressions with one reused table must give Redis's exact bytes.
        Random random = new Random(5);
        String words = "slot scope redis cluster hash tag migrate moved ask ";
        int[] redisTable = Lzf.newHashTable();
        int compressedByRedis = 0;
        int identicalWithCleanTable = 0;
        List<byte[][]> simCompressed = new ArrayList<>();
        try (RealServer fresh = RealServer.start(binary); Jedis real = new Jedis("127.0.0.1", fresh.port())) {
            for (int n = 0; n < 300; n++) {
                int length = 1 + random.nextInt(n < 150 ? 60 : 6000);
                StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    text.append(random.nextInt(4) == 0 ? Integer.toString(random.nextInt(100000))
                            : words.substring(random.nextInt(words.length())));
                }
                byte[] value = b(text.substring(0, length));
                real.set(b("s"), value);
                byte[] realPayload = real.dump(b("s"));
                node.keyspace().set(Key.of("s"), new StringValue(value));
                byte[] simPayload = assertInstanceOf(Reply.BulkString.class, sim(b("DUMP"), b("s"))).value();

                byte[] replayed = RdbValueCodec.dump(new StringValue(value), false);
                if (value.length > 20) { // rdbSaveRawString calls lzf_compress only then
                    byte[] lzf = Lzf.compress(value, value.length - 4, redisTable);
                    if (lzf != null) {
                        replayed = lzfStringPayload(lzf, value.length);
                    }
                }
                assertEquals(HEX.formatHex(realPayload), HEX.formatHex(replayed), "length " + length);
                if ((realPayload[1] & 0xff) == 0xC3) {
                    compressedByRedis++;
                    if (java.util.Arrays.equals(realPayload, simPayload)) {
                        identicalWithCleanTable++;
                    }
                    simCompressed.add(new byte[][] {value, simPayload});
                } else {
                    assertEquals(HEX.formatHex(realPayload), HEX.formatHex(simPayload), "length " + length);
                }
            }
        }
        // The simulator's own compressed payloads restore to the same value on Redis (on the shared
        // server, so the fresh one runs nothing but the compressions being replayed).
        for (byte[][] valueAndPayload : simCompressed) {
            assertEquals("OK", redis.restore(b("s2"), 0, valueAndPayload[1], RestoreParams.restoreParams().replace()));
            assertEquals(HEX.formatHex(valueAndPayload[0]), HEX.formatHex(redis.get(b("s2"))));
        }
        assertTrue(compressedByRedis > 100, "compressed strings: " + compressedByRedis);
        assertTrue(identicalWithCleanTable > 0, "a clean table gives Redis's bytes when no stale offset helps");
    }

    /** type STRING, RDB_ENC_LZF, compressed length, original length, data, version 10, CRC64. */
    private static byte[] lzfStringPayload(byte[] lzf, int originalLength) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0);
        out.write(0xC3);
        writeLength(out, lzf.length);
        writeLength(out, originalLength);
        out.writeBytes(lzf);
        out.write(10);
        out.write(0);
        long crc = Crc64.crc64(0, out.toByteArray());
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xff);
        }
        return out.toByteArray();
    }

    private static void writeLength(java.io.ByteArrayOutputStream out, int len) {
        if (len < 64) {
            out.write(len);
        } else if (len < 16384) {
            out.write(0x40 | (len >> 8));
            out.write(len & 0xff);
        } else {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((len >>> (8 * i)) & 0xff);
            }
        }
    }

    @Test
    void bothRejectBrokenPayloadsWithTheSameError() {
        node.keyspace().set(Key.of("k"), new StringValue(b("keep")));
        redis.set(b("k"), b("keep"));
        byte[] payload = ((Reply.BulkString) sim(b("DUMP"), b("k"))).value();
        List<byte[]> broken = new ArrayList<>();
        byte[] flipped = payload.clone();
        flipped[flipped.length - 1] ^= 1;
        broken.add(flipped);
        byte[] newer = payload.clone();
        newer[newer.length - 10] = 11;
        broken.add(newer);
        broken.add(java.util.Arrays.copyOf(payload, 5));
        broken.add(new byte[] {1, 2, 3});
        for (byte[] bad : broken) {
            String realError;
            try {
                redis.restore(b("k"), 0, bad, RestoreParams.restoreParams().replace());
                realError = "no error";
            } catch (JedisDataException e) {
                realError = e.getMessage();
            }
            Reply simReply = sim(b("RESTORE"), b("k"), b("0"), bad, b("REPLACE"));
            assertEquals(realError, assertInstanceOf(Reply.Error.class, simReply).message());
        }
        assertEquals("keep", redis.get("k"));
        assertEquals("keep", new String(((StringValue) node.keyspace().get(Key.of("k"))).value(), StandardCharsets.UTF_8));
    }
}
