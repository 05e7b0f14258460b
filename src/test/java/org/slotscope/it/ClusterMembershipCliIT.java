package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * The packaged jar's `cluster create`, `add-node`, `del-node`, `info`, `call` and `set-timeout`
 * against `serve`, judged by the real `redis-cli --cluster check`; create's plan compared with the
 * real redis-cli's on real servers.
 */
class ClusterMembershipCliIT {
    /** Exit code, stdout and stderr of one run of the jar. */
    private record Run(int exit, String out, String err) {
    }

    private static Run slotscope(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("slotscope.jar")));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("slotscope-cli", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "slotscope " + List.of(args) + " did not finish");
            return new Run(process.exitValue(), out, Files.readString(errors));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String cleanCheck(RedisCli cli, String entry) {
        String check = cli.raw(List.of("--cluster", "check", entry));
        assertTrue(check.contains("[OK] All nodes agree about slots configuration."), check);
        assertTrue(check.contains("[OK] All 16384 slots covered."), check);
        assertFalse(check.contains("[ERR]") || check.contains("[WARNING]"), check);
        return check;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** The planning lines ("Master[i] ...", "Adding replica ...") with each address as its index. */
    private static List<String> planning(String printed, List<String> addresses) {
        List<String> lines = new ArrayList<>();
        for (String line : printed.replaceAll("\u001b\\[[0-9;]*m", "").split("\n")) {
            if (line.startsWith("M: ") || line.startsWith("S: ")) {
                break;
            }
            Matcher m = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+").matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, "#" + addresses.indexOf(m.group()));
            }
            m.appendTail(sb);
            lines.add(sb.toString());
        }
        return lines;
    }

    @Test
    void createBuildsFromServeEmptyAsRedisCliWouldAndTheRealCheckIsClean() throws Exception {
        RedisCli cli = RedisCli.require();
        List<String> redisCliPlan;
        try (RealCluster real = RealCluster.startEmpty("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1",
                "127.0.0.1", "127.0.0.1")) {
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                addresses.add(real.address(i));
            }
            create.addAll(addresses);
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            redisCliPlan = planning(cli.raw(create), addresses);
        }
        try (ServeProcess serve = ServeProcess.start(6, "--empty", "6", "--node-timeout", "5000")) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                addresses.add("127.0.0.1:" + serve.port(i));
            }
            List<String> args = new ArrayList<>(List.of("cluster", "create"));
            args.addAll(addresses);
            args.addAll(List.of("--replicas", "1", "--yes"));
            Run created = slotscope(args.toArray(new String[0]));
            assertEquals(0, created.exit(), created.out() + created.err());
            assertEquals(redisCliPlan, planning(created.out(), addresses));
            assertTrue(created.out().contains("Waiting for the cluster to join"), created.out());

            // create waited for the replicas' roles to spread: the real check shows them at once
            String check = cleanCheck(cli, addresses.get(0));
            assertEquals(3, count(check, "| 1 slaves."), check);
            assertEquals(3, count(check, "1 additional replica(s)"), check);
        }
    }

    private static long keysOnMasters(RedisCli cli, ServeProcess serve) {
        long keys = 0;
        for (int i = 0; i < 3; i++) {
            keys += Long.parseLong(cli.run("-p", String.valueOf(serve.port(i)), "DBSIZE"));
        }
        return keys;
    }

    @Test
    void addNodeThenDelNodeOnServeKeepTheKeysAndTheRealCheckClean() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(8, "--masters", "3", "--replicas", "1", "--spare", "2",
                "--node-timeout", "5000")) {
            String entry = "127.0.0.1:" + serve.port(0);
            String spare0 = "127.0.0.1:" + serve.port(6);
            String spare1 = "127.0.0.1:" + serve.port(7);
            for (int i = 0; i < 200; i++) {
                assertEquals("OK", cli.run("-c", "-p", String.valueOf(serve.port(0)), "SET", "k" + i, "v"));
            }
            assertEquals(200, keysOnMasters(cli, serve));

            Run added = slotscope("cluster", "add-node", spare0, entry);
            assertEquals(0, added.exit(), added.out() + added.err());
            assertTrue(added.out().endsWith("[OK] New node added correctly.\n"), added.out());
            String check = cleanCheck(cli, entry);
            assertEquals(4, count(check, "M: "), check);
            String spare0Id = cli.run("-p", String.valueOf(serve.port(6)), "CLUSTER", "MYID");

            Run replica = slotscope("cluster", "add-node", spare1, entry, "--slave", "--master-id", spare0Id);
            assertEquals(0, replica.exit(), replica.out() + replica.err());
            assertTrue(replica.out().contains(">>> Configure node as replica of " + spare0 + "."), replica.out());
            check = cleanCheck(cli, entry);
            assertEquals(4, count(check, "1 additional replica(s)"), check);
            assertEquals(200, keysOnMasters(cli, serve));

            Run info = slotscope("cluster", "info", entry);
            assertEquals(0, info.exit(), info.err());
            assertTrue(info.out().contains(spare0 + " (" + spare0Id.substring(0, 8) + "...) -> 0 keys | 0 slots | 1 slaves."),
                    info.out());
            assertTrue(info.out().contains("[OK] 200 keys in 4 masters.\n0.01 keys per slot on average.\n"), info.out());

            Run busy = slotscope("cluster", "del-node", entry, cli.run("-p", String.valueOf(serve.port(1)), "CLUSTER",
                    "MYID"));
            assertEquals(1, busy.exit(), busy.out());
            assertEquals("[ERR] Node 127.0.0.1:" + serve.port(1) + " is not empty! Reshard data away and try again.\n",
                    busy.err());

            Run deleted = slotscope("cluster", "del-node", entry, spare0Id);
            assertEquals(0, deleted.exit(), deleted.out() + deleted.err());
            assertTrue(deleted.out().contains(">>> " + spare1 + " as replica of "), deleted.out());
            assertTrue(deleted.out().endsWith(">>> Sending CLUSTER RESET SOFT to the deleted node.\n"), deleted.out());
            String spare1Id = cli.run("-p", String.valueOf(serve.port(7)), "CLUSTER", "MYID");
            Run deletedReplica = slotscope("cluster", "del-node", entry, spare1Id);
            assertEquals(0, deletedReplica.exit(), deletedReplica.out() + deletedReplica.err());
            check = cleanCheck(cli, entry);
            assertEquals(3, count(check, "M: "), check);
            assertFalse(check.contains(spare0Id) || check.contains(spare1Id), check);
            assertEquals(200, keysOnMasters(cli, serve), "no key lost");

            Run call = slotscope("cluster", "call", entry, "DBSIZE", "--only-masters");
            assertEquals(0, call.exit(), call.err());
            assertEquals(">>> Calling DBSIZE", call.out().lines().findFirst().orElse(""));
            assertEquals(200, call.out().lines().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum(), call.out());
            Run timeout = slotscope("cluster", "set-timeout", entry, "6000");
            assertEquals(0, timeout.exit(), timeout.err());
            assertTrue(timeout.out().endsWith(">>> New node timeout set. 6 OK, 0 ERR.\n"), timeout.out());
            assertEquals("cluster-node-timeout\n6000", cli.run("-p", String.valueOf(serve.port(5)), "CONFIG", "GET",
                    "cluster-node-timeout"));
        }
    }
}
