package org.slotscope.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether the history's writes survived: every key's final value must be one a write could
 * have left there last. A write may be the last one when it was acknowledged (or its outcome is
 * unknown) and no acknowledged write of the same key started after it completed (writes that
 * overlap in time may land in either order). Anything else is a lost acknowledged write, which is
 * fine only when a {@link LossExplanation} after that write names its key; a value no write wrote
 * is never fine.
 */
public final class HistoryChecker {
    private HistoryChecker() {
    }

    /**
     * @param finalValues every written key's value read at the end (null: absent)
     */
    public static Verdict check(History history, Map<String, String> finalValues, List<LossExplanation> explanations) {
        Map<String, List<Operation>> writesByKey = new LinkedHashMap<>();
        int acknowledged = 0;
        for (Operation op : history.operations()) {
            if (op.kind() != Operation.Kind.WRITE || op.status() == Operation.Status.FAILED) {
                continue;
            }
            if (op.status() == Operation.Status.OK) {
                acknowledged++;
            }
            for (String key : op.keys()) {
                writesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
            }
        }
        List<Verdict.Finding> explained = new ArrayList<>();
        List<Verdict.Finding> unexplained = new ArrayList<>();
        for (Map.Entry<String, List<Operation>> entry : writesByKey.entrySet()) {
            String key = entry.getKey();
            List<Operation> writes = entry.getValue();
            String found = finalValues.get(key);
            if (possibleLast(writes, key).contains(found)) {
                continue;
            }
            Operation latest = latestAcknowledged(writes);
            String expected = latest == null ? null : valueOf(latest, key);
            Operation producer = writes.stream().filter(w -> Objects.equals(valueOf(w, key), found)).findFirst()
                    .orElse(null);
            if (found != null && producer == null) {
                unexplained.add(new Verdict.Finding(key, expected, found, latest, null, "a value no write wrote"));
                continue;
            }
            // the acknowledged writes that should have replaced what was found
            List<Operation> lost = new ArrayList<>();
            for (Operation w : writes) {
                if (w.status() == Operation.Status.OK && (producer == null || w.invokedAt() > producer.completedAt())) {
                    lost.add(w);
                }
            }
            LossExplanation because = null;
            Operation unexplainedWrite = null;
            for (Operation w : lost) {
                LossExplanation e = explanations.stream().filter(x -> x.covers(key, w.invokedAt())).findFirst()
                        .orElse(null);
                if (e == null) {
                    unexplainedWrite = w;
                    break;
                }
                because = e;
            }
            if (unexplainedWrite != null || because == null) {
                unexplained.add(new Verdict.Finding(key, expected, found, unexplainedWrite != null ? unexplainedWrite
                        : latest, null, "acknowledged write lost without a failover or restart to explain it"));
            } else {
                explained.add(new Verdict.Finding(key, expected, found, latest, because,
                        because.cause() + " at " + because.time() + " on " + because.node()));
            }
        }
        return new Verdict(writesByKey.size(), acknowledged, explained, unexplained);
    }

    /** Values that may legitimately be last: null too when no write was acknowledged. */
    private static List<String> possibleLast(List<Operation> writes, String key) {
        List<String> out = new ArrayList<>();
        boolean anyAcknowledged = false;
        long lastAcknowledgedStart = Long.MIN_VALUE; // a write that completed before this one began is superseded
        for (Operation w : writes) {
            if (w.status() == Operation.Status.OK) {
                anyAcknowledged = true;
                lastAcknowledgedStart = Math.max(lastAcknowledgedStart, w.invokedAt());
            }
        }
        for (Operation w : writes) {
            if (lastAcknowledgedStart <= w.completedAt()) {
                out.add(valueOf(w, key));
            }
        }
        if (!anyAcknowledged) {
            out.add(null);
        }
        return out;
    }

    private static Operation latestAcknowledged(List<Operation> writes) {
        Operation latest = null;
        for (Operation w : writes) {
            if (w.status() == Operation.Status.OK && (latest == null || w.completedAt() > latest.completedAt())) {
                latest = w;
            }
        }
        return latest;
    }

    private static String valueOf(Operation write, String key) {
        return write.values().get(write.keys().indexOf(key));
    }
}
