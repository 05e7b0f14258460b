package org.slotscope.checker;

import java.util.List;

/**
 * One client operation as the history saw it: invoked at {@code invokedAt}, completed at
 * {@code completedAt} (Long.MAX_VALUE while it has not completed). A write sets each of
 * {@code keys} to the value at the same index of {@code values}; a read returns {@code values}
 * (null where the key was absent) once it completed OK.
 */
public record Operation(long id, String client, Kind kind, List<String> keys, List<String> values, long invokedAt,
                        long completedAt, Status status, String node) {
    public enum Kind { READ, WRITE }

    /**
     * OK: the node acknowledged it. FAILED: it certainly did not happen (an error reply, a redirect
     * the client gave up on, a node that refused the connection). UNKNOWN: no answer (a timeout), so
     * it may or may not have happened, now or later.
     */
    public enum Status { PENDING, OK, FAILED, UNKNOWN }

    Operation completed(long at, Status outcome, String answeredBy, List<String> readValues) {
        return new Operation(id, client, kind, keys, kind == Kind.READ ? readValues : values, invokedAt, at, outcome,
                answeredBy);
    }
}
