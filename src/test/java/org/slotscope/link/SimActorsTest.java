package org.slotscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.ReshardPlanner;
import org.slotscope.admin.SlotMover;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;

/**
 * Blocking code (an admin reshard, a writer) runs inside the simulator on its virtual clock, one
 * actor at a time, so a run is a function of its seed: the same seed gives the same trace hash.
 */
class SimActorsTest {
    private record Run(String traceHash, long keys, MoveExecutor.Result result, long endTime) {
    }

    /** A reshard of 500 slots by the admin operation while a writer writes 300 keys, on one seed. */
    private static Run reshardUnderWrites(long seed) {
        SimCluster cluster = new SimCluster(seed, new NodeConfig().nodeTimeout(2000), new EventLog());
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        MoveExecutor.Result[] result = new MoveExecutor.Result[1];
        try (SimActors actors = new SimActors(cluster)) {
            actors.spawn("writer", () -> {
                NodeLink link = actors.connector().connect("127.0.0.1:7000");
                for (int i = 0; i < 300; i++) {
                    Reply reply = link.send("SET", "k" + i, "v" + i);
                    while (reply instanceof Reply.Error e && (e.code().equals("MOVED") || e.code().equals("ASK"))) {
                        NodeLink to = actors.connector().connect(e.message().split(" ")[2]);
                        if (e.code().equals("ASK")) {
                            to.send("ASKING");
                        }
                        reply = to.send("SET", "k" + i, "v" + i);
                        to.close();
                    }
                    actors.clock().sleep(3);
                }
            });
            actors.spawn("reshard", () -> {
                actors.clock().sleep(50);
                result[0] = new MoveOperation(actors.connector()).run("127.0.0.1:7000",
                        ReshardPlanner.forTopology(List.of(), nodes.get(0).id().value(), 500),
                        new SlotMover.Options(10, 5000, false), p -> { });
            });
            assertTrue(actors.runUntilFinished(600_000), "both actors end");
            assertEquals(List.of(), actors.failures());
        }
        long keys = 0;
        for (ClusterNode node : nodes.subList(0, 3)) {
            keys += node.keyspace().size();
        }
        return new Run(cluster.events().traceHash(), keys, result[0], cluster.now());
    }

    @Test
    void sameSeedSameTrace() {
        Run first = reshardUnderWrites(11);
        Run second = reshardUnderWrites(11);
        assertEquals(500, first.result().slotsMoved());
        assertEquals(300, first.keys(), "no write lost during the reshard");
        assertEquals(first, second);
        assertNotEquals(first.traceHash(), reshardUnderWrites(12).traceHash(), "another seed, another run");
    }

    @Test
    void blockedCommandIsAwaitedOnTheVirtualClockUpToTheTimeout() {
        SimCluster cluster = new SimCluster(3);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        List<String> seen = new ArrayList<>();
        try (SimActors actors = new SimActors(cluster)) {
            actors.spawn("client", () -> {
                NodeLink link = actors.connector(1000).connect("127.0.0.1:7001");
                cluster.freeze(nodes.get(1), 300);
                long start = actors.clock().nowMillis();
                seen.add(text(link.send("PING")) + " after " + (actors.clock().nowMillis() - start));
                cluster.freeze(nodes.get(1), 5000);
                LinkException timeout = assertThrows(LinkException.class, () -> link.send("PING"));
                seen.add(timeout.reason() + " " + timeout.getMessage());
            });
            assertTrue(actors.runUntilFinished(60_000));
            assertEquals(List.of(), actors.failures());
        }
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("PONG after 30"), seen.get(0)); // 300 ms frozen + the way back
        assertEquals("TIMEOUT cannot send to 127.0.0.1:7001: no answer within 1000 ms", seen.get(1));
    }

    @Test
    void restartedNodeClosedItsConnections() {
        SimCluster cluster = new SimCluster(5);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        SimActors actors = new SimActors(cluster);
        NodeLink link = actors.connector().connect("127.0.0.1:7002");
        cluster.stopNode(nodes.get(2), "test");
        cluster.restartNode(nodes.get(2));
        LinkException closed = assertThrows(LinkException.class, () -> link.send("PING"));
        assertEquals(LinkException.Reason.UNREACHABLE, closed.reason());
        assertEquals("PONG", text(actors.connector().connect("127.0.0.1:7002").send("PING")));
        actors.close();
    }

    @Test
    void closeEndsActorsThatStillWait() {
        SimCluster cluster = new SimCluster(5);
        cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        SimActors actors = new SimActors(cluster);
        boolean[] cleanedUp = {false};
        SimActors.Actor sleeper = actors.spawn("sleeper", () -> {
            try {
                actors.clock().sleep(1_000_000);
            } finally {
                cleanedUp[0] = true;
            }
        });
        actors.runFor(100);
        assertTrue(!sleeper.isFinished());
        actors.close();
        assertTrue(sleeper.isFinished());
        assertTrue(cleanedUp[0]);
        assertThrows(IllegalStateException.class, () -> {
            SimActors other = new SimActors(cluster);
            other.spawn("bad", () -> other.runFor(1));
            other.runFor(10);
            if (!other.failures().isEmpty()) {
                throw (IllegalStateException) other.failures().get(0);
            }
        });
    }
}
