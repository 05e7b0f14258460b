package org.slotscope.engine.keyspace.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ListValue;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.keyspace.ZSetValue;

/**
 * One file of src/test/resources/redis7/dump: a DUMP payload captured from redis-server 7.0.15
 * and the value that server read back, in a canonical shape that compares exactly.
 */
public record DumpFixture(String name, String encoding, long pttl, byte[] payload, String type, Object expected) {
    private static final HexFormat HEX = HexFormat.of();
    static final String DIR = "/redis7/dump/";

    /** Every fixture file, listed here so a missing one fails loudly. */
    public static final List<String> NAMES = List.of(
            "string-short", "string-int8", "string-int16", "string-int32", "string-int64",
            "string-not-canonical-int", "string-incompressible", "string-compressible", "string-long-text",
            "string-binary", "string-empty", "string-with-ttl",
            "list-small", "list-int-edges", "list-big", "list-compressed-nodes", "list-plain-node",
            "set-intset16", "set-intset32", "set-intset64", "set-small-strings", "set-big", "set-big-ints",
            "hash-small", "hash-big", "hash-long-value",
            "zset-small", "zset-big",
            "crafted-list-quicklist-ziplist", "crafted-list-ziplist", "crafted-hash-ziplist",
            "crafted-zset-ziplist", "crafted-zset-text-scores");

    public static DumpFixture load(String name) {
        String text = resource(DIR + name + ".hex");
        String encoding = null;
        long pttl = -1;
        byte[] payload = null;
        String type = null;
        List<String> elements = new ArrayList<>();
        TreeSet<String> members = new TreeSet<>();
        TreeMap<String, String> fields = new TreeMap<>();
        List<List<Object>> entries = new ArrayList<>();
        String stringValue = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" ");
            switch (w[0]) {
                case "encoding" -> encoding = w[1];
                case "pttl" -> pttl = Long.parseLong(w[1]);
                case "payload" -> payload = HEX.parseHex(w[1]);
                case "type" -> type = w[1];
                case "value" -> stringValue = w.length > 1 ? w[1] : "";
                case "element" -> elements.add(w.length > 1 ? w[1] : "");
                case "member" -> members.add(w.length > 1 ? w[1] : "");
                case "field" -> fields.put(w[1], w.length > 2 ? w[2] : "");
                case "entry" -> entries.add(List.of(w[1], Long.parseLong(w[2])));
                default -> throw new IllegalStateException(name + ": unknown line " + line);
            }
        }
        Object expected = switch (type) {
            case "string" -> stringValue;
            case "list" -> elements;
            case "set" -> members;
            case "hash" -> fields;
            case "zset" -> entries;
            default -> throw new IllegalStateException(name + ": type " + type);
        };
        return new DumpFixture(name, encoding, pttl, payload, type, expected);
    }

    /**
     * A value in the fixture's canonical shape: strings as hex; a list in order; a set sorted; a
     * hash as a sorted map (a Redis hash table has no order); a sorted set as (member, score bits)
     * in rank order.
     */
    public static Object shape(RedisValue value) {
        if (value instanceof StringValue s) {
            return HEX.formatHex(s.value());
        } else if (value instanceof ListValue l) {
            List<String> out = new ArrayList<>();
            for (byte[] e : l.elements()) {
                out.add(HEX.formatHex(e));
            }
            return out;
        } else if (value instanceof SetValue s) {
            TreeSet<String> out = new TreeSet<>();
            for (Key k : s.members()) {
                out.add(HEX.formatHex(k.bytes()));
            }
            return out;
        } else if (value instanceof HashValue h) {
            TreeMap<String, String> out = new TreeMap<>();
            for (Map.Entry<Key, byte[]> e : h.fields().entrySet()) {
                out.put(HEX.formatHex(e.getKey().bytes()), HEX.formatHex(e.getValue()));
            }
            return out;
        } else if (value instanceof ZSetValue z) {
            List<List<Object>> out = new ArrayList<>();
            for (ZSetValue.Entry e : z.inOrder()) {
                out.add(List.of(HEX.formatHex(e.member().bytes()), Double.doubleToLongBits(e.score())));
            }
            return out;
        }
        throw new IllegalArgumentException(String.valueOf(value));
    }

    public static String resource(String path) {
        try (InputStream in = DumpFixture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
