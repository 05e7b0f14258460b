package org.slotscope.engine.command.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.node.ClusterNode;

/**
 * The topology the fixtures under redis7/cluster were captured on, rebuilt in a SimCluster on the
 * same (in-process, never opened) addresses 127.0.0.1:17200-17202: three masters from
 * createReadyCluster (0-5460, 5461-10922, 10923-16383, configEpoch 1..3, currentEpoch 3), keys
 * foo (slot 12182), {user1}:a (slot 8106) and hello (slot 866), and slot 866 open from the first
 * master to the second.
 */
final class RealTopology {
    static final String HOST = "127.0.0.1";
    static final int BASE_PORT = 17200;

    /** The node ids of the real cluster the fixtures come from, by port. */
    static final Map<Integer, String> REAL_IDS = Map.of(
            17200, "0f1b7b0ed857dc01dec46dd8eed668ef8892bacf",
            17201, "b591aebcdd00dc01c342ba142f893e030e3cf767",
            17202, "b092c0d93c0f3e2b6fe8cb6f2122f179dd0ac639",
            17203, "73575e1b84f2be2b34fcd4c81b5bb84db1a2a6fd",
            17204, "fd30d5d3be0b8446b29dac9ed607c78a06e5f8de");

    final SimCluster cluster = new SimCluster(42);
    final List<ClusterNode> masters;

    RealTopology() {
        masters = cluster.createReadyCluster(HOST, BASE_PORT, 3, 0);
        put(masters.get(2), "foo", "bar");
        put(masters.get(1), "{user1}:a", "1");
        put(masters.get(0), "hello", "world");
        ok(run(masters.get(1), "CLUSTER", "SETSLOT", "866", "IMPORTING", id(0)));
        ok(run(masters.get(0), "CLUSTER", "SETSLOT", "866", "MIGRATING", id(1)));
    }

    String id(int master) {
        return masters.get(master).id().value();
    }

    static void put(ClusterNode node, String key, String value) {
        node.keyspace().set(Key.of(key), new StringValue(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    Reply run(ClusterNode node, String... words) {
        ClientSession session = cluster.connect(node, "127.0.0.1:50000");
        return cluster.execute(node, session, words);
    }

    Reply run(ClusterNode node, int protocol, String... words) {
        ClientSession session = cluster.connect(node, "127.0.0.1:50000");
        session.setProtocol(protocol);
        return cluster.execute(node, session, words);
    }

    static void ok(Reply reply) {
        if (!Reply.OK.equals(reply)) {
            throw new AssertionError("expected OK, got " + reply);
        }
    }

    static Map<String, String> realIdLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        REAL_IDS.forEach((port, id) -> labels.put(id, "<node-" + port + ">"));
        return labels;
    }

    /**
     * Normalisation of node ids: every id, real or simulated, becomes "<node-PORT>" for the node
     * listening on PORT, so the two clusters' random ids compare equal.
     */
    Map<String, String> idLabels(boolean real) {
        if (real) {
            return realIdLabels();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        {
            for (ClusterNode node : cluster.nodes()) {
                labels.put(node.id().value(), "<node-" + node.port() + ">");
            }
        }
        return labels;
    }
}
