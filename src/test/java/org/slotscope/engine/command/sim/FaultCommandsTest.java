package org.slotscope.engine.command.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.node.NodeFlag;

class FaultCommandsTest {
    private SimCluster cluster;
    private List<ClusterNode> nodes;

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(9, new NodeConfig().nodeTimeout(2000), new EventLog());
        nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        cluster.runFor(3000);
    }

    private Reply run(ClusterNode node, String... words) {
        return cluster.execute(node, cluster.connect(node, "test"), words);
    }

    @Test
    void crashAndRestartANodeByAddressOrId() {
        ClusterNode c = nodes.get(2);
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "CRASH", "127.0.0.1:7002"));
        assertFalse(c.isRunning());
        assertEquals(Reply.err("node 127.0.0.1:7002 is already stopped"),
                run(nodes.get(0), "SLOTSCOPE", "CRASH", c.id().value()));
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "RESTART", c.id().value()));
        assertTrue(c.isRunning());
        assertEquals(Reply.err("node 127.0.0.1:7002 is running: CRASH it first"),
                run(nodes.get(0), "SLOTSCOPE", "RESTART", "127.0.0.1:7002"));
    }

    @Test
    void aPartitionCutsAMasterOffUntilHealed() {
        ClusterNode a = nodes.get(0);
        assertEquals(Reply.OK, run(nodes.get(1), "SLOTSCOPE", "PARTITION", "127.0.0.1:7000"));
        cluster.runFor(10_000);
        assertFalse(a.state().isOk(), "alone in its group: a minority");
        assertTrue(nodes.get(1).state().lookup(a.id()).has(NodeFlag.FAIL));
        assertEquals(Reply.OK, run(nodes.get(1), "SLOTSCOPE", "HEAL"));
        cluster.runFor(10_000);
        for (ClusterNode n : nodes) {
            assertTrue(n.state().isOk(), n + " ok after the heal");
        }
    }

    @Test
    void latencyDelaysBusMessages() {
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "LATENCY", "250", "127.0.0.1:7000", "127.0.0.1:7001"));
        assertEquals(250, cluster.network().latency(nodes.get(0), nodes.get(1)));
        assertEquals(250, cluster.network().latency(nodes.get(1), nodes.get(0)));
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "LATENCY", "5"));
        assertEquals(5, cluster.network().latency(nodes.get(2), nodes.get(3)));
    }

    @Test
    void badInputGetsAClearError() {
        assertEquals(Reply.err("Unknown node nosuch"), run(nodes.get(0), "SLOTSCOPE", "CRASH", "nosuch"));
        assertEquals(Reply.err("Unknown node 127.0.0.1:9999"),
                run(nodes.get(0), "SLOTSCOPE", "PARTITION", "127.0.0.1:7000,127.0.0.1:9999"));
        assertEquals(Reply.err("value is not an integer or out of range"),
                run(nodes.get(0), "SLOTSCOPE", "LATENCY", "-1"));
        assertEquals(Reply.err("use SHUTDOWN NOSAVE to stop the node you are connected to"),
                run(nodes.get(0), "SLOTSCOPE", "CRASH", "127.0.0.1:7000"));
        assertInstanceOf(Reply.ArrayReply.class, run(nodes.get(0), "SLOTSCOPE", "HELP"));
        assertTrue(cluster.network().canReach(nodes.get(0), nodes.get(1)), "a refused PARTITION changed nothing");
    }

    @Test
    void jitterAndLossSlowTheBusButTheClusterHolds() {
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "JITTER", "200"));
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "LOSS", "5"));
        cluster.runFor(30_000);
        var sent = cluster.events().recent(org.slotscope.engine.event.ClusterEvent.BusMessageSent.class);
        long lost = sent.stream().filter(m -> m.dropped()).count();
        assertTrue(lost > sent.size() / 40 && lost < sent.size() / 10, lost + " of " + sent.size() + " lost");
        assertTrue(sent.stream().anyMatch(m -> m.deliverTime() - m.time() > 100), "some messages are late");
        for (ClusterNode n : nodes) {
            assertTrue(n.state().isOk(), "5% loss is not a failure: " + n);
        }
        assertEquals(Reply.err("loss must be a percentage from 0 to 100"),
                run(nodes.get(0), "SLOTSCOPE", "LOSS", "120"));
        assertEquals(Reply.OK, run(nodes.get(0), "SLOTSCOPE", "HEAL"));
        assertEquals(0, cluster.network().jitterMillis());
    }
}
