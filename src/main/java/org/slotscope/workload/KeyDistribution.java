package org.slotscope.workload;

/** How a workload picks keys. */
public enum KeyDistribution {
    /** Every key equally likely. */
    UNIFORM,
    /** A few hot keys (Zipf, exponent 0.99, as YCSB's zipfian). */
    ZIPF,
    /**
     * Keys in groups that share a {hash tag}, so one MSET / MGET names a whole group legally (one
     * slot); groups are chosen uniformly.
     */
    GROUPS
}
