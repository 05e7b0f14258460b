package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.Replies;

/**
 * Protocol robustness: at least 100k random and mutated RESP frames, from a fixed seed, thrown at a
 * node served by {@link RespServer} over sockets, on several connections at once. The node must never
 * die, must go on answering a well-behaved client the whole time (each of its calls within a few
 * seconds, with the right answer), and must not corrupt data: a digest of every key the fuzz cannot
 * name (DUMP of each, in order) is the same before and after. No simulated command may throw (the
 * server turns that into "internal error" and a warning: both count as failures).
 *
 * <p>The frames: mostly well-framed commands from a small table (reads, and writes to keys under "fz:"
 * only) with an argument replaced by random bytes or an odd number, dropped or added, or a command name
 * of random bytes; each burst on a fresh connection ends with DISCARD and an ECHO whose reply is awaited,
 * so all of it has run. One connection in three then gets one more frame that may break the framing: a
 * byte flipped, cut short, a length changed to 0, -1, -5, huge or not a number, random bytes inserted,
 * frames glued together, nested arrays, RESP3 types where requests allow none, inline lines with
 * unbalanced quotes, an over-long inline line, or plain random bytes; and it is dropped at once. Every
 * sender has its own seeded random, so the input is the same on every run.
 * {@code -Dfuzz.seed=N} replays another run, {@code -Dfuzz.frames=N} changes the count.
 */
class RespFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261122L);
    private static final int FRAMES = Integer.getInteger("fuzz.frames", 100_000);
    private static final int FRAMES_PER_CONNECTION = 24;
    private static final int SENDERS = 4;

    private static final List<List<String>> COMMANDS = List.of(
            List.of("PING"), List.of("ECHO", "hello"), List.of("GET", "fz:a"), List.of("SET", "fz:a", "1"),
            List.of("INCR", "fz:n"), List.of("LPUSH", "fz:l", "a", "b"), List.of("LRANGE", "fz:l", "0", "-1"),
            List.of("HSET", "fz:h", "f", "v"), List.of("HGETALL", "fz:h"), List.of("SADD", "fz:s", "m"),
            List.of("ZADD", "fz:z", "1.5", "m"), List.of("ZRANGE", "fz:z", "0", "-1", "WITHSCORES"),
            List.of("MSET", "fz:{t}1", "1", "fz:{t}2", "2"), List.of("MGET", "fz:{t}1", "fz:{t}2"),
            List.of("EXISTS", "fz:a", "fz:b"), List.of("TYPE", "fz:h"), List.of("TTL", "fz:a"),
            List.of("EXPIRE", "fz:a", "100"), List.of("CLUSTER", "KEYSLOT", "fz:a"), List.of("CLUSTER", "INFO"),
            List.of("CLUSTER", "NODES"), List.of("CLUSTER", "COUNTKEYSINSLOT", "100"), List.of("DBSIZE"),
            List.of("INFO", "server"), List.of("SELECT", "0"), List.of("MULTI"), List.of("EXEC"), List.of("DISCARD"),
            List.of("HELLO", "3"), List.of("HELLO", "2"), List.of("CLIENT", "SETNAME", "fuzz"), List.of("COMMAND", "COUNT"),
            List.of("CONFIG", "GET", "maxmemory"), List.of("GETRANGE", "fz:a", "0", "-1"), List.of("SETRANGE", "fz:a", "2", "x"),
            List.of("APPEND", "fz:a", "yy"), List.of("RPOP", "fz:l"), List.of("SPOP", "fz:s"), List.of("DEL", "fz:z"),
            List.of("ASKING"), List.of("READONLY"), List.of("OBJECT", "ENCODING", "fz:l"), List.of("SCAN", "0"),
            List.of("DUMP", "fz:h"), List.of("FUNCTION", "LIST"), List.of("TIME"), List.of("QUIT"));

    @Test
    void randomAndMutatedFramesNeverKillCorruptOrStallTheNode() throws Exception {
        int port = FreePorts.consecutive(1);
        SimCluster cluster = new SimCluster(SEED, new NodeConfig(), new EventLog(EventLog.DEFAULT_RETAINED, false),
                CommandTable.standard());
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        try (EngineLoop loop = RespServer.newEngineLoop(cluster, "fuzz-engine")) {
            loop.call(c -> c.createReadyCluster("127.0.0.1", port, 1, 0)).join();
            try (RespServer server = new RespServer(loop, "127.0.0.1", warnings::add)) {
                server.start();
                loop.play();
                try (NodeLink control = new JedisLink("127.0.0.1", port, 10_000)) {
                    fill(control);
                    String before = digest(control);

                    AtomicLong sent = new AtomicLong();
                    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                    List<Future<?>> running = new ArrayList<>();
                    for (int s = 0; s < SENDERS; s++) {
                        Random random = new Random(SEED * 31 + s);
                        int share = FRAMES / SENDERS + (s < FRAMES % SENDERS ? 1 : 0);
                        running.add(senders.submit(() -> {
                            send(port, random, share, sent);
                            return null;
                        }));
                    }
                    senders.shutdown();
                    // the well-behaved client is served all along
                    long probes = 0;
                    while (!senders.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                        long started = System.nanoTime();
                        String key = "data:s" + (probes % 50);
                        Reply reply = control.send("GET", key);
                        assertEquals("v" + (probes % 50), ((Reply.BulkString) reply).asString(), key);
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        assertTrue(millis < 5000, "a GET took " + millis + " ms during the fuzz");
                        probes++;
                    }
                    for (Future<?> f : running) {
                        f.get();
                    }
                    assertTrue(sent.get() >= FRAMES, "frames sent: " + sent.get());
                    assertTrue(probes > 0, "the control client was never served during the fuzz");

                    assertEquals(before, digest(control), "keys the fuzz cannot name are unchanged");
                    // the frames reached the engine: many connections, many commands run
                    String stats = Replies.text(control.send("INFO", "stats"));
                    long connections = statistic(stats, "total_connections_received");
                    long commands = statistic(stats, "total_commands_processed");
                    System.out.printf("fuzz: %d frames, %d connections, %d commands run, %d control GETs%n",
                            sent.get(), connections, commands, probes);
                    assertTrue(connections > FRAMES / FRAMES_PER_CONNECTION, stats);
                    assertTrue(commands > FRAMES / 4, stats);
                    assertEquals("PONG", Replies.text(control.send("PING")));
                }
                try (NodeLink fresh = new JedisLink("127.0.0.1", port, 10_000)) {
                    assertEquals("PONG", Replies.text(fresh.send("PING")), "new connections accepted");
                }
                assertEquals(List.of(), warnings.stream().filter(w -> w.contains("internal error")).toList());
            }
        }
    }

    private static long statistic(String info, String field) {
        return info.lines().filter(l -> l.startsWith(field + ":")).mapToLong(l -> Long.parseLong(l.substring(
                field.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError(field + " in " + info));
    }

    /** Strings, a hash, a list, a set and a sorted set under "data:", which no fuzz frame names. */
    private static void fill(NodeLink link) {
        for (int i = 0; i < 50; i++) {
            link.send("SET", "data:s" + i, "v" + i);
            link.send("HSET", "data:h", "f" + i, "v" + i);
            link.send("RPUSH", "data:l", "e" + i);
            link.send("SADD", "data:set", "m" + i);
            link.send("ZADD", "data:z", String.valueOf(i), "m" + i);
        }
    }

    private static String digest(NodeLink link) throws Exception {
        Reply keys = link.send("KEYS", "data:*");
        List<String> names = new ArrayList<>();
        for (Reply key : ((Reply.ArrayReply) keys).elements()) {
            names.add(((Reply.BulkString) key).asString());
        }
        Collections.sort(names);
        assertEquals(54, names.size(), names.toString());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String name : names) {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(((Reply.BulkString) link.send("DUMP", name)).value());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Bursts on fresh connections: well-framed frames, then DISCARD (a burst may have opened a MULTI)
     * and an ECHO of a marker, read back so every frame of the burst has run; then, on one connection in
     * three, one frame that may break the framing, and the connection is dropped at once.
     */
    private static void send(int port, Random random, int frames, AtomicLong sent) {
        int left = frames;
        long connection = 0;
        while (left > 0) {
            int burst = Math.min(left, 1 + random.nextInt(FRAMES_PER_CONNECTION));
            boolean breaking = random.nextInt(3) == 0;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < (breaking ? burst - 1 : burst); i++) {
                out.writeBytes(wellFramed(random));
            }
            byte[] marker = ("end-of-burst-" + Thread.currentThread().getId() + "-" + connection++)
                    .getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(encode(List.of("DISCARD")));
            out.writeBytes(encode(List.of("ECHO", new String(marker, StandardCharsets.US_ASCII))));
            byte[] last = breaking ? frame(random) : null;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoLinger(true, 0); // close at once, even with replies unread
                OutputStream stream = socket.getOutputStream();
                stream.write(out.toByteArray());
                stream.flush();
                socket.setSoTimeout(5000);
                awaitMarker(socket, marker);
                if (last != null) {
                    stream.write(last);
                    stream.flush();
                }
            } catch (IOException closedByTheServer) {
                // QUIT, or a protocol error: the connection is closed, as redis-server does
            }
            sent.addAndGet(burst);
            left -= burst;
        }
    }

    private static void awaitMarker(Socket socket, byte[] marker) throws IOException {
        byte[] buffer = new byte[8192];
        byte[] tail = new byte[0];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                byte[] seen = concat(tail, java.util.Arrays.copyOf(buffer, n));
                if (indexOf(seen, marker) >= 0) {
                    return;
                }
                tail = java.util.Arrays.copyOfRange(seen, Math.max(0, seen.length - marker.length), seen.length);
            }
        } catch (java.net.SocketTimeoutException stalled) {
            throw new AssertionError("no reply to a well-framed burst within 5 s");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * A frame that keeps RESP's framing (so the connection goes on) with odd contents: a command from
     * the table with an argument replaced by random bytes (CR and LF included), an odd number, or
     * dropped or added; a command name of random bytes; or the command as is.
     */
    static byte[] wellFramed(Random random) {
        List<String> command = new ArrayList<>(COMMANDS.get(random.nextInt(COMMANDS.size())));
        String[] odd = {"-1", "0", "-9223372036854775808", "9223372036854775807", "18446744073709551616", "nan", "inf",
                "-inf", "1e400", "0x10", "", " ", "1.5", "+", "(1", "[a", "-", "*", "\r\n", "\u0000"};
        switch (random.nextInt(6)) {
            case 0 -> command.set(random.nextInt(command.size()), randomText(random));
            case 1 -> command.set(random.nextInt(command.size()), odd[random.nextInt(odd.length)]);
            case 2 -> {
                if (command.size() > 1) {
                    command.remove(random.nextInt(command.size() - 1) + 1);
                }
            }
            case 3 -> command.add(random.nextBoolean() ? randomText(random) : odd[random.nextInt(odd.length)]);
            case 4 -> command.set(0, randomText(random));
            default -> {
            }
        }
        return encode(command);
    }

    /** Random bytes as ISO-8859-1 text (so each byte survives encoding), never naming a "data:" key. */
    private static String randomText(Random random) {
        byte[] bytes = new byte[random.nextInt(12)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static byte[] encode(List<String> command) {
        StringBuilder sb = new StringBuilder("*").append(command.size()).append("\r\n");
        for (String arg : command) {
            sb.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One frame: valid, mutated or random. */
    static byte[] frame(Random random) {
        byte[] valid = encode(COMMANDS.get(random.nextInt(COMMANDS.size())));
        switch (random.nextInt(12)) {
            case 0, 1, 2:
                return valid;
            case 3: { // flip bytes
                byte[] f = valid.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return f;
            }
            case 4: // cut short
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case 5: { // a length replaced
                String text = new String(valid, StandardCharsets.ISO_8859_1);
                String[] lengths = {"0", "-1", "-5", "1048577", "2147483648", "99999999999999999999", "x", "", " 3",
                        "536870913", "3.0"};
                String length = lengths[random.nextInt(lengths.length)];
                String mutated = random.nextBoolean() ? text.replaceFirst("^\\*\\d+", "*" + length)
                        : text.replaceFirst("\\$\\d+", "\\$" + length);
                return mutated.getBytes(StandardCharsets.ISO_8859_1);
            }
            case 6: { // random bytes inserted
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                int at = random.nextInt(valid.length + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(valid, 0, at);
                out.writeBytes(noise);
                out.write(valid, at, valid.length - at);
                return out.toByteArray();
            }
            case 7: { // nested arrays and RESP3 types inside a request
                String[] odd = {"*1\r\n*1\r\n$4\r\nPING\r\n", "*2\r\n$3\r\nGET\r\n:12\r\n", "*1\r\n%1\r\n+a\r\n+b\r\n",
                        "*1\r\n_\r\n", "*2\r\n$4\r\nECHO\r\n#t\r\n", "*-1\r\n", "*0\r\n", "$4\r\nPING\r\n",
                        "+PING\r\n", ":1\r\n", "*1\r\n$-1\r\n", "*3\r\n$3\r\nSET\r\n$4\r\nfz:a\r\n$3\r\nab\r\n"};
                return odd[random.nextInt(odd.length)].getBytes(StandardCharsets.US_ASCII);
            }
            case 8: { // inline commands, some broken
                String[] inline = {"PING\r\n", "GET fz:a\n", "SET fz:a \"unterminated\r\n", "SET fz:a 'x\r\n",
                        "ECHO \"a\\x4\"\r\n", "ECHO \"\\xzz\"\r\n", "\r\n", "   \n", "SET \"fz:a\"x 1\r\n", "ECHO \"\"\r\n"};
                return inline[random.nextInt(inline.length)].getBytes(StandardCharsets.US_ASCII);
            }
            case 9: { // an inline line longer than Redis accepts (64 KiB without a newline)
                if (random.nextInt(20) != 0) {
                    return valid;
                }
                byte[] f = new byte[70_000];
                java.util.Arrays.fill(f, (byte) 'a');
                return f;
            }
            case 10: // two frames glued, the first cut
                return concat(java.util.Arrays.copyOf(valid, valid.length / 2),
                        encode(COMMANDS.get(random.nextInt(COMMANDS.size()))));
            default: { // random bytes
                byte[] f = new byte[1 + random.nextInt(64)];
                random.nextBytes(f);
                return f;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
