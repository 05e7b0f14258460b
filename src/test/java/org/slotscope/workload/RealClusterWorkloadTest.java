package org.slotscope.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.ReshardPlanner;
import org.slotscope.admin.SlotMover;
import org.slotscope.checker.FinalRead;
import org.slotscope.checker.HistoryChecker;
import org.slotscope.checker.Verdict;
import org.slotscope.client.ClusterClient;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.LinkClock;
import org.slotscope.testsupport.RealCluster;

/**
 * The same workload and checker against a real Redis cluster, on threads and the wall clock, while
 * the admin operation reshards under it: every operation succeeds, redirects are counted, and every
 * acknowledged write is there at the end.
 */
class RealClusterWorkloadTest {
    @Test
    void workloadThroughARealReshardLosesNothing() throws Exception {
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<String> addresses = List.of("127.0.0.1:" + real.port(0), "127.0.0.1:" + real.port(1),
                    "127.0.0.1:" + real.port(2));
            Connector connector = JedisLink.connector(ConnectOptions.timeout(5000));
            LinkClock clock = LinkClock.system();
            Workload workload = new Workload(WorkloadOptions.DEFAULTS.with(3, 300, 0.5, 300), connector, addresses,
                    clock, null);
            String target;
            try (var link = connector.connect(addresses.get(0))) {
                target = org.slotscope.testsupport.Replies.text(link.send("CLUSTER", "MYID"));
            }
            MoveExecutor.Result[] moved = new MoveExecutor.Result[1];
            Thread reshard = new Thread(() -> {
                clock.sleep(500);
                moved[0] = new MoveOperation(connector).run(addresses.get(0),
                        ReshardPlanner.forTopology(List.of(), target, 2000), new SlotMover.Options(10, 5000, false),
                        p -> { });
            });
            reshard.start();
            workload.runThreads(4_000);
            reshard.join();
            assertEquals(2000, moved[0].slotsMoved());
            WorkloadMetrics.Second total = workload.metrics().total();
            assertTrue(total.ops() > 600, total.toString());
            assertEquals(total.ops(), total.acknowledged(), total.toString());
            assertTrue(total.redirects().getOrDefault("MOVED", 0L) > 0, total.toString());
            assertTrue(total.p50Micros() > 0 && total.p99Micros() >= total.p50Micros(), total.toString());
            Map<String, String> finals;
            try (ClusterClient reader = new ClusterClient("reader", connector, addresses, clock,
                    ClusterClient.Options.DEFAULTS, null)) {
                finals = FinalRead.values(reader, workload.keys());
            }
            Verdict verdict = HistoryChecker.check(workload.history(), finals, List.of());
            assertTrue(verdict.passed(), verdict.toString());
            assertTrue(verdict.acknowledgedWrites() > 300, verdict.toString());
        }
    }
}
