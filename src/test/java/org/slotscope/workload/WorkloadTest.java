package org.slotscope.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.ReshardPlanner;
import org.slotscope.admin.SlotMover;
import org.slotscope.checker.FinalRead;
import org.slotscope.checker.HistoryChecker;
import org.slotscope.checker.LossExplanation;
import org.slotscope.checker.Operation;
import org.slotscope.checker.SimLossWitness;
import org.slotscope.checker.Verdict;
import org.slotscope.client.ClusterClient;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.link.SimActors;

/**
 * The workload on the simulator: traffic keeps flowing through a reshard (redirects counted, no
 * acknowledged write lost), multi-key commands on hash-tagged groups stay legal, and a failover
 * with lagging replication loses writes that the checker lists as explained.
 */
class WorkloadTest {
    private static final List<String> SEEDS = List.of("127.0.0.1:7000");

    private static Verdict finalVerdict(SimActors actors, Workload workload, SimLossWitness witness) {
        Map<String, String>[] finals = new Map[1];
        actors.spawn("final-read", () -> {
            try (ClusterClient reader = new ClusterClient("reader", actors.connector(), SEEDS, actors.clock(),
                    ClusterClient.Options.DEFAULTS.withMaxAttempts(20).withDeadline(30_000), null)) {
                finals[0] = FinalRead.values(reader, workload.keys());
            }
        });
        assertTrue(actors.runUntilFinished(120_000));
        assertEquals(List.of(), actors.failures());
        return HistoryChecker.check(workload.history(), finals[0], witness.explanations());
    }

    @Test
    void trafficFlowsThroughAReshardAndNothingIsLost() {
        SimCluster cluster = new SimCluster(21, new NodeConfig().nodeTimeout(2000), new EventLog());
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        SimLossWitness witness = SimLossWitness.attach(cluster);
        try (SimActors actors = new SimActors(cluster)) {
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(4, 400, 0.5, 200), actors.connector(),
                    SEEDS, actors.clock(), null);
            workload.spawn(actors, 5_000);
            actors.spawn("reshard", () -> {
                actors.clock().sleep(500);
                new MoveOperation(actors.connector()).run("127.0.0.1:7000",
                        ReshardPlanner.forTopology(List.of(), nodes.get(0).id().value(), 3000),
                        new SlotMover.Options(10, 5000, false), p -> { });
            });
            assertTrue(actors.runUntilFinished(60_000));
            assertEquals(List.of(), actors.failures());
            WorkloadMetrics.Second total = workload.metrics().total();
            assertTrue(total.ops() >= 1900 && total.ops() <= 2000, "400 ops/s for 5 s: " + total);
            assertEquals(total.ops(), total.acknowledged(), "every operation succeeded: " + total);
            assertTrue(total.redirects().getOrDefault("MOVED", 0L) > 0, total.toString());
            List<WorkloadMetrics.Second> seconds = workload.metrics().seconds();
            assertTrue(seconds.size() >= 5, seconds.toString());
            assertTrue(seconds.stream().allMatch(s -> s.ops() > 0), "no second without traffic: " + seconds);
            Verdict verdict = finalVerdict(actors, workload, witness);
            assertTrue(verdict.passed(), verdict.toString());
            assertTrue(verdict.acknowledgedWrites() > 800, verdict.toString());
            assertEquals(List.of(), verdict.explained());
        }
    }

    @Test
    void aHotKeysSlotMovingIsAskedOver() {
        SimCluster cluster = new SimCluster(25, new NodeConfig().nodeTimeout(2000), new EventLog());
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        SimLossWitness witness = SimLossWitness.attach(cluster);
        try (SimActors actors = new SimActors(cluster)) {
            // one key, 2000 ops/s: its slot is moved by the admin operation while it is hammered
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(4, 2000, 0.5, 1), actors.connector(),
                    SEEDS, actors.clock(), null);
            workload.spawn(actors, 1_000);
            java.util.BitSet slot = new java.util.BitSet();
            slot.set(org.slotscope.engine.slot.HashSlot.of("key:0"));
            String target = org.slotscope.engine.slot.HashSlot.of("key:0") < 5461 ? nodes.get(1).id().value()
                    : nodes.get(0).id().value();
            actors.spawn("move", () -> {
                actors.clock().sleep(300);
                new MoveOperation(actors.connector()).run("127.0.0.1:7000",
                        org.slotscope.admin.SlotRangePlanner.forTopology(slot, target),
                        new SlotMover.Options(1, 5000, false), p -> { });
            });
            assertTrue(actors.runUntilFinished(60_000));
            assertEquals(List.of(), actors.failures());
            WorkloadMetrics.Second total = workload.metrics().total();
            assertEquals(total.ops(), total.acknowledged(), total.toString());
            assertTrue(total.redirects().getOrDefault("ASK", 0L) > 0, total.toString());
            assertTrue(total.redirects().getOrDefault("MOVED", 0L) > 0, total.toString());
            assertTrue(finalVerdict(actors, workload, witness).passed());
        }
    }

    @Test
    void hashTaggedGroupsMakeMultiKeyCommandsLegal() {
        SimCluster cluster = new SimCluster(22);
        cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        try (SimActors actors = new SimActors(cluster)) {
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(2, 200, 0.5, 40)
                    .with(KeyDistribution.GROUPS, 4, 8), actors.connector(), SEEDS, actors.clock(), null);
            workload.spawn(actors, 2_000);
            assertTrue(actors.runUntilFinished(10_000));
            List<Operation> ops = workload.history().operations();
            assertTrue(ops.size() > 300);
            assertTrue(ops.stream().allMatch(o -> o.keys().size() == 4 && o.status() == Operation.Status.OK));
            assertTrue(workload.metrics().total().errors().isEmpty(), workload.metrics().total().toString());
        }
    }

    @Test
    void zipfMakesHotKeys() {
        SimCluster cluster = new SimCluster(23);
        cluster.createReadyCluster("127.0.0.1", 7000, 3, 0);
        try (SimActors actors = new SimActors(cluster)) {
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(1, 0, 0.0, 1000)
                    .with(KeyDistribution.ZIPF, 1, 8), actors.connector(), SEEDS, actors.clock(), null);
            workload.spawn(actors, 2_000);
            assertTrue(actors.runUntilFinished(10_000));
            List<Operation> ops = workload.history().operations();
            long hottest = ops.stream().filter(o -> o.keys().get(0).equals("key:0")).count();
            assertTrue(hottest > ops.size() / 20, hottest + " of " + ops.size() + " on the hottest key");
        }
    }

    @Test
    void partitionedMasterLosesWritesTheCheckerExplains() {
        SimCluster cluster = new SimCluster(24, new NodeConfig().nodeTimeout(1000), new EventLog());
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        SimLossWitness witness = SimLossWitness.attach(cluster);
        try (SimActors actors = new SimActors(cluster)) {
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(4, 1000, 0.0, 100), actors.connector(),
                    SEEDS, actors.clock(), null);
            workload.spawn(actors, 2_500); // ends before the failover, so nothing rewrites the lost keys
            // the third master is cut off from the cluster bus (clients still reach it): it takes writes
            // its replica never receives until it notices it is in the minority; the majority promotes
            // the replica, and at the heal the old master rejoins as a replica and drops its data
            actors.spawn("partition", () -> {
                actors.clock().sleep(1_000);
                cluster.network().setPartitionGroup(nodes.get(2).id(), 1);
                actors.clock().sleep(4_000);
                cluster.network().heal();
            });
            assertTrue(actors.runUntilFinished(60_000));
            assertEquals(List.of(), actors.failures());
            Verdict verdict = finalVerdict(actors, workload, witness);
            assertTrue(verdict.passed(), verdict.toString());
            assertFalse(verdict.explained().isEmpty(), "the minority master's writes were lost: " + verdict);
            assertTrue(verdict.explained().stream()
                    .anyMatch(f -> f.because().cause() == LossExplanation.Cause.FAILOVER_WINDOW), verdict.toString());
            assertTrue(workload.metrics().total().retries().containsKey("CLUSTERDOWN"),
                    workload.metrics().total().toString());
        }
    }
}
