package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RedisBinaries;

/** The real redis-cli against the in-process server (with the test command table). */
class RespServerRedisCliTest {
    private int base;
    private EngineLoop loop;
    private RespServer server;
    private Path redisCli;

    @BeforeEach
    void start() throws BindFailedException {
        redisCli = RedisBinaries.requireRedisCli();
        base = FreePorts.consecutive(3);
        loop = new EngineLoop(new SimCluster(11, new NodeConfig(), new EventLog(), TestCommands.table()), "cli-engine");
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

    /** Runs redis-cli and returns stdout and stderr together, trimmed. */
    private String redisCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(redisCli.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "redis-cli finished");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void pingAnswersPong() throws Exception {
        assertEquals("PONG", redisCli("-p", String.valueOf(base), "PING"));
    }

    @Test
    void setOnANodeThatDoesNotOwnTheSlotPrintsMoved() throws Exception {
        assertEquals("MOVED 12182 127.0.0.1:" + (base + 2), redisCli("-p", String.valueOf(base), "SET", "foo", "bar"));
    }

    @Test
    void clusterModeFollowsMovedForSetAndGet() throws Exception {
        assertEquals("OK", redisCli("-c", "-p", String.valueOf(base), "SET", "foo", "bar"));
        assertEquals("bar", redisCli("-c", "-p", String.valueOf(base), "GET", "foo"));
    }
}
