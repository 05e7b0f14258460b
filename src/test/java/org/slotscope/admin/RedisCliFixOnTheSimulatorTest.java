package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.resp.RespServer;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RedisCli;

/**
 * The real `redis-cli --cluster fix` pointed at simulated nodes over RESP repairs each broken state of
 * {@link FixScenario} exactly as it repairs it on a real Redis cluster (same owner, same keys): every
 * command it sends (CLUSTER SETSLOT / DELSLOTS / ADDSLOTS / BUMPEPOCH inside MULTI, COUNTKEYSINSLOT,
 * GETKEYSINSLOT, MIGRATE, ...) behaves on the simulator as on Redis.
 */
class RedisCliFixOnTheSimulatorTest {
    private static final int SLOT = 1000;

    @ParameterizedTest
    @EnumSource(FixScenario.class)
    void theRealRedisCliFixRepairsTheSimulatorAsItRepairsRedis(FixScenario scenario) throws Exception {
        RedisCli cli = RedisCli.require();
        int base = FreePorts.consecutive(3);
        try (EngineLoop loop = RespServer.newEngineLoop(new SimCluster(17), "redis-cli-fix-test")) {
            loop.call(c -> c.createReadyCluster("127.0.0.1", base, 3, 0)).join();
            try (RespServer server = new RespServer(loop, "127.0.0.1")) {
                server.start();
                loop.play();
                List<NodeLink> links = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    links.add(new JedisLink("127.0.0.1", base + i, 5000));
                }
                FixScenario.Nodes nodes = new FixScenario.Nodes(links);
                scenario.breakSlot(nodes, SLOT);
                long before = nodes.totalKeys();

                Process fix = new ProcessBuilder(cli.program().toString(), "--cluster", "fix", "127.0.0.1:" + base)
                        .redirectErrorStream(true).start();
                try (OutputStream in = fix.getOutputStream()) {
                    in.write("yes\nyes\nyes\n".getBytes(StandardCharsets.UTF_8));
                }
                String printed = new String(fix.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .replaceAll("\u001B\\[[0-9;]*m", "");
                assertTrue(fix.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, fix.exitValue(), printed);

                FixScenario.Outcome outcome = nodes.outcome(SLOT);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while ((outcome.open() || !outcome.agreedOwner(outcome.owners().get(0)) || outcome.owners().get(0) < 0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100); // gossip, on the virtual clock that follows the wall clock
                    outcome = nodes.outcome(SLOT);
                }
                outcome.assertFixed(scenario, scenario.redisCliPicksAtRandom(), scenario + ":\n" + printed);
                assertEquals(before, nodes.totalKeys(), "no key lost");
                String check = cli.raw(List.of("--cluster", "check", "127.0.0.1:" + base));
                assertTrue(!check.contains("[ERR]") && !check.contains("[WARNING]"), check);
                links.forEach(NodeLink::close);
            }
        }
    }
}
