package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.testsupport.ClusterSettle;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * Every `redis-cli --cluster` subcommand a tutorial uses, from the real redis-cli 7.0, unchanged,
 * against `serve` (3 masters, 3 replicas, 2 spare nodes), and the very same scenario against a real
 * Redis 7 cluster of that shape started by the test, so every assertion below is what real Redis
 * gives: add-node as a master and as a replica (--cluster-slave --cluster-master-id), reshard with
 * every option (--cluster-from/to/slots/yes/pipeline/timeout/replace), rebalance (--cluster-weight,
 * --cluster-threshold, --cluster-simulate, --cluster-use-empty-masters), check, fix of an uncovered
 * slot and of a reshard stopped in the middle of a slot, info, call, set-timeout and del-node, with
 * `redis-cli -c` one-shot following MOVED and ASK while the slot is open. After every step the sum of
 * DBSIZE over the masters is unchanged and `--cluster check` is clean.
 */
class RedisCliClusterToolsIT {
    private static final int KEYS = 300;
    /** Keys with this hash tag all live in slot 12182 ("foo"). */
    private static final int TAGGED = 20;

    @Test
    void everyClusterSubcommandWorksOnServe() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(8, "--masters", "3", "--replicas", "1", "--spare", "2",
                "--node-timeout", "5000")) {
            int[] ports = new int[8];
            for (int i = 0; i < 8; i++) {
                ports[i] = serve.port(i);
            }
            new Scenario(cli, ports).run();
        }
    }

    @Test
    void theSameScenarioOnARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 1, true)) {
            int[] ports = new int[8];
            for (int i = 0; i < 6; i++) {
                ports[i] = real.port(i);
            }
            ports[6] = real.startSpareNode();
            ports[7] = real.startSpareNode();
            new Scenario(cli, ports).run();
        }
    }

    /** Nodes 0-2 masters, 3-5 their replicas, 6 and 7 spare (empty, alone). */
    private record Scenario(RedisCli cli, int[] ports) {
        String entry() {
            return address(0);
        }

        String address(int node) {
            return "127.0.0.1:" + ports[node];
        }

        String on(int node, String... command) {
            List<String> args = new ArrayList<>(List.of("-p", String.valueOf(ports[node])));
            args.addAll(List.of(command));
            return cli.raw(args).trim();
        }

        RedisCli.Run clusterAnswering(String input, String... args) {
            List<String> all = new ArrayList<>(List.of("--cluster"));
            all.addAll(List.of(args));
            RedisCli.Run run = cli.exec(all, input);
            return new RedisCli.Run(run.exit(), run.printed().replaceAll("\u001B\\[[0-9;]*m", ""));
        }

        RedisCli.Run cluster(String... args) {
            return clusterAnswering("", args);
        }

        void run() throws Exception {
            StringBuilder load = new StringBuilder();
            for (int i = 0; i < KEYS; i++) {
                load.append("SET k:").append(i).append(" v").append(i).append('\n');
            }
            for (int i = 0; i < TAGGED; i++) {
                load.append("SET {foo}").append(i).append(" t").append(i).append('\n');
            }
            // without a terminal, redis-cli -c runs each line of its input, following MOVED
            String loaded = cli.raw(List.of("-c", "-p", String.valueOf(ports[0])), load.toString());
            assertEquals(KEYS + TAGGED, loaded.lines().filter("OK"::equals).count(), loaded);
            final long total = KEYS + TAGGED;
            assertEquals(total, keysOnMasters());

            // add-node: a master, then a replica of it
            RedisCli.Run added = cluster("add-node", address(6), entry());
            assertEquals(0, added.exit(), added.printed());
            assertTrue(added.printed().contains("[OK] New node added correctly."), added.printed());
            String newId = on(6, "CLUSTER", "MYID");
            awaitSettled(7);
            // the empty master gets its share: 16384 / 4
            RedisCli.Run filled = cluster("rebalance", entry(), "--cluster-use-empty-masters");
            assertEquals(0, filled.exit(), filled.printed());
            assertEquals(4096, slotsOf(newId));
            assertEquals(total, keysOnMasters());
            awaitSettled(7);
            RedisCli.Run replica = cluster("add-node", address(7), entry(), "--cluster-slave", "--cluster-master-id",
                    newId);
            assertEquals(0, replica.exit(), replica.printed());
            assertTrue(replica.printed().contains(">>> Configure node as replica of " + address(6) + "."),
                    replica.printed());
            awaitSettled(8);
            awaitLine(7, "ROLE", "slave");
            String check = cleanCheck();
            assertTrue(check.contains("replicates " + newId), check);

            // reshard with every option; from two named masters
            String id0 = on(0, "CLUSTER", "MYID");
            String id1 = on(1, "CLUSTER", "MYID");
            RedisCli.Run resharded = cluster("reshard", entry(), "--cluster-from", id0 + "," + id1,
                    "--cluster-to", newId, "--cluster-slots", "1000", "--cluster-yes", "--cluster-pipeline", "7",
                    "--cluster-timeout", "3000", "--cluster-replace");
            assertEquals(0, resharded.exit(), resharded.printed());
            assertEquals(4096 + 1000, slotsOf(newId));
            assertEquals(2 * 4096 - 1000, slotsOf(id0) + slotsOf(id1), "the slots came from the two named masters");
            assertEquals(total, keysOnMasters());
            awaitSettled(8);
            cleanCheck();

            // rebalance: --cluster-simulate prints the plan and moves nothing
            Map<String, Integer> before = slotCounts();
            RedisCli.Run simulated = cluster("rebalance", entry(), "--cluster-weight", newId + "=2",
                    "--cluster-threshold", "1", "--cluster-simulate");
            assertEquals(0, simulated.exit(), simulated.printed());
            assertTrue(simulated.printed().contains("Moving "), simulated.printed());
            assertEquals(before, slotCounts(), "a simulated rebalance changes nothing");
            RedisCli.Run balanced = cluster("rebalance", entry(), "--cluster-weight", newId + "=2",
                    "--cluster-threshold", "1");
            assertEquals(0, balanced.exit(), balanced.printed());
            int weighted = slotsOf(newId);
            // clusterManagerCommandRebalance floors each weight-1 master's share (16384 / 5 = 3276) and the
            // heavier master takes the remainder
            assertEquals(16384 - 3 * 3276, weighted);
            assertEquals(total, keysOnMasters());
            awaitSettled(8);
            RedisCli.Run within = cluster("rebalance", entry(), "--cluster-weight", newId + "=2",
                    "--cluster-threshold", "50");
            assertEquals(0, within.exit(), within.printed());
            assertTrue(within.printed().contains("*** No rebalancing needed! All nodes are within the 50.00% threshold."),
                    within.printed());

            // info, call, set-timeout
            RedisCli.Run info = cluster("info", entry());
            assertTrue(info.printed().contains("[OK] " + total + " keys in 4 masters."), info.printed());
            RedisCli.Run call = cluster("call", entry(), "DBSIZE");
            assertEquals(8, call.printed().lines().filter(l -> l.matches("127\\.0\\.0\\.1:\\d+: \\d+")).count(),
                    call.printed());
            RedisCli.Run timeout = cluster("set-timeout", entry(), "6000");
            assertTrue(timeout.printed().contains(">>> New node timeout set. 8 OK, 0 ERR."), timeout.printed());
            assertEquals("cluster-node-timeout\n6000", on(5, "CONFIG", "GET", "cluster-node-timeout"));

            fixAnUncoveredSlot(total);
            fixAStoppedReshard(total);

            // rebalance to weight 0 empties the new master, then del-node removes both spare nodes
            RedisCli.Run emptied = cluster("rebalance", entry(), "--cluster-weight", newId + "=0");
            assertEquals(0, emptied.exit(), emptied.printed());
            awaitSettled(8); // node 0's view, read below, may lag behind the last moves by a gossip round
            assertEquals(0, slotsOf(newId), emptied.printed());
            assertEquals(total, keysOnMasters());
            String replicaId = on(7, "CLUSTER", "MYID");
            RedisCli.Run deletedReplica = cluster("del-node", entry(), replicaId);
            assertEquals(0, deletedReplica.exit(), deletedReplica.printed());
            RedisCli.Run deleted = cluster("del-node", entry(), newId);
            assertEquals(0, deleted.exit(), deleted.printed());
            assertTrue(deleted.printed().contains(">>> Sending CLUSTER RESET SOFT to the deleted node."),
                    deleted.printed());
            awaitSettled(6);
            check = cleanCheck();
            assertFalse(check.contains(newId) || check.contains(replicaId), check);
            assertEquals(total, keysOnMasters());

            for (int i = 0; i < KEYS; i += 37) {
                assertEquals("v" + i, cli.run("-c", "-p", String.valueOf(ports[1]), "GET", "k:" + i));
            }
        }

        /** An empty slot nobody owns: `fix` asks (even with --cluster-yes) and covers it once told yes. */
        private void fixAnUncoveredSlot(long total) throws Exception {
            int slot = 0;
            while (!on(ownerNode(slot), "CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot)).equals("0")) {
                slot++;
            }
            // the owner first: it alone announces the slot, the others would learn it back from it
            int owner = ownerNode(slot);
            assertEquals("OK", on(owner, "CLUSTER", "DELSLOTS", String.valueOf(slot)));
            for (int node = 0; node < 8; node++) {
                if (node != owner) {
                    assertEquals("OK", on(node, "CLUSTER", "DELSLOTS", String.valueOf(slot)));
                }
            }
            RedisCli.Run broken = cluster("check", entry());
            assertTrue(broken.printed().contains("[ERR] Not all 16384 slots are covered by nodes."), broken.printed());
            assertEquals(1, broken.exit(), broken.printed());
            RedisCli.Run fixed = clusterAnswering("yes\n", "fix", entry(), "--cluster-yes");
            assertTrue(fixed.printed().contains("The following uncovered slots have no keys across the cluster:\n["
                    + slot + "]"), fixed.printed());
            assertTrue(fixed.printed().contains(">>> Covering slot " + slot + " with "), fixed.printed());
            awaitSettled(8);
            cleanCheck();
            assertEquals(total, keysOnMasters());
        }

        /**
         * Slot 12182 half moved, as a reshard killed after its first MIGRATE leaves it: `-c` follows
         * the ASK for a moved key, `check` sees the open slot, `fix` closes it with every key kept.
         */
        private void fixAStoppedReshard(long total) throws Exception {
            int slot = HashSlot.of("foo");
            int source = ownerNode(slot);
            int target = source == 0 ? 1 : 0;
            String sourceId = on(source, "CLUSTER", "MYID");
            String targetId = on(target, "CLUSTER", "MYID");
            assertEquals("OK", on(target, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", sourceId));
            assertEquals("OK", on(source, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", targetId));
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", String.valueOf(ports[target]), "",
                    "0", "5000", "KEYS"));
            List<String> moved = List.of(on(source, "CLUSTER", "GETKEYSINSLOT", String.valueOf(slot), "8").split("\n"));
            migrate.addAll(moved);
            assertEquals("OK", on(source, migrate.toArray(new String[0])));
            String movedKey = moved.get(0);
            String value = "t" + movedKey.substring("{foo}".length());
            assertEquals("ASK " + slot + " " + address(target), on(source, "GET", movedKey));
            assertEquals(value, cli.run("-c", "-p", String.valueOf(ports[source]), "GET", movedKey), "-c follows ASK");
            assertEquals("MOVED " + slot + " " + address(source), on(target, "GET", movedKey));

            RedisCli.Run open = cluster("check", entry());
            assertTrue(open.printed().contains("[WARNING] The following slots are open: " + slot + "."),
                    open.printed());
            RedisCli.Run fixed = clusterAnswering("yes\n", "fix", entry(), "--cluster-yes");
            assertTrue(fixed.printed().contains(">>> Fixing open slot " + slot), fixed.printed());
            awaitSettled(8);
            cleanCheck();
            assertEquals(total, keysOnMasters());
            for (int i = 0; i < TAGGED; i++) {
                assertEquals("t" + i, cli.run("-c", "-p", String.valueOf(ports[2]), "GET", "{foo}" + i));
            }
        }

        /** Index of the master that owns {@code slot}, as node 0 sees it. */
        private int ownerNode(int slot) {
            for (String line : on(0, "CLUSTER", "NODES").split("\n")) {
                String[] f = line.split(" ");
                if (f[2].contains("master") && ranges(f).stream().anyMatch(r -> r[0] <= slot && slot <= r[1])) {
                    int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                    for (int i = 0; i < ports.length; i++) {
                        if (ports[i] == port) {
                            return i;
                        }
                    }
                }
            }
            throw new AssertionError("nobody owns slot " + slot);
        }

        private static List<int[]> ranges(String[] fields) {
            List<int[]> ranges = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // an open slot, not an owned one
                }
                String[] r = fields[i].split("-");
                ranges.add(new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[r.length - 1])});
            }
            return ranges;
        }

        private Map<String, Integer> slotCounts() {
            Map<String, Integer> counts = new HashMap<>();
            for (String line : on(0, "CLUSTER", "NODES").split("\n")) {
                String[] f = line.split(" ");
                counts.put(f[0], ranges(f).stream().mapToInt(r -> r[1] - r[0] + 1).sum());
            }
            return counts;
        }

        private int slotsOf(String id) {
            return slotCounts().getOrDefault(id, -1);
        }

        /** Sum of DBSIZE over the masters node 0 lists (replicas hold copies). */
        private long keysOnMasters() {
            long keys = 0;
            for (String line : on(0, "CLUSTER", "NODES").split("\n")) {
                String[] f = line.split(" ");
                if (f[2].contains("master") && !f[2].contains("fail")) {
                    String port = f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'));
                    keys += Long.parseLong(cli.run("-p", port, "DBSIZE"));
                }
            }
            return keys;
        }

        private String cleanCheck() {
            RedisCli.Run check = cluster("check", entry());
            assertEquals(0, check.exit(), check.printed());
            assertTrue(check.printed().contains("[OK] All nodes agree about slots configuration."), check.printed());
            assertTrue(check.printed().contains("[OK] All 16384 slots covered."), check.printed());
            assertFalse(check.printed().contains("[ERR]") || check.printed().contains("[WARNING]"), check.printed());
            return check.printed();
        }

        private void awaitLine(int node, String command, String firstLine) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!on(node, command).lines().findFirst().orElse("").equals(firstLine)) {
                if (System.nanoTime() > deadline) {
                    fail(command + " on " + address(node) + " never started with " + firstLine);
                }
                Thread.sleep(100);
            }
        }

        private void awaitSettled(int nodes) throws InterruptedException {
            ClusterSettle.await(cli, ports[0], nodes);
        }
    }
}
