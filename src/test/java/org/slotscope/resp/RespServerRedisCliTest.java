package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RedisCli;

/** The real redis-cli against the in-process server (with the test command table). */
class RespServerRedisCliTest {
    private int base;
    private EngineLoop loop;
    private RespServer server;
    private RedisCli cli;

    @BeforeEach
    void start() throws BindFailedException {
        cli = RedisCli.require();
        base = FreePorts.consecutive(3);
        loop = RespServer.newEngineLoop(new SimCluster(11, new NodeConfig(), new EventLog(), TestCommands.table()), "cli-engine");
        loop.call(c -> c.createReadyCluster("127.0.0.1", base, 3, 0)).join();
        server = new RespServer(loop, "127.0.0.1");
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    void pingAnswersPong() {
        assertEquals("PONG", cli.run("-p", String.valueOf(base), "PING"));
    }

    @Test
    void setOnANodeThatDoesNotOwnTheSlotPrintsMoved() {
        assertEquals("MOVED 12182 127.0.0.1:" + (base + 2), cli.run("-p", String.valueOf(base), "SET", "foo", "bar"));
    }

    @Test
    void clusterModeFollowsMovedForSetAndGet() {
        assertEquals("OK", cli.run("-c", "-p", String.valueOf(base), "SET", "foo", "bar"));
        assertEquals("bar", cli.run("-c", "-p", String.valueOf(base), "GET", "foo"));
    }
}
