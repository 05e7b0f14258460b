package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * `slotscope cluster check` and `cluster fix` from the packaged jar against `serve`, on a reshard stopped
 * in the middle of a slot by hand; the real `redis-cli --cluster check` judges the result.
 */
class ClusterFixCliIT {
    private record Run(int exit, String printed) {
    }

    private static Run slotscope(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("slotscope.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "slotscope " + String.join(" ", args) + " did not finish");
        return new Run(process.exitValue(), printed);
    }

    @Test
    void theCommandLineFixesAStoppedReshardAndTheRealCheckIsClean() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3")) {
            String[] port = {String.valueOf(serve.port(0)), String.valueOf(serve.port(1)), String.valueOf(serve.port(2))};
            String entry = "127.0.0.1:" + port[0];
            for (int i = 0; i < 100; i++) {
                assertEquals("OK", cli.run("-c", "-p", port[0], "SET", "k" + i, "v"));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("OK", cli.run("-c", "-p", port[0], "SET", "{foo}" + i, "v" + i)); // slot 12182, node 2
            }
            String target = cli.run("-p", port[0], "CLUSTER", "MYID");
            String source = cli.run("-p", port[2], "CLUSTER", "MYID");
            // a reshard of slot 12182 from node 2 to node 0, stopped after 8 of its 20 keys
            assertEquals("OK", cli.run("-p", port[0], "CLUSTER", "SETSLOT", "12182", "IMPORTING", source));
            assertEquals("OK", cli.run("-p", port[2], "CLUSTER", "SETSLOT", "12182", "MIGRATING", target));
            List<String> migrate = new ArrayList<>(List.of("-p", port[2], "MIGRATE", "127.0.0.1", port[0], "", "0",
                    "5000", "KEYS"));
            migrate.addAll(List.of(cli.run("-p", port[2], "CLUSTER", "GETKEYSINSLOT", "12182", "8").split("\n")));
            assertEquals("OK", cli.run(migrate.toArray(new String[0])));

            Run before = slotscope("cluster", "check", entry);
            assertEquals(1, before.exit(), before.printed());
            assertTrue(before.printed().contains("[WARNING] The following slots are open: 12182."), before.printed());
            assertTrue(before.printed().contains("Slot 12182 keys: 127.0.0.1:" + port[0] + " 8, 127.0.0.1:" + port[2]
                    + " 12"), before.printed());
            String realBefore = cli.raw(List.of("--cluster", "check", entry));
            assertTrue(realBefore.contains("The following slots are open: 12182."), realBefore);

            Run fix = slotscope("cluster", "fix", entry, "--yes");
            assertEquals(0, fix.exit(), fix.printed());
            assertTrue(fix.printed().contains(">>> Fixing open slot 12182"), fix.printed());
            assertTrue(fix.printed().contains("[OK] 120 keys in the masters before the fix, 120 after."), fix.printed());

            String realAfter = cli.raw(List.of("--cluster", "check", entry)).replaceAll("\u001B\\[[0-9;]*m", "");
            assertTrue(realAfter.contains("[OK] All nodes agree about slots configuration.")
                    && realAfter.contains("[OK] All 16384 slots covered.") && !realAfter.contains("[ERR]")
                    && !realAfter.contains("[WARNING]"), realAfter);
            Run after = slotscope("cluster", "check", entry);
            assertEquals(0, after.exit(), after.printed());
            long keys = 0;
            for (String p : port) {
                keys += Long.parseLong(cli.run("-p", p, "DBSIZE"));
            }
            assertEquals(120, keys, "no key lost");
            for (int i = 0; i < 20; i++) {
                assertEquals("v" + i, cli.run("-c", "-p", port[1], "GET", "{foo}" + i));
            }
        }
    }

    @Test
    void anUnreachableEntryNodeIsOneLineAndExitStatusOne() throws Exception {
        int unused = org.slotscope.testsupport.FreePorts.consecutive(1);
        Run check = slotscope("cluster", "check", "127.0.0.1:" + unused);
        assertEquals(1, check.exit(), check.printed());
        assertTrue(check.printed().strip().startsWith("[ERR] cannot connect to 127.0.0.1:" + unused), check.printed());
        assertEquals(1, check.printed().strip().lines().count(), check.printed());
    }
}
