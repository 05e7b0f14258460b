package org.slotscope.engine.command;

/** Where a command's keys are in argv, for commands whose keys move (MIGRATE's KEYS, for one). */
@FunctionalInterface
public interface KeyFinder {
    /** Indexes into argv of every key, in order; empty when there is none. */
    int[] keyIndexes(byte[][] argv);
}
