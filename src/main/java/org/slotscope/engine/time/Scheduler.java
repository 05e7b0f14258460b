package org.slotscope.engine.time;

import java.util.PriorityQueue;

/**
 * The event queue of the engine: tasks ordered by virtual time, then by the order they were
 * scheduled. Like Redis's event loop it runs one task at a time; nothing in the engine needs a lock.
 */
public final class Scheduler {
    private record Entry(long time, long sequence, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** A scheduled task that can be cancelled before it runs. */
    public static final class Handle {
        private boolean cancelled;

        public void cancel() {
            cancelled = true;
        }

        public boolean isCancelled() {
            return cancelled;
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
        Handle handle = new Handle();
        long at = Math.max(atMillis, clock.now());
        queue.add(new Entry(at, nextSequence++, () -> {
            if (!handle.cancelled) {
                task.run();
            }
        }));
        return handle;
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
            entry.task.run();
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
        entry.task.run();
        return true;
    }

    public int pending() {
        return queue.size();
    }
}
