package org.slotscope.engine.failover;

import java.util.BitSet;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.bus.ClusterBus;
import org.slotscope.engine.bus.Header;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.FailoverState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;

/**
 * Replica election and promotion, as cluster.c does it (Redis Cluster specification, "Replica
 * election and promotion"): clusterHandleSlaveFailover on the replica, clusterSendFailoverAuthIfNeeded
 * on the voting masters, clusterFailoverReplaceYourMaster on the winner.
 */
public final class ReplicaFailover {
    /** repl-ping-replica-period, seconds (default 10): part of the data-age limit. */
    static final long REPL_PING_REPLICA_PERIOD_MILLIS = 10_000;
    /** CLUSTER_MF_TIMEOUT: a manual failover gives up after 5 s. */
    public static final long MF_TIMEOUT_MILLIS = 5000;
    /** CLUSTER_MF_PAUSE_MULT: the master pauses its clients for twice that. */
    static final int MF_PAUSE_MULT = 2;

    /** CLUSTER FAILOVER's three forms. */
    public enum ManualMode {
        /** Coordinated: the master pauses, the replica catches up, then an election with forced acks. */
        DEFAULT,
        /** An election with forced acks, without the master's cooperation. */
        FORCE,
        /** No election: bump the epoch without consensus and take the slots. */
        TAKEOVER
    }

    private final SimCluster cluster;
    private final ClusterBus bus;

    public ReplicaFailover(SimCluster cluster, ClusterBus bus) {
        this.cluster = cluster;
        this.bus = bus;
    }

    /** clusterHandleSlaveFailover, called by the cron of every node (it returns at once on masters). */
    public void handleReplicaFailover(ClusterNode node) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        FailoverState election = state.failover();
        long now = cluster.now();
        long nodeTimeout = node.config().nodeTimeout();
        long authAge = now - election.authTime;
        int neededQuorum = state.size() / 2 + 1;
        boolean manual = election.manual && election.manualCanStart && now < election.manualEnd;
        long authTimeout = Math.max(nodeTimeout * 2, 2000);
        long authRetryTime = authTimeout * 2;

        KnownNode master = myself.master();
        if (myself.isMaster() || master == null || (!master.has(NodeFlag.FAIL) && !manual)
                || (node.config().replicaNoFailover() && !manual) || master.slotCount() == 0) {
            return;
        }

        // Data age: how long we have not heard from the master, minus the node timeout it took to
        // flag it FAIL. Too old, and this replica must not be promoted (cluster-replica-validity-factor).
        long dataAge = now - master.pongReceived();
        if (dataAge > nodeTimeout) {
            dataAge -= nodeTimeout;
        }
        int validityFactor = node.config().replicaValidityFactor();
        if (validityFactor > 0 && dataAge > REPL_PING_REPLICA_PERIOD_MILLIS + nodeTimeout * validityFactor
                && !manual) {
            return;
        }

        if (authAge > authRetryTime) {
            int rank = replicaRank(state);
            long delay = manual ? 0 : 500 + cluster.random().nextInt(500) + rank * 1000L;
            election.authTime = now + delay;
            election.authCount = 0;
            election.authSent = false;
            election.authRank = manual ? 0 : rank;
            cluster.events().emit(new ClusterEvent.ElectionStarted(now, myself.id(), master.id(),
                    state.currentEpoch() + 1, election.authRank, delay, false));
            // Tell the other replicas our offset, so they can update their rank.
            bus.broadcastPong(node, true);
            return;
        }

        // Another replica may have shown a better offset since: our delay grows with our rank.
        if (!election.authSent && !manual) {
            int newRank = replicaRank(state);
            if (newRank > election.authRank) {
                election.authTime += (newRank - election.authRank) * 1000L;
                election.authRank = newRank;
            }
        }
        if (now < election.authTime || authAge > authTimeout) {
            return; // waiting for our delay, or the election expired (a new one starts after the retry time)
        }
        if (!election.authSent) {
            state.setCurrentEpoch(state.currentEpoch() + 1);
            election.authEpoch = state.currentEpoch();
            election.authSent = true;
            cluster.events().emit(new ClusterEvent.ElectionStarted(now, myself.id(), master.id(),
                    election.authEpoch, election.authRank, 0, true));
            bus.broadcastFailoverAuthRequest(node, manual);
            return;
        }
        if (election.authCount >= neededQuorum) {
            if (myself.configEpoch() < election.authEpoch) {
                state.setMyConfigEpoch(election.authEpoch);
            }
            replaceYourMaster(node, manual ? "manual" : "automatic");
        }
    }

    /**
     * CLUSTER FAILOVER on a replica whose preconditions the command has checked. TAKEOVER promotes
     * at once; FORCE starts an election with forced acks; the default asks the master to pause
     * (MFSTART) and starts the election once this replica has the master's final offset.
     */
    public void manualFailover(ClusterNode node, ManualMode mode) {
        ClusterState state = node.state();
        FailoverState election = state.failover();
        long now = cluster.now();
        election.resetManual();
        switch (mode) {
            case TAKEOVER -> {
                state.bumpConfigEpochWithoutConsensus();
                replaceYourMaster(node, "takeover");
            }
            case FORCE -> {
                election.manual = true;
                election.manualEnd = now + MF_TIMEOUT_MILLIS;
                election.manualCanStart = true;
            }
            case DEFAULT -> {
                election.manual = true;
                election.manualEnd = now + MF_TIMEOUT_MILLIS;
                bus.sendMfStart(node, state.myself().master());
            }
        }
    }

    /** MFSTART on a master: pause the clients and ping the replica with the offset to reach. */
    public void onMfStart(ClusterNode node, KnownNode replica) {
        ClusterState state = node.state();
        if (!state.myself().isMaster() || replica.master() != state.myself()) {
            return;
        }
        FailoverState f = state.failover();
        f.resetManual();
        long now = cluster.now();
        f.manualEnd = now + MF_TIMEOUT_MILLIS;
        f.pausedFor = replica.id();
        f.pausedUntil = now + MF_TIMEOUT_MILLIS * MF_PAUSE_MULT;
        bus.ping(node, replica);
    }

    /** A PING or PONG from our paused master carries the offset at which it paused (mf_master_offset). */
    public void onMasterHeader(ClusterNode node, KnownNode sender, Header header) {
        FailoverState f = node.state().failover();
        if (f.manual && header.paused() && node.state().myself().master() == sender && f.manualMasterOffset < 0) {
            f.manualMasterOffset = header.replOffset();
        }
    }

    /**
     * manualFailoverCheckTimeout and clusterHandleManualFailover, from the cron: give up after the
     * timeout; a paused master keeps pinging its replica; the replica may start the election once
     * it has processed the master's whole stream.
     */
    public void handleManualFailover(ClusterNode node) {
        ClusterState state = node.state();
        FailoverState f = state.failover();
        long now = cluster.now();
        if (f.manualEnd != 0 && f.manualEnd < now) {
            f.resetManual();
            return;
        }
        KnownNode myself = state.myself();
        if (myself.isMaster() && f.pausedFor != null && f.pausedUntil > now) {
            KnownNode replica = state.lookup(f.pausedFor);
            if (replica != null) {
                bus.ping(node, replica);
            }
        }
        if (f.manual && !f.manualCanStart && f.manualMasterOffset >= 0
                && f.manualMasterOffset == myself.replOffset()) {
            f.manualCanStart = true;
        }
    }

    /**
     * clusterGetSlaveRank: how many other replicas of our master have a greater replication offset
     * (and may fail over). Rank 0 starts first.
     */
    private static int replicaRank(ClusterState state) {
        KnownNode myself = state.myself();
        int rank = 0;
        for (KnownNode other : state.replicasOf(myself.master())) {
            if (other != myself && !other.has(NodeFlag.NOFAILOVER) && other.replOffset() > myself.replOffset()) {
                rank++;
            }
        }
        return rank;
    }

    /** clusterSendFailoverAuthIfNeeded: a master decides whether to vote for {@code candidate}. */
    public void onAuthRequest(ClusterNode node, KnownNode candidate, Header request, boolean forceAck) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        // Only masters serving slots vote: the quorum is counted among them.
        if (myself.isReplica() || myself.slotCount() == 0) {
            return;
        }
        if (request.currentEpoch() < state.currentEpoch()) {
            return;
        }
        if (state.lastVoteEpoch() == state.currentEpoch()) {
            return; // already voted in this epoch
        }
        KnownNode master = candidate.master();
        if (candidate.isMaster() || master == null || (!master.has(NodeFlag.FAIL) && !forceAck)) {
            return;
        }
        long now = cluster.now();
        if (now - master.votedTime() < node.config().nodeTimeout() * 2) {
            return; // not twice for replicas of the same master within 2 x node_timeout
        }
        // The candidate's claimed slots must not be served with a greater configEpoch than it claims.
        BitSet claimed = request.slots();
        for (int slot = claimed.nextSetBit(0); slot >= 0; slot = claimed.nextSetBit(slot + 1)) {
            KnownNode owner = state.slotOwner(slot);
            if (owner != null && owner.configEpoch() > request.configEpoch()) {
                return;
            }
        }
        state.setLastVoteEpoch(state.currentEpoch());
        master.setVotedTime(now);
        cluster.events().emit(new ClusterEvent.VoteGranted(now, myself.id(), candidate.id(), state.currentEpoch()));
        bus.sendFailoverAuthAck(node, candidate);
    }

    /** A vote counts if it comes from a slot-serving master whose epoch is at least the election's. */
    public void onAuthAck(ClusterNode node, KnownNode voter, Header header) {
        FailoverState election = node.state().failover();
        if (voter.isMaster() && voter.slotCount() > 0 && header.currentEpoch() >= election.authEpoch) {
            election.authCount++;
            // CLUSTER_TODO_HANDLE_FAILOVER: Redis looks at the votes before its next event-loop pass
            handleReplicaFailover(node);
        }
    }

    /**
     * clusterFailoverReplaceYourMaster: become a master, take every slot of the old master, and
     * PONG everyone so the new configuration (with its greater configEpoch) spreads.
     */
    public void replaceYourMaster(ClusterNode node, String kind) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        KnownNode oldMaster = myself.master();
        if (myself.isMaster() || oldMaster == null) {
            return;
        }
        state.setRole(myself, null);
        cluster.stopReplication(node);
        node.shiftReplicationId(cluster.random().nextLong(), myself.replOffset());
        cluster.replication().reportLostWrites(node, oldMaster.id());
        state.assignSlots(oldMaster.slots(), myself);
        state.failover().reset();
        state.updateState(node.config());
        cluster.events().emit(new ClusterEvent.FailoverCompleted(cluster.now(), myself.id(), oldMaster.id(),
                myself.configEpoch(), kind));
        bus.broadcastPong(node, false);
    }
}
