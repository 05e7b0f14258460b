package org.slotscope.engine.time;

import java.util.PriorityQueue;

/**
 * The event queue of the engine: tasks ordered by virtual time, then by the order they were
 * scheduled. Like Redis's event loop it runs one task at a time; nothing in the engine needs a lock.
 */
public final class Scheduler {
    /** A scheduled task that can be cancelled before it runs. */
    public static sealed class Handle permits Entry {
        private boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    /**
     * A queued task, which is also its own handle: one object per task. Replication alone
     * schedules a delivery per write and replica, and the ones pending at a collection survive it.
     */
    private static final class Entry extends Handle implements Comparable<Entry> {
        final long time;
        final long sequence;
        final Runnable task;

        Entry(long time, long sequence, Runnable task) {
            this.time = time;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }

        void run() {
            if (!isCancelled()) {
                task.run();
            }
        }
    }

    private final VirtualClock clock = new VirtualClock();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nextSequence;

    public VirtualClock clock() {
        return clock;
    }

    public long now() {
        return clock.now();
    }

    public Handle schedule(long delayMillis, Runnable task) {
        return scheduleAt(clock.now() + Math.max(0, delayMillis), task);
    }

    public Handle scheduleAt(long atMillis, Runnable task) {
        Entry entry = new Entry(Math.max(atMillis, clock.now()), nextSequence++, task);
        queue.add(entry);
        return entry;
    }

    /** Time of the next pending task, or {@link Long#MAX_VALUE} when there is none. */
    public long nextTime() {
        Entry head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.time;
    }

    /** Runs every task due at or before {@code millis}, then leaves the clock at {@code millis}. */
    public void runUntil(long millis) {
        while (!queue.isEmpty() && queue.peek().time <= millis) {
            Entry entry = queue.poll();
            clock.advanceTo(entry.time);
            entry.run();
        }
        if (millis > clock.now()) {
            clock.advanceTo(millis);
        }
    }

    public void runFor(long millis) {
        runUntil(clock.now() + millis);
    }

    /** Runs the next pending task (and everything else due at the same instant is left queued). */
    public boolean step() {
        Entry entry = queue.poll();
        if (entry == null) {
            return false;
        }
        clock.advanceTo(entry.time);
        entry.run();
        return true;
    }

    public int pending() {
        return queue.size();
    }
}
