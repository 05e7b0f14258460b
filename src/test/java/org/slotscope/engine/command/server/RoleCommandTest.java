package org.slotscope.engine.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

/** ROLE in the shapes Redis 7.0.15 answers (redis-cli --no-raw ROLE on a master and on a replica). */
class RoleCommandTest {
    @Test
    void masterAndReplicaDescribeTheirReplication() {
        SimCluster cluster = new SimCluster(1);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClusterNode replica = nodes.get(1);
        cluster.execute(master, cluster.connect(master, "t"), "SET", "a", "b");
        cluster.runFor(cluster.network().defaultLatencyMillis()); // the stream reaches the replica
        long offset = master.state().myself().replOffset();
        assertEquals(27, offset, "*3\\r\\n $3\\r\\nSET\\r\\n $1\\r\\na\\r\\n $1\\r\\nb\\r\\n: 27 bytes of replication stream");
        assertEquals(Reply.array(Reply.bulk("master"), Reply.integer(offset),
                        Reply.array(Reply.array(Reply.bulk("127.0.0.1"), Reply.bulk("7001"), Reply.bulk("27")))),
                cluster.execute(master, cluster.connect(master, "t"), "ROLE"));
        assertEquals(Reply.array(Reply.bulk("slave"), Reply.bulk("127.0.0.1"), Reply.integer(7000),
                        Reply.bulk("connected"), Reply.integer(27)),
                cluster.execute(replica, cluster.connect(replica, "t"), "ROLE"));
    }
}
