package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;

/** A whole reshard, with keys, on the simulator and on a real cluster; and a cancel that leaves it tidy. */
class ReshardOperationTest {
    private static long integer(Reply reply) {
        return ((Reply.IntegerReply) reply).value();
    }


    /** Loads 300 keys through -c style redirects, reshards 1000 slots from all to the first master. */
    private static void reshardAndCheck(Connector connect, List<String> addresses, boolean cancel) {
        List<NodeLink> links = new ArrayList<>();
        addresses.forEach(a -> links.add(connect.connect(a)));
        for (int i = 0; i < 300; i++) {
            Reply reply = links.get(0).send("SET", "k" + i, "v");
            if (reply instanceof Reply.Error moved && moved.message().startsWith("MOVED")) {
                String to = moved.message().split(" ")[2];
                reply = links.get(addresses.indexOf(to)).send("SET", "k" + i, "v");
            }
            assertEquals("OK", text(reply));
        }
        String firstId = text(links.get(0).send("CLUSTER", "MYID"));
        ReshardOperation reshard = new ReshardOperation(connect);
        List<MoveProgress> seen = new ArrayList<>();
        MoveExecutor.Result result = reshard.run(addresses.get(0), List.of(), firstId, 1000,
                new SlotMover.Options(10, 5000, false), p -> {
                    seen.add(p);
                    if (cancel && p.slotsDone() == 5) {
                        reshard.cancel();
                    }
                });
        if (cancel) {
            assertTrue(result.cancelled());
            assertEquals(5, result.slotsMoved(), "stops after the slot in progress");
        } else {
            assertFalse(result.cancelled());
            assertEquals(1000, result.slotsMoved());
            assertEquals(1000, seen.get(seen.size() - 1).slotsDone());
        }
        long total = 0;
        List<List<NodeEntry>> views = new ArrayList<>();
        for (NodeLink link : links) {
            total += integer(link.send("DBSIZE"));
            views.add(ClusterNodesParser.parse(text(link.send("CLUSTER", "NODES"))));
        }
        assertEquals(300, total, "no key lost");
        ClusterCheck.Report report = ClusterCheck.check(views);
        assertTrue(report.clean(), report.toString());
        links.forEach(NodeLink::close);
    }

    private static void onSimulator(boolean cancel) {
        try (EngineLoop loop = new EngineLoop(new SimCluster(8), "reshard-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            List<String> addresses = nodes.stream().map(ClusterNode::address).toList();
            Connector connect = address -> {
                String[] hp = address.split(":");
                return new SimLink(loop, loop.call(c -> c.nodeAt(hp[0], Integer.parseInt(hp[1])).id()).join());
            };
            reshardAndCheck(connect, addresses, cancel);
        }
    }

    @Test
    void aReshardMovesSlotsAndKeysOnTheSimulator() {
        onSimulator(false);
    }

    @Test
    void aCancelledReshardStopsBetweenSlotsAndLeavesNothingOpen() {
        onSimulator(true);
    }

    @Test
    void aReshardMovesSlotsAndKeysOnARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<String> addresses = List.of("127.0.0.1:" + real.port(0), "127.0.0.1:" + real.port(1),
                    "127.0.0.1:" + real.port(2));
            reshardAndCheck(JedisLink.connector(ConnectOptions.timeout(5000)), addresses, false);
        }
    }
}
