package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/** `slotscope cluster reshard` against `serve`, judged by the real `redis-cli --cluster check`. */
class ClusterReshardCliIT {
    @Test
    void theCommandLineReshardsAndTheRealCheckIsClean() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3")) {
            String port = String.valueOf(serve.port(0));
            for (int i = 0; i < 100; i++) {
                assertEquals("OK", cli.run("-c", "-p", port, "SET", "k" + i, "v"));
            }
            String target = cli.run("-p", port, "CLUSTER", "MYID");
            Process reshard = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("slotscope.jar"), "cluster", "reshard", "127.0.0.1:" + port,
                    "--from", "all", "--to", target, "--slots", "4096", "--yes", "--pipeline", "10")
                    .redirectErrorStream(true).start();
            String printed = new String(reshard.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reshard.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, reshard.exitValue(), printed);
            assertTrue(printed.contains("Moved 4096 slots"), printed);

            String check = cli.raw(List.of("--cluster", "check", "127.0.0.1:" + port));
            assertTrue(check.contains("[OK] All 16384 slots covered."), check);
            assertTrue(!check.contains("[ERR]") && !check.contains("[WARNING]"), check);
            assertTrue(check.contains("| 9557 slots |"), "the target now owns 5461 + 4096 slots:\n" + check);
            long keys = 0;
            for (int i = 0; i < 3; i++) {
                keys += Long.parseLong(cli.run("-p", String.valueOf(serve.port(i)), "DBSIZE"));
            }
            assertEquals(100, keys, "no key lost");
        }
    }
}
