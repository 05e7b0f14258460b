package org.slotscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.resp.RespServer;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RealCluster;

/**
 * The same command script through the three ways a node is reached: a SimLink into the engine, a
 * JedisLink to a simulated node over RESP, and a JedisLink to a real Redis 7 cluster started by
 * the test. All three must answer alike. Normalised, and only this: node addresses in redirects
 * (each cluster has its own ports), and status versus bulk strings (RESP2 through Jedis does not
 * tell them apart).
 */
class NodeLinkContractTest {
    /** Sent to the first master, which owns slots 0-5460 ("bar" is 5061, "foo" 12182). */
    private static final List<List<String>> SCRIPT = List.of(
            List.of("SET", "bar", "1"),
            List.of("GET", "bar"),
            List.of("INCR", "bar"),
            List.of("SET", "foo", "x"),
            List.of("LPUSH", "{bar}l", "a", "b", "c"),
            List.of("LRANGE", "{bar}l", "0", "-1"),
            List.of("HSET", "{bar}h", "f", "v"),
            List.of("HGETALL", "{bar}h"),
            List.of("GET", "{bar}l"),
            List.of("NOSUCHCMD", "x"),
            List.of("CLUSTER", "KEYSLOT", "foo"),
            List.of("CLUSTER", "COUNTKEYSINSLOT", "5061"),
            List.of("EXISTS", "bar", "nosuch"),
            List.of("MGET", "bar", "{bar}h"),
            List.of("DEL", "bar"),
            List.of("GET", "bar"),
            List.of("ZADD", "{bar}z", "1.5", "m"),
            List.of("ZSCORE", "{bar}z", "m"),
            List.of("WAIT", "0", "0"));

    private static List<String> run(NodeLink link, IntUnaryOperator portToNode) {
        List<String> out = new ArrayList<>();
        for (List<String> command : SCRIPT) {
            out.add(String.join(" ", command) + " -> " + normalise(link.send(command.toArray(new String[0])),
                    portToNode));
        }
        return out;
    }

    private static String normalise(Reply reply, IntUnaryOperator portToNode) {
        if (reply instanceof Reply.BulkString bulk) {
            return bulk.asString();
        }
        if (reply instanceof Reply.SimpleString simple) {
            return simple.value();
        }
        if (reply instanceof Reply.IntegerReply integer) {
            return ":" + integer.value();
        }
        if (reply instanceof Reply.DoubleReply d) {
            return Args.formatDouble(d.value());
        }
        if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return "(nil)";
        }
        if (reply instanceof Reply.ArrayReply array) {
            return list(array.elements(), portToNode);
        }
        if (reply instanceof Reply.MapReply map) {
            return list(map.keysAndValues(), portToNode);
        }
        if (reply instanceof Reply.SetReply set) {
            return list(set.elements(), portToNode);
        }
        if (reply instanceof Reply.Error error) {
            String message = error.message();
            int colon = message.lastIndexOf("127.0.0.1:");
            if (colon >= 0) {
                int port = Integer.parseInt(message.substring(colon + "127.0.0.1:".length()).trim());
                message = message.substring(0, colon) + "<node " + portToNode.applyAsInt(port) + ">";
            }
            return "-" + message;
        }
        return String.valueOf(reply);
    }

    private static String list(List<Reply> elements, IntUnaryOperator portToNode) {
        List<String> parts = new ArrayList<>();
        for (Reply element : elements) {
            parts.add(normalise(element, portToNode));
        }
        return parts.toString();
    }

    private static List<String> throughSimLink() {
        try (EngineLoop loop = new EngineLoop(new SimCluster(1), "link-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            try (NodeLink link = new SimLink(loop, nodes.get(0).id())) {
                return run(link, port -> port - 7000);
            }
        }
    }

    private static List<String> throughRespAndJedis() throws Exception {
        int base = FreePorts.consecutive(3);
        try (EngineLoop loop = RespServer.newEngineLoop(new SimCluster(1), "link-test")) {
            loop.call(c -> c.createReadyCluster("127.0.0.1", base, 3, 0)).join();
            try (RespServer server = new RespServer(loop, "127.0.0.1")) {
                server.start();
                loop.play();
                try (NodeLink link = new JedisLink("127.0.0.1", base, 5000)) {
                    return run(link, port -> port - base);
                }
            }
        }
    }

    @Test
    void theSimulatorAnswersTheSameInProcessAndOverResp() throws Exception {
        List<String> inProcess = throughSimLink();
        assertEquals(inProcess, throughRespAndJedis());
        assertTrue(inProcess.contains("SET foo x -> -MOVED 12182 <node 2>"), inProcess.toString());
    }

    @Test
    void aRealRedisClusterAnswersAsTheSimulatorDoes() throws Exception {
        List<String> simulated = throughSimLink();
        try (RealCluster real = RealCluster.start(3, 0);
             NodeLink link = new JedisLink("127.0.0.1", real.port(0), 5000)) {
            assertEquals(simulated, run(link, port -> port - real.port(0)));
        }
    }

    @Test
    void anUnreachableNodeIsAClearError() {
        int port = FreePorts.consecutive(1);
        LinkException e = assertThrows(LinkException.class, () -> new JedisLink("127.0.0.1", port, 1000));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + ": "), e.getMessage());
    }
}
