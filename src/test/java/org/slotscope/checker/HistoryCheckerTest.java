package org.slotscope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker's decisions on hand-made histories. */
class HistoryCheckerTest {
    private final History history = new History();

    private void write(String key, String value, long invoked, long completed, Operation.Status status) {
        long id = history.invoke("c", Operation.Kind.WRITE, List.of(key), List.of(value), invoked);
        history.complete(id, status, "127.0.0.1:7000", null, completed);
    }

    private static Map<String, String> finals(String... keyValues) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static LossExplanation failover(long time, String... keys) {
        return new LossExplanation(time, LossExplanation.Cause.FAILOVER_WINDOW, "127.0.0.1:7000", Set.of(keys), "",
                time);
    }

    @Test
    void latestAcknowledgedValuePasses() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.OK);
        Verdict verdict = HistoryChecker.check(history, finals("k", "v2"), List.of());
        assertTrue(verdict.passed(), verdict.toString());
        assertEquals(2, verdict.acknowledgedWrites());
    }

    @Test
    void olderValueIsALostWrite() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.OK);
        Verdict verdict = HistoryChecker.check(history, finals("k", "v1"), List.of());
        assertFalse(verdict.passed());
        assertEquals("v2", verdict.unexplained().get(0).expected());
        assertEquals("v1", verdict.unexplained().get(0).found());
    }

    @Test
    void missingKeyIsALostWrite() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        assertFalse(HistoryChecker.check(history, finals("k", null), List.of()).passed());
    }

    @Test
    void failoverAfterTheWriteExplainsItsLoss() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.OK);
        Verdict verdict = HistoryChecker.check(history, finals("k", "v1"), List.of(failover(20, "k")));
        assertTrue(verdict.passed(), verdict.toString());
        assertEquals(1, verdict.explained().size());
        assertEquals(LossExplanation.Cause.FAILOVER_WINDOW, verdict.explained().get(0).because().cause());
    }

    @Test
    void failoverBeforeTheWriteOrOfAnotherKeyExplainsNothing() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.OK);
        assertFalse(HistoryChecker.check(history, finals("k", "v1"), List.of(failover(8, "k"))).passed());
        assertFalse(HistoryChecker.check(history, finals("k", "v1"), List.of(failover(20, "other"))).passed());
    }

    @Test
    void overlappingWritesMayLandInEitherOrder() {
        write("k", "v1", 0, 10, Operation.Status.OK);
        write("k", "v2", 5, 8, Operation.Status.OK);
        assertTrue(HistoryChecker.check(history, finals("k", "v1"), List.of()).passed());
        assertTrue(HistoryChecker.check(history, finals("k", "v2"), List.of()).passed());
    }

    @Test
    void unknownOutcomeMayOrMayNotHaveHappened() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.UNKNOWN);
        assertTrue(HistoryChecker.check(history, finals("k", "v1"), List.of()).passed());
        assertTrue(HistoryChecker.check(history, finals("k", "v2"), List.of()).passed());
    }

    @Test
    void failedWriteMustNotShow() {
        write("k", "v1", 0, 5, Operation.Status.OK);
        write("k", "v2", 10, 15, Operation.Status.FAILED);
        Verdict verdict = HistoryChecker.check(history, finals("k", "v2"), List.of());
        assertFalse(verdict.passed());
        assertEquals("a value no write wrote", verdict.unexplained().get(0).why());
    }

    @Test
    void onlyUnacknowledgedWritesAllowAnAbsentKey() {
        write("k", "v1", 0, 5, Operation.Status.UNKNOWN);
        assertTrue(HistoryChecker.check(history, finals("k", null), List.of()).passed());
    }
}
