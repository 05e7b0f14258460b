package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

/**
 * The check's findings on a simulated cluster equal what the real `redis-cli --cluster check`
 * prints for a real cluster put in the same states: healthy, a slot left open, a slot unowned.
 */
class ClusterCheckTest {

    private static ClusterCheck.Report report(List<NodeLink> links) {
        List<List<NodeEntry>> views = new ArrayList<>();
        for (NodeLink link : links) {
            views.add(ClusterNodesParser.parse(text(link.send("CLUSTER", "NODES"))));
        }
        return ClusterCheck.check(views);
    }

    /** [ERR] and [WARNING] lines of redis-cli's check, without colours and prefixes, in the Report's shape. */
    private static List<String> redisCliFindings(RedisCli cli, int port) {
        String out = cli.raw(List.of("--cluster", "check", "127.0.0.1:" + port)).replaceAll("\u001B\\[[0-9;]*m", "");
        List<String> findings = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("[ERR] ")) {
                findings.add("ERR " + line.substring(6).strip());
            } else if (line.startsWith("[WARNING] ")) {
                findings.add("WARNING " + line.substring(10).strip());
            }
        }
        return findings;
    }

    private static List<String> findings(ClusterCheck.Report report) {
        List<String> out = new ArrayList<>();
        report.errors().forEach(e -> out.add("ERR " + e));
        report.warnings().forEach(w -> out.add("WARNING " + w));
        return out;
    }

    /** Healthy, then slot 12182 open from the third master to the first, then slot 0 unowned. */
    private static List<List<String>> scenario(List<NodeLink> links, List<String> ids,
                                               java.util.function.Supplier<List<String>> observe) {
        List<List<String>> seen = new ArrayList<>();
        seen.add(observe.get());
        links.get(0).send("CLUSTER", "SETSLOT", "12182", "IMPORTING", ids.get(2));
        links.get(2).send("CLUSTER", "SETSLOT", "12182", "MIGRATING", ids.get(0));
        seen.add(observe.get());
        links.get(0).send("CLUSTER", "SETSLOT", "12182", "STABLE");
        links.get(2).send("CLUSTER", "SETSLOT", "12182", "STABLE");
        for (NodeLink link : links) {
            link.send("CLUSTER", "DELSLOTS", "0");
        }
        seen.add(observe.get());
        return seen;
    }

    private static List<String> normalisePorts(List<String> findings, List<Integer> ports) {
        List<String> out = new ArrayList<>();
        for (String f : findings) {
            for (int i = 0; i < ports.size(); i++) {
                f = f.replace("127.0.0.1:" + ports.get(i) + " ", "<node " + i + "> ");
            }
            out.add(f);
        }
        return out;
    }

    @Test
    void theSimulatorsCheckFindsWhatRedisCliFindsOnARealCluster() throws Exception {
        List<List<String>> simulated;
        try (EngineLoop loop = new EngineLoop(new SimCluster(5), "check-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            List<NodeLink> links = new ArrayList<>();
            for (ClusterNode n : nodes) {
                links.add(new SimLink(loop, n.id()));
            }
            List<String> ids = nodes.stream().map(n -> n.id().value()).toList();
            simulated = new ArrayList<>();
            for (List<String> step : scenario(links, ids, () -> findings(report(links)))) {
                simulated.add(normalisePorts(step, List.of(7000, 7001, 7002)));
            }
        }
        assertEquals(List.of(), simulated.get(0));
        assertTrue(simulated.get(1).contains("WARNING Node <node 2> has slots in migrating state 12182."),
                simulated.get(1).toString());
        assertTrue(simulated.get(2).contains("ERR Not all 16384 slots are covered by nodes."), simulated.get(2).toString());

        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<NodeLink> links = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JedisLink link = new JedisLink("127.0.0.1", real.port(i), 5000);
                links.add(link);
                ids.add(text(link.send("CLUSTER", "MYID")));
                ports.add(real.port(i));
            }
            List<List<String>> actual = new ArrayList<>();
            for (List<String> step : scenario(links, ids, () -> redisCliFindings(cli, real.port(0)))) {
                actual.add(normalisePorts(step, ports));
            }
            links.forEach(NodeLink::close);
            assertEquals(actual, simulated);
        }
    }
}
