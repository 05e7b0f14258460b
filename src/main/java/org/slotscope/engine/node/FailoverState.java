package org.slotscope.engine.node;

/**
 * A replica's election bookkeeping, the failover_auth_* fields of Redis's clusterState. Only the
 * failover code changes it; the UI reads it to show who is running for which epoch.
 */
public final class FailoverState {
    /** When the election may start, or started (failover_auth_time); 0 = none scheduled. */
    public long authTime;
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

    public void reset() {
        authTime = 0;
        authCount = 0;
        authSent = false;
        authRank = 0;
        authEpoch = 0;
        manual = false;
        manualEnd = 0;
    }
}
