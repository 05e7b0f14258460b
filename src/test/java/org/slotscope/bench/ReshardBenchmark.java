package org.slotscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.ClusterCheck;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.SlotMover;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.admin.Sleeper;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.testsupport.ClusterViews;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

/**
 * A benchmark, not a test (its name keeps it out of `mvn verify`): the time of a reshard of 4096
 * slots holding about 25k of 100k keys, from all masters to a new one, against a real Redis 7
 * cluster of 3 masters + 3 replicas, by the real {@code redis-cli --cluster reshard} and by
 * {@code java -jar target/slotscope.jar cluster reshard} (whole processes, JVM start included), the
 * same command line (pipeline 10), with its defaults (64 slots per batch, 4 pairs at a time) and with
 * {@code --batch 1 --parallel 1} (the very commands redis-cli sends, in its order). Between runs the slots are moved back to their first owners, so
 * every run starts from the same layout. Prints each run and the medians. Run it with
 * <pre>mvn -q -DskipTests package && mvn -q test -Dtest=ReshardBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * ({@code -Dbench.rounds=N}, default 3). Needs redis-server and redis-cli on PATH.
 */
class ReshardBenchmark {
    private static final int KEYS = 100_000;
    private static final int SLOTS = 4096;

    @Test
    void reshardAgainstRedisCli() throws Exception {
        Path jar = Path.of("target", "slotscope.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first: mvn -q -DskipTests package");
        int rounds = Integer.getInteger("bench.rounds", 3);
        RedisCli cli = RedisCli.require();
        Connector connect = JedisLink.connector(ConnectOptions.timeout(60_000));
        try (RealCluster real = RealCluster.start(3, 1)) {
            String entry = "127.0.0.1:" + real.port(0);
            int spare = real.startSpareNode();
            String added = cli.raw(List.of("--cluster", "add-node", "127.0.0.1:" + spare, entry));
            assertTrue(added.contains("[OK] New node added correctly."), added);
            String newId = cli.run("-p", String.valueOf(spare), "CLUSTER", "MYID");
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ports.add(real.port(i));
            }
            ports.add(spare);
            // so the new node, emptied between runs, stays a master (Redis 7.0 turns it into a replica)
            for (int port : ports) {
                assertEquals("OK", cli.run("-p", String.valueOf(port), "CONFIG", "SET",
                        "cluster-allow-replica-migration", "no"));
            }
            ClusterViews.awaitClean(connect, entry, Sleeper.REAL, 7);
            Map<String, BitSet> original = load(connect, entry);
            List<Double> redisCli = new ArrayList<>();
            List<Double> batched = new ArrayList<>();
            List<Double> slotBySlot = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                redisCli.add(timed(List.of(cli.program().toString(), "--cluster", "reshard", entry,
                        "--cluster-from", "all", "--cluster-to", newId, "--cluster-slots", String.valueOf(SLOTS),
                        "--cluster-yes", "--cluster-pipeline", "10")));
                restore(connect, entry, original);
                List<String> ours = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                        "cluster", "reshard", entry, "--from", "all", "--to", newId, "--slots",
                        String.valueOf(SLOTS), "--yes", "--pipeline", "10"));
                batched.add(timed(ours));
                restore(connect, entry, original);
                ours.addAll(List.of("--batch", "1", "--parallel", "1"));
                slotBySlot.add(timed(ours));
                restore(connect, entry, original);
                System.out.printf("round %d: redis-cli %.2f s, slotscope %.2f s, slotscope --batch 1 --parallel 1 %.2f s%n", round,
                        redisCli.get(round - 1), batched.get(round - 1), slotBySlot.get(round - 1));
            }
            double rc = median(redisCli);
            double ss = median(batched);
            System.out.printf("reshard %d slots (of %d keys), pipeline 10, medians of %d: redis-cli %.2f s, "
                            + "slotscope %.2f s (ratio %.2f), slotscope --batch 1 --parallel 1 %.2f s (ratio %.2f)%n", SLOTS, KEYS,
                    rounds, rc, ss, ss / rc, median(slotBySlot), median(slotBySlot) / rc);
        }
    }

    /** 100k keys k:00000000.. with 8-byte values, pipelined to their owners; returns each master's slots. */
    private static Map<String, BitSet> load(Connector connect, String entry) {
        Map<String, BitSet> owners = new LinkedHashMap<>();
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            topology.masterSlots().forEach(m -> owners.put(m.id(), m.slots()));
            Map<String, List<byte[][]>> perMaster = new LinkedHashMap<>();
            for (int i = 0; i < KEYS; i++) {
                String key = String.format("k:%08d", i);
                int slot = HashSlot.of(key);
                String owner = owners.entrySet().stream().filter(e -> e.getValue().get(slot)).findFirst()
                        .orElseThrow().getKey();
                perMaster.computeIfAbsent(owner, o -> new ArrayList<>()).add(NodeLink.argv("SET", key, "xxxxxxxx"));
            }
            perMaster.forEach((id, commands) -> {
                NodeLink link = topology.node(id).link();
                for (int from = 0; from < commands.size(); from += 1000) {
                    for (Reply r : link.pipeline(commands.subList(from, Math.min(commands.size(), from + 1000)))) {
                        assertTrue(r instanceof Reply.BulkString, "SET answered " + r);
                    }
                }
            });
        }
        assertEquals(KEYS, ClusterViews.keysOnMasters(connect, entry));
        return owners;
    }

    /** Moves every slot back to its first owner, then waits until the cluster is healthy again. */
    private static void restore(Connector connect, String entry, Map<String, BitSet> original) throws Exception {
        assertEquals(KEYS, ClusterViews.keysOnMasters(connect, entry), "no key lost by the run");
        ClusterViews.awaitClean(connect, entry, Sleeper.REAL, 7); // replicas hear of the last moves through gossip
        new MoveOperation(connect).run(entry, topology -> {
            List<org.slotscope.admin.SlotMove> back = new ArrayList<>();
            original.forEach((id, slots) -> back.addAll(SlotRangePlanner.plan(topology.masterSlots(), slots, id)));
            return back;
        }, new SlotMover.Options(100, 60_000, false, 256), p -> {
        });
        ClusterViews.awaitClean(connect, entry, Sleeper.REAL, 7);
        assertEquals(KEYS, ClusterViews.keysOnMasters(connect, entry), "no key lost moving back");
    }

    private static double timed(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            System.out.println(out);
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out.substring(Math.max(0, out.length() - 2000)));
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
