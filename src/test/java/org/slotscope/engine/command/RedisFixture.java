package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;

/**
 * Replays a fixture captured from a real Redis 7.0 (src/test/resources/redis7/data/*.txt) against a
 * fresh one-master simulated cluster and checks every reply, in the fixture's notation.
 */
public final class RedisFixture {
    private RedisFixture() {
    }

    /** Replays {@code name} and fails listing every reply that differs from the real server's. */
    public static void assertMatches(String name) {
        List<String> lines = load(name);
        SimCluster cluster = new SimCluster(1);
        ClusterNode node = cluster.createReadyCluster("127.0.0.1", 7000, 1, 0).get(0);
        ClientSession session = cluster.connect(node, "fixture");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith(">")) {
                continue;
            }
            boolean sorted = line.startsWith(">sorted ");
            String command = line.substring(sorted ? 8 : 2);
            String expected = lines.get(++i);
            String[] words = command.split(" ", -1);
            if (words[0].equalsIgnoreCase("HELLO")) {
                session.setProtocol(Integer.parseInt(words[1])); // HELLO belongs to the server commands
                continue;
            }
            Reply reply = cluster.execute(node, session, words);
            String actual = format(reply, session.protocol(), sorted);
            checked++;
            if (!expected.equals(actual)) {
                mismatches.add(command + "\n    redis: " + expected + "\n    sim:   " + actual);
            }
        }
        assertTrue(checked > 0, "fixture " + name + " has no commands");
        assertEquals("", String.join("\n", mismatches), "replies that differ from Redis 7.0 in " + name);
    }

    private static List<String> load(String name) {
        try (InputStream in = RedisFixture.class.getResourceAsStream("/redis7/data/" + name)) {
            assertNotNull(in, "missing fixture " + name);
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The fixture notation (see the header of each fixture file). */
    public static String format(Reply reply, int protocol, boolean sortArray) {
        boolean resp3 = protocol >= 3;
        if (reply instanceof Reply.SimpleString s) {
            return "+" + s.value();
        } else if (reply instanceof Reply.Error e) {
            return "-" + e.message();
        } else if (reply instanceof Reply.IntegerReply n) {
            return ":" + n.value();
        } else if (reply instanceof Reply.BulkString b) {
            return "\"" + escape(b.value()) + "\"";
        } else if (reply instanceof Reply.VerbatimString v) {
            return "\"" + escape(v.text().getBytes(StandardCharsets.UTF_8)) + "\"";
        } else if (reply instanceof Reply.Nil) {
            return resp3 ? "_" : "$-1";
        } else if (reply instanceof Reply.NilArray) {
            return resp3 ? "_" : "*-1";
        } else if (reply instanceof Reply.DoubleReply d) {
            return resp3 ? "," + Args.formatDouble(d.value()) : "\"" + Args.formatDouble(d.value()) + "\"";
        } else if (reply instanceof Reply.ArrayReply a) {
            return "[" + join(a.elements(), protocol, sortArray) + "]";
        } else if (reply instanceof Reply.SetReply s) {
            return (resp3 ? "~[" : "[") + join(s.elements(), protocol, sortArray) + "]";
        } else if (reply instanceof Reply.MapReply m) {
            return resp3 ? "{" + join(m.keysAndValues(), protocol, false) + "}"
                    : "[" + join(m.keysAndValues(), protocol, sortArray) + "]";
        }
        return String.valueOf(reply);
    }

    /** Printable ASCII as is, any other byte (and the backslash) as \xNN, as the capture script writes. */
    private static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 32 && c < 127 && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    private static String join(List<Reply> elements, int protocol, boolean sort) {
        List<String> parts = new ArrayList<>();
        for (Reply r : elements) {
            parts.add(format(r, protocol, false));
        }
        if (sort) {
            parts.sort(null);
        }
        return String.join(", ", parts);
    }
}
