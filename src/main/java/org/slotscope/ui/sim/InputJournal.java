package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of one run, in the order the engine thread executed them. Appended on the engine thread,
 * read from any thread (a rewind copies a prefix), hence synchronized.
 */
public final class InputJournal {
    private final List<Input> inputs = new ArrayList<>();
    private int nextSession;

    synchronized int newSession() {
        return nextSession++;
    }

    synchronized void append(Input input) {
        inputs.add(input);
    }

    public synchronized List<Input> inputs() {
        return List.copyOf(inputs);
    }

    public synchronized int size() {
        return inputs.size();
    }

    /** The inputs up to and including virtual time {@code millis}. */
    public synchronized List<Input> upTo(long millis) {
        List<Input> kept = new ArrayList<>();
        for (Input input : inputs) {
            if (input.time() <= millis) {
                kept.add(input);
            }
        }
        return kept;
    }

    /** Starts again from {@code kept} (the future after a rewind is forked away). */
    synchronized void resetTo(List<Input> kept) {
        inputs.clear();
        inputs.addAll(kept);
        int max = -1;
        for (Input input : kept) {
            if (input instanceof Input.Connect connect) {
                max = Math.max(max, connect.session());
            }
        }
        nextSession = max + 1;
    }
}
