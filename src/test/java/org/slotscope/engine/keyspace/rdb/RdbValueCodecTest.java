package org.slotscope.engine.keyspace.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ListValue;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.keyspace.ZSetValue;

class RdbValueCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<DumpFixture> fixtures() {
        return DumpFixture.NAMES.stream().map(DumpFixture::load);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void restoresEveryRedis7PayloadExactly(DumpFixture fixture) throws DumpPayloadException {
        RedisValue value = RdbValueCodec.restore(fixture.payload());
        assertEquals(fixture.type(), value.typeName());
        assertEquals(fixture.expected(), DumpFixture.shape(value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void dumpOfARestoredValueRestoresToTheSameValue(DumpFixture fixture) throws DumpPayloadException {
        RedisValue value = RdbValueCodec.restore(fixture.payload());
        assertEquals(fixture.expected(), DumpFixture.shape(RdbValueCodec.restore(RdbValueCodec.dump(value))));
        assertEquals(fixture.expected(),
                DumpFixture.shape(RdbValueCodec.restore(RdbValueCodec.dump(value, false))));
    }

    @Test
    void everyFixtureFileIsListed() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(RdbValueCodecTest.class.getResource(DumpFixture.DIR).toURI());
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            List<String> onDisk = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".hex"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().collect(java.util.stream.Collectors.toList());
            assertEquals(onDisk, DumpFixture.NAMES.stream().sorted().collect(java.util.stream.Collectors.toList()));
        }
    }

    @Test
    void fixturesCoverEveryEncodingRedis7WritesAndTheZiplistEraOnes() {
        java.util.TreeSet<Integer> typeBytes = new java.util.TreeSet<>();
        java.util.TreeSet<String> encodings = new java.util.TreeSet<>();
        for (String name : DumpFixture.NAMES) {
            DumpFixture fixture = DumpFixture.load(name);
            typeBytes.add(fixture.payload()[0] & 0xff);
            encodings.add(fixture.encoding());
        }
        // STRING, SET, ZSET, HASH, ZSET_2, LIST_ZIPLIST, SET_INTSET, ZSET_ZIPLIST, HASH_ZIPLIST,
        // LIST_QUICKLIST, HASH_LISTPACK, ZSET_LISTPACK, LIST_QUICKLIST_2 (plain LIST: round trips)
        assertEquals(List.of(0, 2, 3, 4, 5, 10, 11, 12, 13, 14, 16, 17, 18), List.copyOf(typeBytes));
        assertTrue(encodings.containsAll(List.of("int", "embstr", "raw", "quicklist", "intset", "hashtable",
                "listpack", "skiplist")), encodings.toString());
    }

    @Test
    void stringDumpsAreByteIdenticalToRedis() throws DumpPayloadException {
        // Strings use Redis's own encodings (int-encoded, LZF), so the bytes match exactly.
        int checked = 0;
        for (String name : DumpFixture.NAMES) {
            DumpFixture fixture = DumpFixture.load(name);
            if (name.startsWith("string-")) {
                RedisValue value = RdbValueCodec.restore(fixture.payload());
                assertEquals(HEX.formatHex(fixture.payload()), HEX.formatHex(RdbValueCodec.dump(value)), name);
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void smallIntegersAreWrittenIntEncodedLikeRedis() {
        assertEquals("00c0d6", HEX.formatHex(body(new StringValue(bytes("-42")))));
        assertEquals("00c13930", HEX.formatHex(body(new StringValue(bytes("12345")))));
        assertEquals("00c2006cca88", HEX.formatHex(body(new StringValue(bytes("-2000000000")))));
        // out of int32, or not in canonical form: plain strings
        assertEquals("000a32313437343833363438", HEX.formatHex(body(new StringValue(bytes("2147483648")))));
        assertEquals("0003303037", HEX.formatHex(body(new StringValue(bytes("007")))));
        assertEquals("00022b31", HEX.formatHex(body(new StringValue(bytes("+1")))));
    }

    @Test
    void dumpWritesVersion10AndTheCrcOfEverythingBefore() {
        byte[] payload = RdbValueCodec.dump(new StringValue(bytes("hello")));
        assertEquals("000568656c6c6f0a00", HEX.formatHex(payload, 0, payload.length - 8));
        assertEquals("6372df766534200a", HEX.formatHex(payload, payload.length - 8, payload.length));
    }

    @Test
    void roundTripsEveryTypeIncludingBinaryAndLargeValues() throws DumpPayloadException {
        List<RedisValue> values = new ArrayList<>();
        values.add(new StringValue(new byte[0]));
        values.add(new StringValue(new byte[] {0, (byte) 0xff, '\r', '\n'}));
        values.add(new StringValue(bytes("x".repeat(100_000))));
        ListValue list = new ListValue();
        for (int i = 0; i < 5000; i++) {
            list.elements().addLast(bytes(i % 3 == 0 ? Integer.toString(i - 2500) : "item-" + i));
        }
        values.add(list);
        SetValue set = new SetValue();
        for (int i = 0; i < 700; i++) {
            set.add(Key.of(i % 2 == 0 ? Integer.toString(i) : "m" + i));
        }
        values.add(set);
        ZSetValue zset = new ZSetValue();
        zset.put(Key.of("neg-inf"), Double.NEGATIVE_INFINITY);
        zset.put(Key.of("inf"), Double.POSITIVE_INFINITY);
        zset.put(Key.of("tiny"), Double.MIN_VALUE);
        zset.put(Key.of("minus-zero"), -0.0);
        zset.put(Key.of("tenth"), 0.1);
        zset.put(Key.of("same-a"), 3);
        zset.put(Key.of("same-b"), 3);
        values.add(zset);
        HashValue hash = new HashValue();
        hash.fields().put(Key.of("f"), bytes("v"));
        hash.fields().put(Key.of("empty"), new byte[0]);
        hash.fields().put(Key.of("long"), bytes("y".repeat(5000)));
        values.add(hash);
        for (RedisValue value : values) {
            RedisValue back = RdbValueCodec.restore(RdbValueCodec.dump(value));
            assertEquals(value.typeName(), back.typeName());
            assertEquals(DumpFixture.shape(value), DumpFixture.shape(back), value.typeName());
        }
    }

    @Test
    void sortedSetIsWrittenFromTheHighestScoreLikeTheSkiplist() {
        ZSetValue zset = new ZSetValue();
        zset.put(Key.of("a"), 1);
        zset.put(Key.of("b"), 2);
        // type ZSET_2, 2 entries, "b" first: rdbSaveObject walks the skiplist from the tail
        assertEquals("05020162000000000000004001610000000000" + "00f03f",
                HEX.formatHex(body(zset)));
    }

    static Stream<String[]> redisErrorCases() {
        List<String[]> out = new ArrayList<>();
        for (String line : DumpFixture.resource(DumpFixture.DIR + "errors.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split(" ", 3));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("redisErrorCases")
    void rejectsBrokenPayloadsForTheReasonRedisGives(String name, String payloadHex, String redisReply) {
        DumpPayloadException e = assertThrows(DumpPayloadException.class,
                () -> RdbValueCodec.restore(HEX.parseHex(payloadHex)));
        DumpPayloadException.Reason expected = redisReply.equals("ERR DUMP payload version or checksum are wrong")
                ? DumpPayloadException.Reason.VERSION_OR_CHECKSUM : DumpPayloadException.Reason.BAD_DATA_FORMAT;
        assertTrue(redisReply.equals("ERR Bad data format") || expected == DumpPayloadException.Reason.VERSION_OR_CHECKSUM,
                "unexpected reply in fixture: " + redisReply);
        assertEquals(expected, e.reason());
    }

    @Test
    void olderRdbVersionsAreAccepted() throws DumpPayloadException {
        byte[] body = {0, 1, 'x', 0, 0}; // version 0, as verifyDumpPayload only refuses newer ones
        assertEquals("78", DumpFixture.shape(RdbValueCodec.restore(withCrc(body))));
    }

    @Test
    void readsASevenTwoListpackSet() throws DumpPayloadException {
        // RDB_TYPE_SET_LISTPACK (Redis 7.2): a listpack of members: "a" (6 bit str), 5 (7 bit uint)
        byte[] lp = {0x0c, 0, 0, 0, 0x02, 0, (byte) 0x81, 'a', 0x02, 0x05, 0x01, (byte) 0xff};
        byte[] body = new byte[2 + lp.length + 2];
        body[0] = (byte) RdbType.SET_LISTPACK;
        body[1] = (byte) lp.length;
        System.arraycopy(lp, 0, body, 2, lp.length);
        body[body.length - 2] = 10;
        assertEquals(new java.util.TreeSet<>(List.of("35", "61")),
                DumpFixture.shape(RdbValueCodec.restore(withCrc(body))));
    }

    @Test
    void refusesDuplicateHashFieldsInsteadOfDroppingOne() {
        // Redis 7.0 loads a small RDB_TYPE_HASH with a duplicate field unchecked; the simulator's
        // hash cannot hold it, so it refuses the payload (documented difference).
        byte[] body = {4, 2, 1, 'a', 1, '1', 1, 'a', 1, '2', 10, 0};
        DumpPayloadException e = assertThrows(DumpPayloadException.class, () -> RdbValueCodec.restore(withCrc(body)));
        assertEquals(DumpPayloadException.Reason.BAD_DATA_FORMAT, e.reason());
    }

    @Test
    void objectMayReadIntoTheFooterAsOnRedis() throws DumpPayloadException {
        // Found on redis-server 7.0.15: RESTORE reads the object from the whole argument, so a
        // string claiming 5 bytes when 1 is left takes 4 bytes of the footer, and loads.
        byte[] body = {0, 5, 'x', 10, 0};
        byte[] payload = withCrc(body);
        RedisValue value = RdbValueCodec.restore(payload);
        assertArrayEquals(new byte[] {'x', 10, 0, payload[5], payload[6]}, ((StringValue) value).value());
    }

    private static byte[] withCrc(byte[] bodyWithVersion) {
        long crc = Crc64.crc64(0, bodyWithVersion);
        byte[] out = java.util.Arrays.copyOf(bodyWithVersion, bodyWithVersion.length + 8);
        for (int i = 0; i < 8; i++) {
            out[bodyWithVersion.length + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    /** The payload without its 10 byte footer. */
    private static byte[] body(RedisValue value) {
        byte[] payload = RdbValueCodec.dump(value);
        return java.util.Arrays.copyOf(payload, payload.length - 10);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
