package org.slotscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.testsupport.RealCluster;

/**
 * MULTI / EXEC / DISCARD answer on the simulator as on a real Redis 7.0 cluster: queueing, replies
 * of EXEC, errors at queue time (EXECABORT) and at run time, MOVED while queueing, CROSSSLOT at EXEC,
 * nesting, DISCARD, a command not allowed in a transaction, WAIT, and the CLUSTER commands redis-cli's
 * fix sends in one transaction (clusterManagerSetSlotOwner).
 */
class MultiExecContractTest {
    /** A key of the first master (slots 0-5460) in another slot than "bar" (5061). */
    private static final String OTHER = otherKey();

    private static String otherKey() {
        for (int i = 0; ; i++) {
            int slot = HashSlot.of("k" + i);
            if (slot < 5461 && slot != 5061) {
                return "k" + i;
            }
        }
    }

    private static final List<List<String>> SCRIPT = List.of(
            List.of("MULTI"),
            List.of("SET", "bar", "1"),
            List.of("INCR", "bar"),
            List.of("GET", "bar"),
            List.of("EXEC"),
            List.of("EXEC"),
            List.of("DISCARD"),
            List.of("MULTI"),
            List.of("MULTI"),
            List.of("SET", "{bar}x", "v"),
            List.of("DISCARD"),
            List.of("GET", "{bar}x"),
            List.of("MULTI"),
            List.of("SET", "bar", "x"),
            List.of("INCR", "bar"),
            List.of("EXEC"),
            List.of("MULTI"),
            List.of("SET", "bar", "1"),
            List.of("NOSUCH"),
            List.of("EXEC"),
            List.of("GET", "bar"),
            List.of("MULTI"),
            List.of("GET", "bar", "extra"),
            List.of("EXEC"),
            List.of("MULTI"),
            List.of("SET", "foo", "1"),
            List.of("EXEC"),
            List.of("MULTI"),
            List.of("SET", "bar", "1"),
            List.of("SET", OTHER, "1"),
            List.of("EXEC"),
            List.of("GET", "bar"),
            List.of("EXISTS", OTHER),
            List.of("MULTI"),
            List.of("SHUTDOWN"),
            List.of("EXEC"),
            List.of("MULTI"),
            List.of("WAIT", "0", "0"),
            List.of("CLUSTER", "DELSLOTS", "100"),
            List.of("CLUSTER", "ADDSLOTS", "100"),
            List.of("CLUSTER", "SETSLOT", "100", "STABLE"),
            List.of("CLUSTER", "BUMPEPOCH"),
            List.of("EXEC"),
            List.of("CLUSTER", "COUNTKEYSINSLOT", "100"));

    private static List<String> run(NodeLink link, int firstPort) {
        List<String> out = new ArrayList<>();
        for (List<String> command : SCRIPT) {
            out.add(String.join(" ", command) + " -> " + normalise(link.send(command.toArray(new String[0])),
                    firstPort));
        }
        return out;
    }

    private static String normalise(Reply reply, int firstPort) {
        if (reply instanceof Reply.BulkString bulk) {
            // BUMPEPOCH's epoch depends on how each cluster was built
            return bulk.asString().replaceAll("^(BUMPED|STILL) \\d+$", "$1 <epoch>");
        }
        if (reply instanceof Reply.SimpleString simple) {
            return simple.value().replaceAll("^(BUMPED|STILL) \\d+$", "$1 <epoch>");
        }
        if (reply instanceof Reply.IntegerReply integer) {
            return ":" + integer.value();
        }
        if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return "(nil)";
        }
        if (reply instanceof Reply.ArrayReply array) {
            List<String> parts = new ArrayList<>();
            array.elements().forEach(e -> parts.add(normalise(e, firstPort)));
            return parts.toString();
        }
        if (reply instanceof Reply.Error error) {
            String message = error.message();
            for (int i = 0; i < 3; i++) {
                message = message.replace("127.0.0.1:" + (firstPort + i), "<node " + i + ">");
            }
            return "-" + message;
        }
        return String.valueOf(reply);
    }

    private static List<String> onTheSimulator() {
        try (EngineLoop loop = new EngineLoop(new SimCluster(3), "multi-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            try (NodeLink link = new SimLink(loop, nodes.get(0).id())) {
                return run(link, 7000);
            }
        }
    }

    @Test
    void theSimulatorQueuesAndExecutes() {
        List<String> replies = onTheSimulator();
        assertTrue(replies.containsAll(List.of("EXEC -> [OK, :2, 2]", "EXEC -> -ERR EXEC without MULTI",
                "EXEC -> -EXECABORT Transaction discarded because of previous errors.",
                "SET foo 1 -> -MOVED 12182 <node 2>")), String.join("\n", replies));
    }

    @Test
    void aRealRedisClusterAnswersAsTheSimulatorDoes() throws Exception {
        List<String> simulated = onTheSimulator();
        try (RealCluster real = RealCluster.start(3, 0);
             NodeLink link = new JedisLink("127.0.0.1", real.port(0), 5000)) {
            assertEquals(String.join("\n", run(link, real.port(0))), String.join("\n", simulated));
        }
    }
}
