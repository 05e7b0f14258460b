package org.slotscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.FreePorts;
import picocli.CommandLine;

class ServeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SlotScopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        CommandLine cli = new CommandLine(command);
        cli.parseArgs(args);
        return command;
    }


    private void assertNoStackTrace() {
        assertFalse(err.toString().contains("\tat "), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void defaultsAreThreeMastersFromPort7000OnLoopback() {
        ServeCommand command = parse();
        assertEquals(3, command.masters);
        assertEquals(0, command.replicas);
        assertEquals(7000, command.port);
        assertNull(command.empty);
        assertEquals(0, command.spare);
        assertNull(command.seed);
        assertEquals(15000, command.nodeTimeout);
        assertEquals("127.0.0.1", command.bind);
        assertEquals(3, command.nodeCount());
    }

    @Test
    void optionsAreParsed() {
        ServeCommand command = parse("--masters", "4", "--replicas", "2", "--port", "7100", "--spare", "3",
                "--seed", "-5", "--node-timeout", "2000", "--bind", "0.0.0.0");
        assertEquals(4, command.masters);
        assertEquals(2, command.replicas);
        assertEquals(7100, command.port);
        assertEquals(3, command.spare);
        assertEquals(-5L, command.seed);
        assertEquals(2000, command.nodeTimeout);
        assertEquals("0.0.0.0", command.bind);
        assertEquals(15, command.nodeCount());
        assertEquals("127.0.0.1", command.announcedHost(), "a wildcard bind announces loopback");
        assertEquals(4, parse("--empty", "4").nodeCount());
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("serve", "--help"));
        assertTrue(out.toString().contains("--masters"), out.toString());
        assertTrue(out.toString().contains("--node-timeout"), out.toString());
    }

    @Test
    void zeroMastersIsRefused() {
        assertEquals(2, run("serve", "--masters", "0"));
        assertTrue(err.toString().contains("--masters must be from 1 to 16384, got 0"), err.toString());
        assertNoStackTrace();
        // more masters than slots: refused at once, not after building them all
        assertEquals(2, run("serve", "--masters", "16385"));
        assertTrue(err.toString().contains("--masters must be from 1 to 16384, got 16385"), err.toString());
    }

    @Test
    void invalidNumberIsRefused() {
        assertEquals(2, run("serve", "--port", "seven"));
        assertTrue(err.toString().contains("Invalid value for option '--port': 'seven' is not an int"), err.toString());
        assertNoStackTrace();
    }

    @Test
    void portsWhoseBusPortWouldPass65535AreRefused() {
        assertEquals(2, run("serve", "--port", "55534", "--masters", "3"));
        assertTrue(err.toString().contains("port 55536 is too high"), err.toString());
        assertTrue(err.toString().contains("at most 55535"), err.toString());
        assertEquals(2, run("serve", "--port", "70000", "--masters", "1"));
        assertEquals(2, run("serve", "--port", "0"));
        assertNoStackTrace();
    }

    @Test
    void emptyCannotBeCombinedWithAReadyClusterOption() {
        assertEquals(2, run("serve", "--empty", "3", "--replicas", "1"));
        assertTrue(err.toString().contains("cannot be combined with --replicas"), err.toString());
        assertEquals(2, run("serve", "--empty", "0"));
        assertTrue(err.toString().contains("--empty must be at least 1"), err.toString());
    }

    @Test
    void portInUseExitsWithCode3AndLeavesNothingListening() throws IOException {
        int base = FreePorts.consecutive(3);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 1));
            assertEquals(3, run("serve", "--port", String.valueOf(base)));
        }
        assertTrue(err.toString().contains("port " + (base + 1) + " is already in use: "), err.toString());
        assertNoStackTrace();
        assertTrue(FreePorts.refusesConnections(base), "the first node's port was closed again");
        assertTrue(FreePorts.refusesConnections(base + 2));
    }

    @Test
    void firstPortInUseIsReported() throws IOException {
        int base = FreePorts.consecutive(3);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base));
            assertEquals(3, run("serve", "--port", String.valueOf(base), "--seed", "1"));
        }
        assertTrue(err.toString().startsWith("error: port " + base + " is already in use: "), err.toString());
    }

    @Test
    void readyClusterWithReplicasAndSparesIsDescribedPerNode() throws Exception {
        int base = FreePorts.consecutive(5);
        List<String> firstIds;
        ServeCommand command = parse("--masters", "2", "--replicas", "1", "--spare", "1", "--port",
                String.valueOf(base), "--seed", "42", "--node-timeout", "5000");
        try (ServeCommand.Serving serving = command.start()) {
            List<ServeCommand.NodeLine> lines = serving.nodes();
            assertEquals(5, lines.size());
            for (int i = 0; i < 5; i++) {
                assertEquals("127.0.0.1:" + (base + i), lines.get(i).address());
                assertTrue(lines.get(i).id().matches("[0-9a-f]{40}"), lines.get(i).id());
            }
            assertEquals("master 0-8191", lines.get(0).role());
            assertEquals("master 8192-16383", lines.get(1).role());
            assertEquals("replica of " + lines.get(0).id(), lines.get(2).role());
            assertEquals("replica of " + lines.get(1).id(), lines.get(3).role());
            assertEquals("master (no slots)", lines.get(4).role());
            assertEquals(List.of(5000L), serving.loop().call(c -> c.nodes().stream()
                    .map(n -> n.config().nodeTimeout()).distinct().collect(Collectors.toList())).join());
            assertEquals(List.of(base, base + 1, base + 2, base + 3, base + 4), serving.server().listeningPorts());
            firstIds = lines.stream().map(ServeCommand.NodeLine::id).collect(Collectors.toList());
        }
        try (ServeCommand.Serving again = command.start()) {
            assertEquals(firstIds, again.nodes().stream().map(ServeCommand.NodeLine::id).collect(Collectors.toList()),
                    "the same seed gives the same node ids");
        }
    }

    @Test
    void emptyNodesKnowNobodyAndOwnNoSlot() throws Exception {
        int base = FreePorts.consecutive(2);
        try (ServeCommand.Serving serving = parse("--empty", "2", "--port", String.valueOf(base)).start()) {
            assertEquals(List.of("master (no slots)", "master (no slots)"),
                    serving.nodes().stream().map(ServeCommand.NodeLine::role).collect(Collectors.toList()));
            assertEquals(List.of(1), serving.loop().call(c -> c.nodes().stream()
                    .map(n -> n.state().nodes().size()).distinct().collect(Collectors.toList())).join());
        }
    }

    @Test
    void servePrintsEveryNodeAndHowToConnectThenRunsUntilClosed() throws Exception {
        int base = FreePorts.consecutive(3);
        CommandLine cli = SlotScopeCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("serve", "--port", String.valueOf(base), "--seed", "7"));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serve.serving == null || !out.toString().contains("Ctrl-C")) {
            if (System.nanoTime() > deadline || exit.isDone()) {
                fail("serve did not start: " + out + err);
            }
            Thread.sleep(20);
        }
        String printed = out.toString();
        assertTrue(printed.contains("seed 7"), printed);
        assertTrue(printed.matches("(?s).*\\n127\\.0\\.0\\.1:" + base + " [0-9a-f]{40} master 0-5460\\n.*"), printed);
        assertTrue(printed.matches("(?s).*\\n127\\.0\\.0\\.1:" + (base + 2) + " [0-9a-f]{40} master 10923-16383\\n.*"),
                printed);
        assertTrue(printed.contains("redis-cli -c -p " + base), printed);
        assertEquals("", err.toString(), "no warning on loopback");
        assertFalse(exit.isDone(), "serve keeps running");
        serve.serving.close();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(FreePorts.refusesConnections(base));
    }

    @Test
    void bindingBeyondLoopbackPrintsAWarning() throws Exception {
        int base = FreePorts.consecutive(1);
        CommandLine cli = SlotScopeCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("serve", "--masters", "1", "--port", String.valueOf(base), "--bind", "0.0.0.0"));
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serve.serving == null || !out.toString().contains("Ctrl-C")) {
            if (System.nanoTime() > deadline || exit.isDone()) {
                fail("serve did not start: " + out + err);
            }
            Thread.sleep(20);
        }
        serve.serving.close();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("accept connections from other hosts and have no password"), err.toString());
    }
}
