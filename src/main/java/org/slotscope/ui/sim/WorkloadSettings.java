package org.slotscope.ui.sim;

/**
 * What the window's client workload does: {@code rate} operations per second of virtual time, of
 * which {@code readRatio} are GETs (the rest SETs), over {@link #KEYS} keys key:0 .. key:999 chosen
 * uniformly.
 *
 * <p>The rate is shared by {@link #clients()} cluster clients. Each client sends one command at a
 * time and every command costs a simulated round trip (2 ms on the default network), so one client
 * tops out near 500 operations a second; at {@link #OPS_PER_CLIENT} each a client is idle most of the
 * time and keeps its rate through a MOVED (which costs it a CLUSTER SLOTS refresh) or a back-off.
 */
public record WorkloadSettings(double rate, double readRatio) {
    public static final double DEFAULT_RATE = 200;
    public static final double DEFAULT_READ_RATIO = 0.5;
    public static final double MAX_RATE = 5000;
    public static final int KEYS = 1000;
    static final double OPS_PER_CLIENT = 100;
    static final int MIN_CLIENTS = 2;
    static final int MAX_CLIENTS = 50;

    public static final WorkloadSettings DEFAULTS = new WorkloadSettings(DEFAULT_RATE, DEFAULT_READ_RATIO);

    public WorkloadSettings {
        if (!(rate >= 1 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("the rate must be from 1 to " + (long) MAX_RATE + " per second: " + rate);
        }
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("the read ratio must be from 0 to 1: " + readRatio);
        }
    }

    /** How many clients share the rate: one per {@link #OPS_PER_CLIENT} operations a second, 2 to 50. */
    public int clients() {
        return Math.max(MIN_CLIENTS, Math.min(MAX_CLIENTS, (int) Math.ceil(rate / OPS_PER_CLIENT)));
    }
}
