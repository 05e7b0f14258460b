package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.admin.AddNodeOperationTest.clusterAddresses;
import static org.slotscope.admin.MembershipFixtures.loadKeys;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

/** info, call and set-timeout on the simulator and on a real cluster, printed as the real redis-cli prints them. */
class InfoCallSetTimeoutTest {
    private static final String REWRITE_NOTE = " (CONFIG REWRITE; the new timeout is in effect until the node restarts)";

    private static void infoCallAndSetTimeout(Connector connect, List<String> nodes) {
        String entry = nodes.get(0);
        loadKeys(connect, entry, 300);

        List<String> lines = new ArrayList<>();
        InfoOperation.Info info = new InfoOperation(connect).run(entry, lines::add);
        assertEquals(3, info.masters().size());
        assertEquals(300, info.keys());
        assertEquals(16384, info.masters().stream().mapToInt(InfoOperation.MasterInfo::slots).sum());
        info.masters().forEach(m -> assertEquals(1, m.replicas(), m.line()));
        assertEquals(List.of("[OK] 300 keys in 3 masters.", "0.02 keys per slot on average."),
                lines.subList(3, 5));
        assertTrue(lines.get(0).matches("127\\.0\\.0\\.1:\\d+ \\([0-9a-f]{8}\\.\\.\\.\\) -> \\d+ keys \\| \\d+ slots \\| 1 slaves\\."),
                lines.get(0));

        CallOperation call = new CallOperation(connect);
        List<CallOperation.Answer> all = call.run(entry, List.of("DBSIZE"), CallOperation.Only.ALL, line -> { });
        assertEquals(6, all.size());
        List<CallOperation.Answer> masters = call.run(entry, List.of("DBSIZE"), CallOperation.Only.MASTERS, line -> { });
        assertEquals(300, masters.stream().mapToLong(a -> ((Reply.IntegerReply) a.reply()).value()).sum());
        List<CallOperation.Answer> replicas = call.run(entry, List.of("ROLE"), CallOperation.Only.REPLICAS, line -> { });
        assertEquals(3, replicas.size());
        replicas.forEach(a -> assertTrue(a.line().contains(": slave\n"), a.line()));

        List<SetTimeoutOperation.Outcome> outcomes = new SetTimeoutOperation(connect).run(entry, 7000, line -> { });
        assertEquals(6, outcomes.size());
        for (String node : nodes) {
            try (NodeLink link = connect.connect(node)) {
                assertEquals("cluster-node-timeout\n7000",
                        RawReply.format(link.send("CONFIG", "GET", "cluster-node-timeout")), node);
            }
        }
    }

    @Test
    void infoCallAndSetTimeoutOnTheSimulator() {
        try (EngineLoop loop = new EngineLoop(new SimCluster(5), "info-test")) {
            loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 1)).join();
            infoCallAndSetTimeout(SimLink.connector(loop), clusterAddresses("127.0.0.1", 7000, 6));
            // a simulated node has no config file to rewrite, so every node counts as OK
            List<String> lines = new ArrayList<>();
            new SetTimeoutOperation(SimLink.connector(loop)).run("127.0.0.1:7000", 9000, lines::add);
            assertEquals(">>> New node timeout set. 6 OK, 0 ERR.", lines.get(lines.size() - 1));
            OperationException tooLow = assertThrows(OperationException.class,
                    () -> new SetTimeoutOperation(SimLink.connector(loop)).run("127.0.0.1:7000", 99, line -> { }));
            assertEquals("Setting a node timeout of less than 100 milliseconds is a bad idea.", tooLow.getMessage());
        }
    }

    @Test
    void infoCallAndSetTimeoutOnARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            infoCallAndSetTimeout(JedisLink.connector(ConnectOptions.timeout(5000)),
                    clusterAddresses("127.0.0.1", real.port(0), 6));
        }
    }

    private static String redisCli(RedisCli cli, String... args) {
        return cli.raw(List.of(args)).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The same cluster, the same order, the same text as `redis-cli --cluster info|call|set-timeout`. */
    @Test
    void printsWhatTheRealRedisCliPrints() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 1)) {
            Connector connect = JedisLink.connector(ConnectOptions.timeout(5000));
            String entry = "127.0.0.1:" + real.port(0);
            loadKeys(connect, entry, 50);

            List<String> lines = new ArrayList<>();
            new InfoOperation(connect).run(entry, lines::add);
            assertEquals(redisCli(cli, "--cluster", "info", entry), joined(lines));

            for (List<String> command : List.of(List.of("DBSIZE"), List.of("GET", "k1"), List.of("NOPE", "x"),
                    List.of("CLUSTER", "MYID"))) {
                for (CallOperation.Only only : CallOperation.Only.values()) {
                    List<String> args = new ArrayList<>(List.of("--cluster", "call", entry));
                    args.addAll(command);
                    if (only == CallOperation.Only.MASTERS) {
                        args.add("--cluster-only-masters");
                    } else if (only == CallOperation.Only.REPLICAS) {
                        args.add("--cluster-only-replicas");
                    }
                    lines.clear();
                    new CallOperation(connect).run(entry, command, only, lines::add);
                    assertEquals(redisCli(cli, args.toArray(new String[0])), joined(lines), args.toString());
                }
            }

            // started without a config file, every real node refuses CONFIG REWRITE: redis-cli and we
            // both count it as an error (we say which step failed)
            lines.clear();
            List<SetTimeoutOperation.Outcome> outcomes = new SetTimeoutOperation(connect).run(entry, 6000, lines::add);
            outcomes.forEach(o -> assertTrue(o.error().endsWith(REWRITE_NOTE), o.toString()));
            assertEquals(redisCli(cli, "--cluster", "set-timeout", entry, "6000"),
                    joined(lines).replace(REWRITE_NOTE, ""));
        }
    }
}
