package org.slotscope.ui.traffic;

import java.util.EnumSet;
import java.util.Set;

/**
 * One message drawn in flight: a client request to a node, a redirect bouncing back to the client,
 * keys migrating between two masters, a cluster bus message. Node ids are null for "the client"
 * (drawn at the centre of the ring).
 *
 * @param kind what it is (colour, and whether its label is drawn)
 * @param slot the hash slot it travels along (-1: none)
 * @param from sending node id, null for the client
 * @param to receiving node id, null for the client
 * @param startNanos when it leaves, on the frame clock
 * @param durationNanos how long it flies
 * @param label the text beside it (MOVED 12182 127.0.0.1:7002, ASK, TRYAGAIN, 10 keys); may be null
 * @param rank a number in [0, 1) fixed at birth: when there are more flights than can be drawn, those
 *             with the lowest ranks are, so the same ones stay drawn from one frame to the next
 */
public record Flight(Kind kind, int slot, String from, String to, long startNanos, long durationNanos, String label,
                     double rank) {
    public enum Kind { REQUEST, MOVED, ASK, TRYAGAIN, ERROR, KEYS, GOSSIP, FAIL, FAILOVER }

    /**
     * The kinds whose label is worth a text layout: answers a learner should read, and the rare bus
     * messages that matter. Requests, MIGRATE batches and gossip fly by the thousand, unlabelled.
     */
    static final Set<Kind> LABELLED = EnumSet.of(Kind.MOVED, Kind.ASK, Kind.TRYAGAIN, Kind.ERROR, Kind.FAIL,
            Kind.FAILOVER);

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

    public boolean started(long nowNanos) {
        return nowNanos >= startNanos;
    }

    /** Whether its label is drawn beside it. */
    public boolean labelled() {
        return label != null && !label.isEmpty() && LABELLED.contains(kind);
    }
}
