package org.slotscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.FreePorts;
import picocli.CommandLine;

/** How the membership subcommands read their arguments, and how they fail: one line, no stack trace. */
class ClusterMembershipCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SlotScopeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void callPassesArgumentsThatLookLikeOptionsToTheCommand() {
        ClusterCallCommand call = parse(new ClusterCallCommand(), "127.0.0.1:7000", "CONFIG", "SET", "maxmemory-samples",
                "-1", "--only-masters");
        assertEquals(List.of("CONFIG", "SET", "maxmemory-samples", "-1"), call.command);
        assertTrue(call.onlyMasters);
    }

    @Test
    void createReadsRedisCliArgumentsWithoutTheClusterPrefix() {
        ClusterCreateCommand create = parse(new ClusterCreateCommand(), "127.0.0.1:7000", "127.0.0.1:7001",
                "127.0.0.1:7002", "--replicas", "1", "--yes");
        assertEquals(3, create.nodes.size());
        assertEquals(1, create.replicas);
        assertEquals(60_000, create.joinTimeout);
        ClusterAddNodeCommand add = parse(new ClusterAddNodeCommand(), "127.0.0.1:7006", "127.0.0.1:7000", "--slave",
                "--master-id", "abc");
        assertEquals("127.0.0.1:7006", add.newNode);
        assertEquals("127.0.0.1:7000", add.existing);
        assertTrue(add.slave);
        assertEquals("abc", add.masterId);
    }

    @Test
    void aJoinTimeoutThatCannotBeMetIsRefusedBeforeTheNodeIsAsked() {
        int port = FreePorts.one(); // nothing listens: had the command gone on, it would say cannot connect
        assertEquals(2, run("cluster", "add-node", "127.0.0.1:" + port, "127.0.0.1:" + port, "--join-timeout", "0"));
        assertEquals("[ERR] --join-timeout must be positive: 0", err.toString().strip());
    }

    @Test
    void anUnreachableNodeIsOneErrorLine() {
        int port = FreePorts.one();
        assertEquals(1, run("cluster", "info", "127.0.0.1:" + port));
        assertTrue(err.toString().startsWith("[ERR] cannot connect to 127.0.0.1:" + port + ": "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("cluster", "del-node", "127.0.0.1:7000"));
        assertTrue(err.toString().startsWith("error: Missing required parameter: 'NODE_ID'"), err.toString());
        assertEquals(2, run("cluster", "call", "127.0.0.1:7000", "PING", "--only-masters", "--only-replicas"));
        assertTrue(err.toString().contains("--only-masters and --only-replicas cannot be used together"),
                err.toString());
        assertEquals(1, run("cluster", "set-timeout", "127.0.0.1:7000", "50"));
        assertTrue(err.toString().contains("[ERR] Setting a node timeout of less than 100 milliseconds is a bad idea."),
                err.toString());
        assertEquals(1, run("cluster", "create", "not-an-address"));
        assertTrue(err.toString().contains("[ERR] not a host:port address: not-an-address"), err.toString());
    }
}
