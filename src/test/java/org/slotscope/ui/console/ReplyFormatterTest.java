package org.slotscope.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServedSim;

/**
 * The console prints what the real redis-cli prints: the same commands go to the same simulated node,
 * once through the real redis-cli (--no-raw: formatted as on a terminal) and once through a link
 * formatted by {@link ReplyFormatter}, and the texts must be equal.
 */
class ReplyFormatterTest {
    private static ServedSim sim;
    private static RedisCli cli;

    @BeforeAll
    static void start() throws Exception {
        cli = RedisCli.require();
        sim = new ServedSim(1, 0, 0, 5000);
        try (NodeLink link = new JedisLink("127.0.0.1", sim.basePort, 5000)) {
            link.send("SET", "s", "hello world");
            link.send("SET", "esc", "a\"b\\c\nd\te\u00e9\u4e2d");
            link.send("RPUSH", "l", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
            link.send("HSET", "h", "f1", "v1", "f2", "v2");
            link.send("ZADD", "z", "1.5", "m1", "2", "m2");
            link.send("SET", "n", "10");
        }
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static void same(String... command) {
        List<String> args = new ArrayList<>(List.of("--no-raw", "-p", String.valueOf(sim.basePort)));
        args.addAll(List.of(command));
        String real = cli.raw(args);
        Reply reply;
        // the engine's own reply, as the console's journaled link receives it (statuses stay statuses)
        try (NodeLink link = new SimLink(sim.loop, sim.nodes.get(0).id())) {
            reply = link.send(command);
        }
        String ours = ReplyFormatter.format(List.of(command), reply) + "\n";
        assertEquals(real, ours, "redis-cli " + String.join(" ", command));
    }

    @Test
    void scalarsAsRedisCliPrintsThem() {
        same("GET", "s");
        same("GET", "missing");
        same("GET", "esc");
        same("STRLEN", "s");
        same("PING");
        same("TYPE", "h");
        same("EXISTS", "s", "missing");
        same("ZSCORE", "z", "m1");
    }

    @Test
    void errorsAsRedisCliPrintsThem() {
        same("GET");
        same("INCR", "s");
        same("NOSUCHCOMMAND", "x");
    }

    @Test
    void arraysNumberedAlignedAndNested() {
        same("LRANGE", "l", "0", "-1");
        same("LRANGE", "missing", "0", "-1");
        same("HGETALL", "h");
        same("ZRANGE", "z", "0", "-1", "WITHSCORES");
        same("MGET", "s", "missing", "n");
        same("CLUSTER", "SLOTS");
        same("COMMAND", "INFO", "GET");
    }

    @Test
    void rawForTheCommandsRedisCliPrintsRaw() {
        same("CLUSTER", "INFO");
        same("CLUSTER", "NODES");
    }
}
