package org.slotscope.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slotscope.checker.History;
import org.slotscope.checker.Operation;
import org.slotscope.client.ClientEvent;

class WorkloadMetricsTest {
    @Test
    void totalsCountOperationsRedirectsErrorsAndRetriesWithoutLatencies() {
        WorkloadMetrics metrics = new WorkloadMetrics();
        metrics.completed(100, 50, null);
        metrics.completed(900, 70, null);
        metrics.completed(1500, 90, "CLUSTERDOWN");
        metrics.onEvent(new ClientEvent.Moved(10, "c", 1, "a", 7, "b"));
        metrics.onEvent(new ClientEvent.Moved(20, "c", 2, "a", 7, "b"));
        metrics.onEvent(new ClientEvent.Ask(30, "c", 3, "a", 7, "b"));
        metrics.onEvent(new ClientEvent.Failed(1400, "c", 4, "a", ClientEvent.ErrorKind.UNREACHABLE, "down"));
        WorkloadMetrics.Totals totals = metrics.totals();
        assertEquals(3, totals.ops());
        assertEquals(2, totals.acknowledged());
        assertEquals(1, totals.failed());
        assertEquals(2, totals.redirects("MOVED"));
        assertEquals(1, totals.redirects("ASK"));
        assertEquals(0, totals.redirects("TRYAGAIN"));
        assertEquals(1, totals.retried());
        assertEquals(2, metrics.second(0).ops());
        assertEquals(1, metrics.second(1).ops());
        assertEquals(0, metrics.second(7).ops(), "a second without operations");
    }

    @Test
    void latenciesOlderThanTheKeptSecondsAreDroppedButCountsStay() {
        WorkloadMetrics metrics = new WorkloadMetrics().keepingLatenciesFor(2);
        for (int second = 0; second < 5; second++) {
            metrics.completed(second * 1000L, 1000L * (second + 1), null);
        }
        assertEquals(5, metrics.totals().ops());
        assertEquals(5, metrics.total().ops(), "counts of every second are kept");
        // seconds 3 and 4 keep their latencies (4000 and 5000 us); 0..2 lost theirs
        assertEquals(4000, metrics.total().p50Micros());
        assertEquals(0, metrics.second(1).maxMicros());
        assertEquals(5000, metrics.second(4).maxMicros());
    }

    @Test
    void aDiscardingHistoryRecordsNothing() {
        History history = History.discarding();
        long id = history.invoke("c", Operation.Kind.WRITE, java.util.List.of("k"), java.util.List.of("v"), 1);
        history.complete(id, Operation.Status.OK, "a", null, 2);
        assertEquals(0, history.size());
        assertTrue(history.operations().isEmpty());
        History kept = new History();
        kept.complete(kept.invoke("c", Operation.Kind.READ, java.util.List.of("k"), null, 1), Operation.Status.OK, "a",
                java.util.List.of("v"), 2);
        assertEquals(1, kept.size());
    }
}
