package org.slotscope.ui.sim;

import org.slotscope.workload.KeyDistribution;

/**
 * What the window's client workload does: {@code rate} operations per second of virtual time, of
 * which {@code readRatio} are reads (the rest writes), over {@link #KEYS} keys chosen by
 * {@code keys}: uniformly among key:0 .. key:999 (GET / SET), a few hot ones (Zipf), or whole
 * {hash-tagged} groups of {@link #GROUP_SIZE} keys with MGET / MSET, the multi-key commands that
 * meet -TRYAGAIN while their slot is half moved.
 *
 * <p>The rate is shared by {@link #clients()} cluster clients. Each client sends one command at a
 * time and every command costs a simulated round trip (2 ms on the default network), so one client
 * tops out near 500 operations a second; at {@link #OPS_PER_CLIENT} each a client is idle most of the
 * time and keeps its rate through a MOVED (which costs it a CLUSTER SLOTS refresh) or a back-off.
 */
public record WorkloadSettings(double rate, double readRatio, KeyDistribution keys) {
    public static final double DEFAULT_RATE = 200;
    public static final double DEFAULT_READ_RATIO = 0.5;
    public static final double MAX_RATE = 5000;
    public static final int KEYS = 1000;
    public static final int GROUP_SIZE = 4;
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
        if (keys == null) {
            throw new IllegalArgumentException("choose how keys are picked");
        }
    }

    /** Uniform keys. */
    public WorkloadSettings(double rate, double readRatio) {
        this(rate, readRatio, KeyDistribution.UNIFORM);
    }

    /** How many clients share the rate: one per {@link #OPS_PER_CLIENT} operations a second, 2 to 50. */
    public int clients() {
        return Math.max(MIN_CLIENTS, Math.min(MAX_CLIENTS, (int) Math.ceil(rate / OPS_PER_CLIENT)));
    }
}
