package org.slotscope.engine.command.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

/**
 * Every error reply a real Redis 7.0.15 gave (errors.txt, roles-and-epochs.txt) replayed against
 * the simulator on the same topology. Only node ids are normalised (each id becomes
 * "&lt;node-PORT&gt;"); an id no node has (0123...89) stays as it is. Bad input must also change
 * nothing: the views and keys are compared before and after.
 */
class ClusterErrorRepliesTest {

    private record Line(String phase, int port, String[] words, String reply) {
    }

    private static List<Line> lines(String fixture, boolean withPhase) {
        List<Line> out = new ArrayList<>();
        String phase = "main";
        for (String raw : Resp.fixture(fixture).split("\n")) {
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.startsWith("#")) {
                phase = "later"; // errors.txt: the lines after the comment were captured later
                continue;
            }
            String[] f = raw.split("\t");
            int i = 0;
            String p = withPhase ? f[i++] : phase;
            int port = Integer.parseInt(f[i++]);
            String[] words = f[i++].split(" ");
            out.add(new Line(p, port, words, f[i].replace("\\r\\n", "\r\n")));
        }
        return out;
    }

    private static String normalised(String text, Map<String, String> labels) {
        return Resp.replaceAll(text, labels);
    }

    @Test
    void everyCapturedErrorReplyMatchesRedis() {
        RealTopology t = new RealTopology();
        ClusterNode fresh = t.cluster.startNode(RealTopology.HOST, 17203);
        String before = viewsAndKeys(t);
        boolean replicaAdded = false;
        List<Line> all = lines("errors.txt", false);
        assertTrue(all.size() > 50, "fixture parsed: " + all.size());
        for (Line line : all) {
            if (line.phase().equals("later") && !replicaAdded) {
                // as on the real cluster: 17203 joined and became a replica of 17200
                t.cluster.meetAll(new ArrayList<>(t.cluster.nodes()));
                RealTopology.ok(t.run(fresh, "CLUSTER", "REPLICATE", t.id(0)));
                t.masters.get(0).state().setRole(t.masters.get(0).state().lookup(fresh.id()),
                        t.masters.get(0).state().myself());
                replicaAdded = true;
            }
            ClusterNode node = t.cluster.nodeAt(RealTopology.HOST, line.port());
            String[] words = Resp.replaceAll(String.join(" ", line.words()), invert(t.idLabels(false), t.idLabels(true)))
                    .split(" ");
            Reply reply = t.run(node, words);
            if (words.length > 1 && words[1].equals("MYSHARDID")) {
                // the one intended difference: 7.0 has no MYSHARDID, the simulator has 7.2's
                assertEquals(new Reply.BulkString(node.id().value().getBytes()), reply);
                continue;
            }
            assertEquals(normalised(line.reply(), t.idLabels(true)),
                    normalised(Resp.write(Resp.encode(reply, 2)), t.idLabels(false)),
                    String.join(" ", line.words()));
            if (!replicaAdded) {
                assertEquals(before, viewsAndKeys(t), "state changed by " + String.join(" ", line.words()));
            }
        }
        assertTrue(replicaAdded);
    }

    @Test
    void roleAndEpochRepliesMatchRedis() {
        RealTopology t = new RealTopology();
        ClusterNode other = t.cluster.startNode(RealTopology.HOST, 17204);
        boolean joined = false;
        List<Line> all = lines("roles-and-epochs.txt", true);
        assertEquals(10, all.size());
        for (Line line : all) {
            if (line.phase().equals("replica") && !joined) {
                t.cluster.meetAll(new ArrayList<>(t.cluster.nodes()));
                joined = true;
            }
            ClusterNode node = t.cluster.nodeAt(RealTopology.HOST, line.port());
            String[] words = Resp.replaceAll(String.join(" ", line.words()), invert(t.idLabels(false), t.idLabels(true)))
                    .split(" ");
            Reply reply = t.run(node, words);
            if (words[1].equals("REPLICATE") && node == other) {
                // the master's own view learns its new replica (gossip's job; by hand here)
                t.masters.get(0).state().setRole(t.masters.get(0).state().lookup(other.id()),
                        t.masters.get(0).state().myself());
            }
            assertEquals(normalised(line.reply(), t.idLabels(true)),
                    normalised(Resp.write(Resp.encode(reply, 2)), t.idLabels(false)), String.join(" ", words));
        }
    }

    /** Maps each real id to the simulated id of the node on the same port. */
    private static Map<String, String> invert(Map<String, String> simLabels, Map<String, String> realLabels) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        realLabels.forEach((realId, label) -> simLabels.forEach((simId, simLabel) -> {
            if (simLabel.equals(label)) {
                out.put(realId, simId);
            }
        }));
        return out;
    }

    /** Everything a rejected command must leave alone: each node's CLUSTER NODES and key count. */
    private static String viewsAndKeys(RealTopology t) {
        StringBuilder sb = new StringBuilder();
        for (ClusterNode n : t.cluster.nodes()) {
            sb.append(ClusterNodesFormat.clusterGenNodesDescription(n.state()))
                    .append(n.state().currentEpoch()).append(' ').append(n.keyspace().size()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void unknownSubcommandAndArityErrorsUseRedisWording() {
        RealTopology t = new RealTopology();
        ClusterNode n = t.masters.get(0);
        assertEquals("ERR unknown subcommand or wrong number of arguments for 'reset'. Try CLUSTER HELP.",
                ((Reply.Error) t.run(n, "CLUSTER", "reset", "soft", "x")).message());
        assertFalse(t.run(n, "CLUSTER", "RESET", "SOFT").equals(Reply.OK), "master with keys cannot reset");
    }
}
