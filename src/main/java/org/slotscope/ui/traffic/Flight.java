package org.slotscope.ui.traffic;

/**
 * One message drawn in flight: a client request to a node, a redirect bouncing back to the client,
 * keys migrating between two masters, a cluster bus message. Node ids are null for "the client"
 * (drawn at the centre of the ring).
 *
 * @param kind what it is (colour and label)
 * @param slot the hash slot it travels along (-1: none)
 * @param from sending node id, null for the client
 * @param to receiving node id, null for the client
 * @param startNanos when it leaves, on the frame clock
 * @param durationNanos how long it flies
 * @param label the text beside it (MOVED 12182, ASK, TRYAGAIN, 10 keys)
 */
public record Flight(Kind kind, int slot, String from, String to, long startNanos, long durationNanos, String label) {
    public enum Kind { REQUEST, MOVED, ASK, TRYAGAIN, ERROR, KEYS, BUS }

    /** 0 when it leaves, 1 when it arrives (clamped). */
    public double progress(long nowNanos) {
        if (durationNanos <= 0) {
            return 1;
        }
        double p = (nowNanos - startNanos) / (double) durationNanos;
        return Math.max(0, Math.min(1, p));
    }

    public boolean landed(long nowNanos) {
        return nowNanos >= startNanos + durationNanos;
    }
}
