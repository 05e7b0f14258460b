package org.slotscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RealServer;
import org.slotscope.testsupport.ServedSim;

/** `cluster watch` against a simulated cluster served over RESP in this JVM, and its one-line errors. */
class ClusterWatchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SlotScopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Test
    void printsEachChangeAsOneLineNamingTheNodeThatSawIt() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000)) {
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> run("cluster", "watch",
                    sim.address(0), "--interval", "100", "--duration", "4000"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!out().contains(">>> Watching") && System.nanoTime() < deadline && !watch.isDone()) {
                Thread.sleep(20);
            }
            assertTrue(out().contains(">>> Watching " + sim.address(0) + ": 3 nodes, 3 masters, 16384 slots served,"
                    + " cluster_state:ok, 0 keys  (Ctrl-C to stop)"), out() + err);
            sim.send(1, "CLUSTER", "SETSLOT", "866", "IMPORTING", sim.id(0));
            assertEquals(0, watch.get(60, TimeUnit.SECONDS), err.toString());
            String target = sim.address(1) + " (" + sim.id(1).substring(0, 8) + ")";
            String source = sim.address(0) + " (" + sim.id(0).substring(0, 8) + ")";
            List<String> lines = out().lines().filter(l -> l.contains("slot 866")).toList();
            assertEquals(1, lines.size(), out());
            assertTrue(lines.get(0).matches(" *\\d+\\.\\d{3}s  \\[" + java.util.regex.Pattern.quote(target)
                    + "] slot 866 IMPORTING from " + java.util.regex.Pattern.quote(source)), lines.get(0));
            assertEquals("", err.toString());
        }
    }

    @Test
    void nothingListeningIsOneLineAndExitCode1() {
        int port = FreePorts.one();
        assertEquals(1, run("cluster", "watch", "127.0.0.1:" + port, "--connect-timeout", "1000"));
        assertEquals("[ERR] no node reachable: cannot connect to 127.0.0.1:" + port + ": connection refused\n",
                err.toString());
    }

    @Test
    void aMalformedAddressOrIntervalIsRefused() {
        assertEquals(2, run("cluster", "watch", "nowhere"));
        assertEquals("[ERR] not a host:port address: nowhere\n", err.toString());
        assertEquals(2, run("cluster", "watch", "127.0.0.1:7000", "--interval", "0"));
        assertTrue(err.toString().endsWith("[ERR] --interval must be positive: 0\n"), err.toString());
        assertEquals(2, run("cluster", "watch", "127.0.0.1:7000", "--duration", "-1"));
        assertTrue(err.toString().endsWith("[ERR] --duration must be positive, or 0 to watch until Ctrl-C: -1\n"),
                err.toString());
    }

    @Test
    void aWrongPasswordIsNamedButNeverPrinted() throws Exception {
        try (RealServer server = RealServer.start(List.of("--requirepass", "right-S3cret", "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf"))) {
            assertEquals(1, run("cluster", "watch", server.address(), "-a", "wrong-S3cret", "--user", "default"));
            assertEquals("[ERR] no node reachable: cannot log in to " + server.address()
                    + ": WRONGPASS invalid username-password pair or user is disabled.\n", err.toString());
            assertFalse(out().contains("S3cret") || err.toString().contains("S3cret"));
            // the right one attaches
            assertEquals(0, run("cluster", "watch", server.address(), "-a", "right-S3cret", "--duration", "300"));
            assertTrue(out().contains(">>> Watching " + server.address() + ": 1 node, 1 master, 0 slots served,"
                    + " cluster_state:fail"), out());
        }
    }
}
