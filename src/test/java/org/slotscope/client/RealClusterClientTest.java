package org.slotscope.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.LinkClock;
import org.slotscope.link.NodeLink;
import org.slotscope.testsupport.RealCluster;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

/**
 * The same redirect scenario on a real Redis cluster, run once by Jedis's JedisCluster and once by
 * our client, each from a fresh slot cache: a write and a read, a read while the key's slot is half
 * moved (ASK, twice: an ASK is never cached), and reads after the move (one MOVED, then straight to
 * the new owner). What each node received is read from the servers' own INFO commandstats
 * (calls and rejected_calls of GET, SET and ASKING), so the two clients are compared on the wire.
 */
class RealClusterClientTest {
    private static final String KEY = "foo";
    private static final int SLOT = HashSlot.of(KEY);

    /** Just what the scenario needs from a client. */
    private interface Kv {
        void set(String key, String value);

        String get(String key);
    }

    @Test
    void sameWireTrafficAsJedisThroughAskAndMoved() throws Exception {
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<String> addresses = List.of("127.0.0.1:" + real.port(0), "127.0.0.1:" + real.port(1),
                    "127.0.0.1:" + real.port(2));
            Connector connector = JedisLink.connector(ConnectOptions.timeout(5000));
            List<NodeLink> links = new ArrayList<>();
            addresses.forEach(a -> links.add(connector.connect(a)));
            List<String> ids = links.stream().map(l -> text(l.send("CLUSTER", "MYID"))).toList();
            int source = ownerIndex(links.get(0), ids);
            int target = (source + 1) % 3;

            Map<String, String> jedisTraffic;
            try (JedisCluster jedis = new JedisCluster(Set.of(new HostAndPort("127.0.0.1", real.port(0))), 5000)) {
                jedisTraffic = scenario(links, ids, source, target, new Kv() {
                    @Override
                    public void set(String key, String value) {
                        jedis.set(key, value);
                    }

                    @Override
                    public String get(String key) {
                        return jedis.get(key);
                    }
                });
            }
            moveSlot(links, ids, target, source); // back where it was, for the second run
            List<ClientEvent> events = new ArrayList<>();
            Map<String, String> ourTraffic;
            try (ClusterClient ours = new ClusterClient("ours", connector, List.of(addresses.get(0)),
                    LinkClock.system(), ClusterClient.Options.DEFAULTS, events::add)) {
                ourTraffic = scenario(links, ids, source, target, new Kv() {
                    @Override
                    public void set(String key, String value) {
                        assertEquals("OK", text(ours.execute("SET", key, value)));
                    }

                    @Override
                    public String get(String key) {
                        return text(ours.execute("GET", key));
                    }
                });
            }
            // Jedis: the source ran the first GET and turned away three (two ASK, one MOVED); the target
            // took two ASKING + GET and, after the move, two GETs (one after the MOVED, one direct)
            assertEquals("calls=1 rejected_calls=3", jedisTraffic.get(source + " get"), jedisTraffic.toString());
            assertEquals("calls=4 rejected_calls=0", jedisTraffic.get(target + " get"), jedisTraffic.toString());
            assertEquals("calls=2 rejected_calls=0", jedisTraffic.get(target + " asking"), jedisTraffic.toString());
            assertEquals(jedisTraffic, ourTraffic);
            // and what the client saw of it
            assertEquals(2, events.stream().filter(e -> e instanceof ClientEvent.Ask).count(), events.toString());
            assertEquals(1, events.stream().filter(e -> e instanceof ClientEvent.Moved).count(), events.toString());
            links.forEach(NodeLink::close);
        }
    }

    /** Runs the scenario with a fresh client and returns each node's GET / SET / ASKING counters. */
    private static Map<String, String> scenario(List<NodeLink> links, List<String> ids, int source, int target,
                                                Kv client) {
        links.forEach(l -> assertEquals("OK", text(l.send("CONFIG", "RESETSTAT"))));
        client.set(KEY, "bar");
        assertEquals("bar", client.get(KEY));
        // half-way through a move: the key is on the target, the slot still the source's
        String slot = String.valueOf(SLOT);
        assertEquals("OK", text(links.get(target).send("CLUSTER", "SETSLOT", slot, "IMPORTING", ids.get(source))));
        assertEquals("OK", text(links.get(source).send("CLUSTER", "SETSLOT", slot, "MIGRATING", ids.get(target))));
        String[] to = links.get(target).address().split(":");
        assertEquals("OK", text(links.get(source).send("MIGRATE", to[0], to[1], KEY, "0", "5000")));
        assertEquals("bar", client.get(KEY));
        assertEquals("bar", client.get(KEY));
        for (int i : new int[] {target, source, 3 - source - target}) {
            assertEquals("OK", text(links.get(i).send("CLUSTER", "SETSLOT", slot, "NODE", ids.get(target))));
        }
        assertEquals("bar", client.get(KEY));
        assertEquals("bar", client.get(KEY));
        Map<String, String> traffic = new LinkedHashMap<>();
        for (int i = 0; i < links.size(); i++) {
            String stats = text(links.get(i).send("INFO", "commandstats"));
            for (String command : List.of("get", "set", "asking")) {
                traffic.put(i + " " + command, counters(stats, command));
            }
        }
        return traffic;
    }

    private static String counters(String stats, String command) {
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                StringBuilder kept = new StringBuilder();
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("calls=") || field.startsWith("rejected_calls=")) {
                        kept.append(field).append(' ');
                    }
                }
                return kept.toString().trim();
            }
        }
        return "none";
    }

    /** Moves the (one-key) slot from one node to another by hand, as redis-cli does. */
    private static void moveSlot(List<NodeLink> links, List<String> ids, int from, int to) {
        String slot = String.valueOf(SLOT);
        assertEquals("OK", text(links.get(to).send("CLUSTER", "SETSLOT", slot, "IMPORTING", ids.get(from))));
        assertEquals("OK", text(links.get(from).send("CLUSTER", "SETSLOT", slot, "MIGRATING", ids.get(to))));
        String[] address = links.get(to).address().split(":");
        assertEquals("OK", text(links.get(from).send("MIGRATE", address[0], address[1], KEY, "0", "5000")));
        for (int i : new int[] {to, from, 3 - from - to}) {
            assertEquals("OK", text(links.get(i).send("CLUSTER", "SETSLOT", slot, "NODE", ids.get(to))));
        }
    }

    private static int ownerIndex(NodeLink any, List<String> ids) {
        String nodes = text(any.send("CLUSTER", "NODES"));
        for (String line : nodes.split("\n")) {
            String[] f = line.split(" ");
            for (int i = 8; i < f.length; i++) {
                String[] range = f[i].split("-");
                if (!range[0].startsWith("[") && Integer.parseInt(range[0]) <= SLOT
                        && SLOT <= Integer.parseInt(range[range.length - 1])) {
                    return ids.indexOf(f[0]);
                }
            }
        }
        throw new AssertionError("nobody owns slot " + SLOT + ":\n" + nodes);
    }
}
