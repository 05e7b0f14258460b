package org.slotscope.testsupport;

import java.util.List;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.resp.RespServer;

/**
 * A simulated cluster served over RESP in this JVM (what `serve` does, without a process), playing in
 * wall time, for poller tests that need a cluster but not a real one.
 */
public final class ServedSim implements AutoCloseable {
    public final EngineLoop loop;
    public final RespServer server;
    public final int basePort;
    public final List<ClusterNode> nodes;

    public ServedSim(int masters, int replicas, int spare, long nodeTimeout) throws Exception {
        basePort = FreePorts.consecutive(masters * (1 + replicas) + spare);
        loop = RespServer.newEngineLoop(new SimCluster(42, new NodeConfig().nodeTimeout(nodeTimeout), new EventLog()),
                "served-sim");
        nodes = loop.call(c -> {
            List<ClusterNode> created = new java.util.ArrayList<>(c.createReadyCluster("127.0.0.1", basePort, masters,
                    replicas));
            for (int i = 0; i < spare; i++) {
                created.add(c.startNode("127.0.0.1", basePort + created.size()));
            }
            return created;
        }).join();
        server = new RespServer(loop, "127.0.0.1");
        server.start();
        loop.play();
    }

    public String address(int index) {
        return "127.0.0.1:" + (basePort + index);
    }

    public String id(int index) {
        return nodes.get(index).id().value();
    }

    /** Sends one command to node {@code index} over RESP. */
    public Reply send(int index, String... command) {
        try (NodeLink link = new JedisLink("127.0.0.1", basePort + index, 5000)) {
            return link.send(command);
        }
    }

    @Override
    public void close() {
        server.close();
        loop.close();
    }
}
