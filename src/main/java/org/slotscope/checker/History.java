package org.slotscope.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * Every operation's invocation and completion, in the order they were recorded. Thread-safe, so
 * workload threads against a real cluster can share one; on the simulator the actors take turns.
 */
public final class History {
    private final List<Operation> operations = new ArrayList<>();
    private final boolean keeping;

    public History() {
        this(true);
    }

    private History(boolean keeping) {
        this.keeping = keeping;
    }

    /**
     * A history that records nothing, for a workload nobody checks (the window's: at 2000 operations
     * a second a kept history would grow without end).
     */
    public static History discarding() {
        return new History(false);
    }

    /** Records an invocation; returns its id for {@link #complete}. */
    public synchronized long invoke(String client, Operation.Kind kind, List<String> keys, List<String> values,
                                    long at) {
        if (!keeping) {
            return -1;
        }
        long id = operations.size();
        operations.add(new Operation(id, client, kind, List.copyOf(keys),
                values == null ? null : List.copyOf(values), at, Long.MAX_VALUE, Operation.Status.PENDING, null));
        return id;
    }

    public synchronized void complete(long id, Operation.Status status, String node, List<String> readValues,
                                      long at) {
        if (id < 0) {
            return; // not kept
        }
        Operation op = operations.get((int) id);
        operations.set((int) id, op.completed(at, status, node,
                readValues == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(readValues))));
    }

    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    public synchronized int size() {
        return operations.size();
    }
}
