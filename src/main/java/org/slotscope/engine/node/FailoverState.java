package org.slotscope.engine.node;

/**
 * A replica's election bookkeeping, the failover_auth_* fields of Redis's clusterState. Only the
 * failover code changes it; the UI reads it to show who is running for which epoch.
 */
public final class FailoverState {
    /**
     * When the election may start, or started (failover_auth_time). Redis starts it at 0 on a wall
     * clock, i.e. "long ago"; the virtual clock starts at 0 itself, so "never" is a large negative.
     */
    public long authTime = NEVER;
    public static final long NEVER = Long.MIN_VALUE / 4;
    /** Votes received so far (failover_auth_count). */
    public int authCount;
    /** Whether the vote requests went out (failover_auth_sent). */
    public boolean authSent;
    /** This replica's rank among its master's replicas (failover_auth_rank). */
    public int authRank;
    /** The epoch of the current election (failover_auth_epoch). */
    public long authEpoch;
    /** A manual failover (CLUSTER FAILOVER FORCE) in progress: no delay, force the acks (mf_end). */
    public boolean manual;
    /** When the manual failover gives up (mf_end), virtual ms. */
    public long manualEnd;
    /** The manual failover may start its election (mf_can_start). */
    public boolean manualCanStart;
    /** The offset the paused master announced, or -1 (mf_master_offset). */
    public long manualMasterOffset = -1;
    /** On a master: until when its clients are paused for a replica's manual failover. */
    public long pausedUntil;
    /** On a master: the replica it paused for (mf_slave). */
    public NodeId pausedFor;

    public void reset() {
        authTime = NEVER;
        authCount = 0;
        authSent = false;
        authRank = 0;
        authEpoch = 0;
        resetManual();
    }

    /** resetManualFailover */
    public void resetManual() {
        manual = false;
        manualEnd = 0;
        manualCanStart = false;
        manualMasterOffset = -1;
        pausedUntil = 0;
        pausedFor = null;
    }
}
