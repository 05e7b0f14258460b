package org.slotscope.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;

/** Commands that block a client: WAIT, and any command sent to a frozen (DEBUG SLEEP) node. */
class WaitAndFreezeTest {
    private final SimCluster cluster = new SimCluster(23, new NodeConfig().nodeTimeout(2000), new EventLog());

    @Test
    void waitBlocksUntilTheReplicaAcknowledges() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClientSession client = cluster.connect(master, "t");
        assertEquals(Reply.OK, cluster.execute(master, client, "SET", "k", "v"));
        Reply waiting = cluster.execute(master, client, "WAIT", "1", "0");
        assertInstanceOf(Reply.Blocked.class, waiting, "the stream is still on its way");
        long before = cluster.now();
        assertEquals(Reply.integer(1), cluster.resolve(waiting));
        assertEquals(cluster.network().defaultLatencyMillis(), cluster.now() - before);
        assertEquals(Reply.integer(1), cluster.execute(master, client, "WAIT", "0", "0"), "nothing to wait for");
    }

    @Test
    void waitTimesOutWithTheReplicasThatDidAcknowledge() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClientSession client = cluster.connect(master, "t");
        cluster.execute(master, client, "SET", "k", "v");
        long before = cluster.now();
        assertEquals(Reply.integer(1), cluster.resolve(cluster.execute(master, client, "WAIT", "2", "250")));
        assertEquals(250, cluster.now() - before);
        assertEquals(Reply.err("timeout is negative"), cluster.execute(master, client, "WAIT", "1", "-1"));
        ClusterNode replica = nodes.get(1);
        assertTrue(((Reply.Error) cluster.execute(replica, cluster.connect(replica, "t"), "WAIT", "1", "0"))
                .message().startsWith("ERR WAIT cannot be used with replica instances."));
    }

    @Test
    void aFrozenMasterIsFailedOverAndWakesUpAsAReplica() {
        // DEBUG SLEEP longer than node_timeout: the cluster thinks the master died
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        cluster.runFor(3000);
        ClusterNode master = nodes.get(2);
        Reply sleeping = cluster.execute(master, cluster.connect(master, "t"), "DEBUG", "SLEEP", "15");
        assertInstanceOf(Reply.Blocked.class, sleeping);
        ClientSession other = cluster.connect(master, "t2");
        Reply queued = cluster.execute(master, other, "PING");
        assertInstanceOf(Reply.Blocked.class, queued, "a frozen node answers nobody");
        cluster.runFor(10_000);
        assertTrue(nodes.get(5).state().myself().isMaster(), "its replica took over while it slept");
        assertFalse(cluster.events().recent(ClusterEvent.FailoverCompleted.class).isEmpty());
        assertEquals(Reply.OK, cluster.resolve(sleeping));
        assertEquals(Reply.PONG, cluster.resolve(queued));
        cluster.runFor(5000);
        assertTrue(master.state().myself().isReplica(), "awake, it learns it was replaced");
    }
}
