package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.ClusterNodesParser;
import org.slotscope.admin.NodeEntry;
import org.slotscope.testsupport.ClusterSettle;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * Redis 7.0's race between a fresh configEpoch and a slot move closed by hand, run with the real
 * redis-cli against `serve` and against a real Redis cluster, with the same assertions:
 * <ol>
 * <li>master A holds the greatest configEpoch (CLUSTER BUMPEPOCH) and everyone knows it;</li>
 * <li>master B takes a greater one (BUMPEPOCH) and, before A hears of it, one of B's slots is moved to
 * A by hand: SETSLOT IMPORTING on A, MIGRATING on B, NODE on A. A takes no new epoch, as it holds the
 * greatest it knows of (clusterBumpConfigEpochWithoutConsensus);</li>
 * <li>B's next PING claims the slot with its greater epoch, and A gives the slot back to B
 * (clusterUpdateSlotsConfigWith);</li>
 * <li>SETSLOT NODE on B and C, as the tutorial goes on: they give the slot to A, A gives it to B, and
 * as nobody claims it any more, it stays so: `--cluster check` finds the nodes disagreeing and the
 * slot uncovered, and `--cluster fix` repairs it.</li>
 * </ol>
 * This is how `rebalance --cluster-weight <new>=0` after a `fix` rarely left a slot behind, on both
 * sides, in RedisCliClusterToolsIT (see {@link ClusterSettle}).
 */
class EpochRaceIT {
    @Test
    void onServe() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3", "--replicas", "0", "--node-timeout",
                "5000")) {
            new Race(cli, serve::port).run();
        }
    }

    @Test
    void onARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) { // cluster-node-timeout 5000, as above
            new Race(cli, real::port).run();
        }
    }

    private record Race(RedisCli cli, IntUnaryOperator port) {
        String on(int node, String... command) {
            List<String> args = new ArrayList<>(List.of("-p", String.valueOf(port.applyAsInt(node))));
            args.addAll(List.of(command));
            return cli.raw(args).trim();
        }

        void run() throws InterruptedException {
            ClusterSettle.await(cli, port.applyAsInt(0), 3);
            String a = on(0, "CLUSTER", "MYID");
            String b = on(1, "CLUSTER", "MYID");
            // A hears of B's new epoch from B's PING, at most node_timeout / 2 later; if one comes in the
            // few milliseconds between BUMPEPOCH and SETSLOT NODE, A bumps and there is no race: move
            // B's next slot instead.
            for (int attempt = 0; attempt < 3; attempt++) {
                int slot = firstSlot(on(1, "CLUSTER", "NODES"), b);
                String aEpoch = bump(0, false);
                awaitEpoch(1, a, aEpoch);
                awaitEpoch(2, a, aEpoch);
                String bEpoch = bump(1, true);
                assertEquals("OK", on(0, "CLUSTER", "SETSLOT", String.valueOf(slot), "IMPORTING", b));
                assertEquals("OK", on(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "MIGRATING", a));
                assertEquals("OK", on(0, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a));
                String aNow = epoch(on(0, "CLUSTER", "NODES"), a);
                if (!aNow.equals(aEpoch)) {
                    finishMove(slot, a);
                    ClusterSettle.await(cli, port.applyAsInt(0), 3);
                    continue;
                }
                // B's UPDATE about itself, answering A's claim, only teaches A the epoch (its header
                // carries it first, so the UPDATE is nothing new); B's next PING takes the slot back
                awaitEpoch(0, b, bEpoch);
                String aView = on(0, "CLUSTER", "NODES");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!owns(aView, b, slot) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    aView = on(0, "CLUSTER", "NODES");
                }
                assertTrue(owns(aView, b, slot) && !owns(aView, a, slot), "A gave the slot back to B:\n" + aView);

                finishMove(slot, a);
                Thread.sleep(6000); // every node pings every other at least twice
                for (int node = 1; node < 3; node++) {
                    String view = on(node, "CLUSTER", "NODES");
                    assertTrue(owns(view, a, slot), "node " + node + " gives the slot to A:\n" + view);
                }
                aView = on(0, "CLUSTER", "NODES");
                assertTrue(owns(aView, b, slot) && !owns(aView, a, slot), "A still gives it to B:\n" + aView);

                RedisCli.Run check = cluster("", "check");
                assertEquals(1, check.exit(), check.printed());
                assertTrue(check.printed().contains("[ERR] Nodes don't agree about configuration!"), check.printed());
                assertTrue(check.printed().contains("[ERR] Not all 16384 slots are covered by nodes."),
                        check.printed());
                RedisCli.Run fixed = cluster("yes\n", "fix", "--cluster-yes");
                assertTrue(fixed.printed().contains(">>> Covering slot " + slot + " with "), fixed.printed());
                ClusterSettle.await(cli, port.applyAsInt(0), 3);
                return;
            }
            fail("A heard of B's new epoch before SETSLOT NODE in every attempt");
        }

        /**
         * BUMPEPOCH on {@code node}; returns its configEpoch after. A node that already holds the
         * greatest answers STILL, which only A may (after an attempt where it bumped itself).
         */
        private String bump(int node, boolean mustBump) {
            String reply = on(node, "CLUSTER", "BUMPEPOCH");
            assertTrue(reply.startsWith("BUMPED ") || !mustBump && reply.startsWith("STILL "), reply);
            return reply.substring(reply.indexOf(' ') + 1);
        }

        /** The tutorial's last steps: SETSLOT NODE on the source (B) and the other master (C). */
        private void finishMove(int slot, String a) {
            assertEquals("OK", on(1, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a));
            assertEquals("OK", on(2, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", a));
        }

        private RedisCli.Run cluster(String input, String command, String... options) {
            List<String> args = new ArrayList<>(List.of("--cluster", command, "127.0.0.1:" + port.applyAsInt(0)));
            args.addAll(List.of(options));
            RedisCli.Run run = cli.exec(args, input);
            return new RedisCli.Run(run.exit(), run.printed().replaceAll("\u001B\\[[0-9;]*m", ""));
        }

        /** Waits until {@code viewer} lists node {@code id} with configEpoch {@code epoch}. */
        private void awaitEpoch(int viewer, String id, String epoch) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            String listing = on(viewer, "CLUSTER", "NODES");
            while (!epoch(listing, id).equals(epoch)) {
                if (System.nanoTime() > deadline) {
                    fail("node " + viewer + " never listed " + id + " with configEpoch " + epoch + ":\n" + listing);
                }
                Thread.sleep(50);
                listing = on(viewer, "CLUSTER", "NODES");
            }
        }

        /** {@code id}'s line of a CLUSTER NODES listing. */
        private static NodeEntry entry(String listing, String id) {
            return ClusterNodesParser.parse(listing).stream().filter(n -> n.id().equals(id)).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " is not listed:\n" + listing));
        }

        private static String epoch(String listing, String id) {
            return Long.toString(entry(listing, id).configEpoch());
        }

        private static int firstSlot(String listing, String id) {
            int first = entry(listing, id).slots().nextSetBit(0);
            assertTrue(first >= 0, id + " owns no slot:\n" + listing);
            return first;
        }

        /** Whether {@code listing} gives {@code slot} to node {@code id}. */
        private static boolean owns(String listing, String id, int slot) {
            return entry(listing, id).slots().get(slot);
        }
    }
}
