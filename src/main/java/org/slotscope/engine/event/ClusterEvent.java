package org.slotscope.engine.event;

import org.slotscope.engine.node.NodeId;

/**
 * Everything that happens in the simulated cluster, stamped with virtual time. The UI animates
 * these; tests hash them to prove a run is deterministic. A {@code viewer} is the node whose own
 * view (clusterState) changed: nodes disagree until the bus makes them agree.
 *
 * <p>The same events describe a live cluster (the live package polls real nodes and diffs what they
 * report); there {@code time()} is wall-clock milliseconds since the poller attached, not virtual time.
 */
public sealed interface ClusterEvent {
    long time();

    /** A node process started (its port is open). */
    record NodeStarted(long time, NodeId node, String host, int port) implements ClusterEvent {
    }

    /** A node process stopped answering (SHUTDOWN, crash). */
    record NodeStopped(long time, NodeId node, String reason) implements ClusterEvent {
    }

    /** A client command was executed by a node. {@code slot} is -1 for commands without keys. */
    record CommandExecuted(long time, NodeId node, long clientId, String command, int slot, boolean error)
            implements ClusterEvent {
    }

    /** A node answered with a redirect or a cluster error instead of executing the command. */
    record Redirected(long time, NodeId node, long clientId, String command, RedirectKind kind, int slot,
                      NodeId target, String targetAddress) implements ClusterEvent {
    }

    /** In {@code viewer}'s view, slots first..last are now owned by {@code owner} (null: unassigned). */
    record SlotsAssigned(long time, NodeId viewer, int firstSlot, int lastSlot, NodeId owner)
            implements ClusterEvent {
    }

    /** CLUSTER SETSLOT MIGRATING / IMPORTING / STABLE on {@code viewer}; {@code peer} is null for STABLE. */
    record SlotMigrationStateChanged(long time, NodeId viewer, int slot, SlotMigrationState state, NodeId peer)
            implements ClusterEvent {
    }

    /**
     * One MIGRATE call: keys of one slot sent from source to target. The keys leave at {@code time}
     * and arrive at {@code deliverTime}, so the view can interpolate their flight.
     */
    record KeysMigrated(long time, long deliverTime, NodeId source, NodeId target, int slot, int keys,
                        String outcome) implements ClusterEvent {
    }

    /** {@code viewer} learned of, or forgot, {@code node}. */
    record NodeMembershipChanged(long time, NodeId viewer, NodeId node, boolean known) implements ClusterEvent {
    }

    /** {@code viewer}'s currentEpoch or its own configEpoch changed. */
    record EpochChanged(long time, NodeId viewer, long currentEpoch, long configEpoch) implements ClusterEvent {
    }

    /** {@code node} became a replica of {@code master}, or a master when {@code master} is null. */
    record RoleChanged(long time, NodeId viewer, NodeId node, NodeId master) implements ClusterEvent {
    }

    /** In {@code viewer}'s view, {@code node} gained or lost a failure flag ("fail?" = PFAIL, "fail"). */
    record NodeFlagChanged(long time, NodeId viewer, NodeId node, String flag, boolean set) implements ClusterEvent {
    }

    /** A replica scheduled (delay) or started (requesting votes) an election for its failed master. */
    record ElectionStarted(long time, NodeId replica, NodeId master, long epoch, int rank, long delayMillis,
                           boolean requestingVotes) implements ClusterEvent {
    }

    /** A master voted for a replica in an election (clusterSendFailoverAuth). */
    record VoteGranted(long time, NodeId voter, NodeId candidate, long epoch) implements ClusterEvent {
    }

    /** A replica replaced its master (clusterFailoverReplaceYourMaster), with configEpoch {@code epoch}. */
    record FailoverCompleted(long time, NodeId newMaster, NodeId oldMaster, long epoch, String kind)
            implements ClusterEvent {
    }

    /** A replica left a master with enough replicas for an orphaned one (replica migration). */
    record ReplicaMigrated(long time, NodeId replica, NodeId from, NodeId to) implements ClusterEvent {
    }

    /** {@code viewer}'s cluster_state turned ok or fail. */
    record ClusterStateChanged(long time, NodeId viewer, boolean ok) implements ClusterEvent {
    }

    /** A cluster bus message on the simulated network, sent at {@code time}, delivered (or lost) later. */
    record BusMessageSent(long time, long deliverTime, NodeId from, NodeId to, String type, boolean dropped)
            implements ClusterEvent {
    }

    /**
     * Writes {@code oldMaster} acknowledged (offsets after {@code keptOffset} up to
     * {@code ackedOffset}) that {@code newMaster} never received: lost by the failover, as in Redis.
     */
    record WritesLost(long time, NodeId oldMaster, NodeId newMaster, long keptOffset, long ackedOffset,
                      int commands, java.util.List<String> sample) implements ClusterEvent {
    }

    /** A replica loaded its master's snapshot (a full resync), replacing its whole dataset. */
    record FullResync(long time, NodeId replica, NodeId master, long keys, long offset) implements ClusterEvent {
    }

    /** A node's keyspace was emptied (FLUSHALL / FLUSHDB, CLUSTER RESET of a replica, a replica's full resync). */
    record KeyspaceFlushed(long time, NodeId node, long keysRemoved) implements ClusterEvent {
    }
}
