package org.slotscope.engine.replication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeId;
import org.slotscope.engine.slot.HashSlot;

/**
 * Asynchronous master-replica replication, as in Redis: a master acknowledges a write to its
 * client at once and streams it to its replicas over the network, where it arrives one link
 * latency later. A write in flight when the master dies is lost; a replica that missed part of the
 * stream catches up from the master's backlog (PSYNC) or, when that is not possible, with a full
 * resync sent after repl-diskless-sync-delay.
 */
public final class Replication {
    private final SimCluster cluster;
    private final Map<NodeId, ClientSession> masterLinks = new HashMap<>();

    public Replication(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** propagateNow / replicationFeedSlaves: append to the backlog and stream to every replica. */
    public void propagate(ClusterNode master, byte[][] argv) {
        KnownNode self = master.state().myself();
        long start = self.replOffset();
        long end = start + respLength(argv);
        self.setReplOffset(end);
        ReplicationBacklog.Entry entry = master.backlog().append(start, end, cluster.now(), argv);
        for (ClusterNode replica : cluster.nodes()) {
            if (streamsFrom(replica, master) && cluster.network().canReach(master, replica)) {
                int incarnation = replica.incarnation();
                cluster.scheduler().schedule(cluster.network().latency(master, replica),
                        () -> deliver(master, replica, entry, incarnation));
            }
        }
    }

    /** RESP length of a command: what master_repl_offset counts. */
    static long respLength(byte[][] argv) {
        long length = 1 + digits(argv.length) + 2;
        for (byte[] arg : argv) {
            length += 1 + digits(arg.length) + 2 + arg.length + 2;
        }
        return length;
    }

    /** Decimal digits of a length (>= 0), without formatting it: this runs for every write. */
    static int digits(int n) {
        int digits = 1;
        while (n >= 10) {
            n /= 10;
            digits++;
        }
        return digits;
    }

    private static boolean streamsFrom(ClusterNode replica, ClusterNode master) {
        KnownNode self = replica.state().myself();
        return replica != master && replica.isRunning() && self.master() != null
                && self.master().id().equals(master.id()) && replica.syncingFrom() == null;
    }

    private void deliver(ClusterNode master, ClusterNode replica, ReplicationBacklog.Entry entry, int incarnation) {
        // A master that crashed, or a partition, loses what was still on the wire.
        if (replica.incarnation() == incarnation && streamsFrom(replica, master)
                && cluster.network().canReach(master, replica)) {
            if (replica.isFrozen(cluster.now())) {
                cluster.scheduler().scheduleAt(replica.frozenUntil(),
                        () -> deliver(master, replica, entry, incarnation));
                return;
            }
            apply(master, replica, entry);
        }
    }

    /** Applies one entry if it is the next one; a gap waits for the replication cron to PSYNC. */
    private boolean apply(ClusterNode master, ClusterNode replica, ReplicationBacklog.Entry entry) {
        KnownNode self = replica.state().myself();
        if (self.replOffset() != entry.startOffset()) {
            return false;
        }
        ClientSession link = masterLinks.computeIfAbsent(replica.id(),
                id -> new ClientSession(replica.nextClientId(), master.address(), cluster.now(), true));
        cluster.execute(replica, link, entry.argv());
        self.setReplOffset(entry.endOffset());
        // a replica keeps the stream too, so its own replicas can continue from it after a failover
        replica.backlog().append(entry);
        KnownNode seen = master.state().lookup(replica.id());
        if (seen != null) {
            seen.setReplOffset(entry.endOffset()); // REPLCONF ACK
        }
        return true;
    }

    /**
     * replicationCron, once a second on every replica: when the link is back and the stream is
     * behind with nothing left in flight, catch up from the master's backlog (PSYNC), or resync
     * fully when the backlog no longer covers the gap or the histories diverged.
     */
    public void replicationCron(ClusterNode replica) {
        KnownNode self = replica.state().myself();
        if (!replica.isRunning() || replica.syncingFrom() != null || self.master() == null) {
            return;
        }
        ClusterNode master = cluster.node(self.master().id());
        if (master == null || !master.isRunning() || !cluster.network().canReach(master, replica)) {
            return;
        }
        long masterOffset = master.state().myself().replOffset();
        long mine = self.replOffset();
        if (mine == masterOffset) {
            return;
        }
        List<ReplicationBacklog.Entry> missing = master.backlog().after(mine);
        long latency = cluster.network().latency(master, replica);
        if (!missing.isEmpty() && cluster.now() - missing.get(0).time() <= 2 * latency) {
            return; // the next entry may still be on the wire
        }
        if (canPartiallyResync(replica, master)) {
            for (ReplicationBacklog.Entry entry : missing) {
                apply(master, replica, entry);
            }
        } else {
            startFullResync(replica, master.id());
        }
    }

    /**
     * PSYNC's test (masterTryPartialResynchronization): the replica's history is the master's, or
     * the master's previous one up to where they parted (second_repl_offset), and the backlog still
     * holds the stream from exactly the replica's offset.
     */
    private static boolean canPartiallyResync(ClusterNode replica, ClusterNode master) {
        long mine = replica.state().myself().replOffset();
        long masterOffset = master.state().myself().replOffset();
        boolean sameHistory = replica.replId() == master.replId()
                || (replica.replId() == master.replId2() && mine <= master.secondReplOffset());
        if (!sameHistory || mine > masterOffset) {
            return false;
        }
        if (mine == masterOffset) {
            return true;
        }
        List<ReplicationBacklog.Entry> missing = master.backlog().after(mine);
        return !missing.isEmpty() && missing.get(0).startOffset() == mine;
    }

    /** A replica restarted without persistence has nothing: it needs its master's snapshot. */
    public void resyncAfterRestart(ClusterNode replica) {
        KnownNode master = replica.state().myself().master();
        if (master != null) {
            startFullResync(replica, master.id());
        }
    }

    /**
     * {@code node} becomes a replica of {@code masterId}: clusterSetMaster then replicationSetMaster.
     * Its own view changes at once (a master first closes its open slots, as clusterCloseAllSlots
     * does) and it adopts the master's shard id. The data follows with PSYNC when the node shares the
     * new master's history (a sibling replica after a failover), else with a full resync.
     */
    public void becomeReplicaOf(ClusterNode node, NodeId masterId) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        KnownNode master = state.lookup(masterId);
        if (master == null || master == myself) {
            throw new IllegalArgumentException(node + " cannot replicate unknown node or itself: " + masterId);
        }
        boolean wasReplica = myself.isReplica();
        if (myself.isMaster()) {
            for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
                state.setStable(slot);
            }
        }
        state.setRole(myself, master);
        state.failover().reset(); // clusterSetMaster: resetManualFailover
        myself.setShardId(master.shardId());
        masterLinks.remove(node.id());
        ClusterNode source = cluster.node(masterId);
        // A replica waiting for a snapshot has already dropped its old history: +FULLRESYNC makes
        // slaveTryPartialResynchronization discard the cached master, so it cannot PSYNC the new one.
        boolean midFullSync = node.syncingFrom() != null;
        node.setSyncingFrom(null);
        if (wasReplica && !midFullSync && source != null && canPartiallyResync(node, source)) {
            node.adoptReplicationId(source.replId()); // "+CONTINUE <new replid>"
        } else {
            startFullResync(node, masterId);
        }
        state.updateState(node.config());
    }

    /** The master waits repl-diskless-sync-delay for more replicas, then sends its snapshot. */
    private void startFullResync(ClusterNode node, NodeId masterId) {
        node.setSyncingFrom(masterId);
        ClusterNode source = cluster.node(masterId);
        long delay = (source == null ? node : source).config().replDisklessSyncDelayMillis();
        int incarnation = node.incarnation();
        cluster.scheduler().schedule(delay, () -> fullResync(node, masterId, incarnation));
    }

    /**
     * Detaches a replica from its master's stream until {@link #resyncNow}: for data written before
     * time starts (a demo cluster's keys). Each write streamed to each replica is a task queued for
     * the replication link's latency; a million of them kept the engine busy for seconds of real
     * time after the window opened, with the clock held at that one millisecond.
     */
    public void holdStream(ClusterNode replica) {
        KnownNode master = replica.state().myself().master();
        if (master == null) {
            throw new IllegalArgumentException(replica + " is not a replica");
        }
        replica.setSyncingFrom(master.id());
    }

    /**
     * A held replica loads its master's data and offset at once: the end of a full resync, without
     * repl-diskless-sync-delay or transfer time, which before time starts do not exist.
     */
    public void resyncNow(ClusterNode replica) {
        NodeId master = replica.syncingFrom();
        if (master == null) {
            throw new IllegalStateException(replica + " is not held: see holdStream");
        }
        fullResync(replica, master, replica.incarnation());
    }

    /** The snapshot arrives: flush, load the master's keys with their TTLs, take its offset. */
    private void fullResync(ClusterNode node, NodeId masterId, int incarnation) {
        KnownNode myself = node.state().myself();
        ClusterNode source = cluster.node(masterId);
        if (node.incarnation() != incarnation || !masterId.equals(node.syncingFrom())
                || myself.master() == null || !myself.master().id().equals(masterId)) {
            return; // restarted, or a newer role change took over
        }
        if (source == null || !node.isRunning() || !source.isRunning() || !cluster.network().canReach(node, source)) {
            // the master cannot send its snapshot now: the replica keeps reconnecting
            cluster.scheduler().schedule(1000, () -> fullResync(node, masterId, incarnation));
            return;
        }
        node.setSyncingFrom(null);
        long removed = node.keyspace().flushAll();
        if (removed > 0) {
            cluster.events().emit(new ClusterEvent.KeyspaceFlushed(cluster.now(), node.id(), removed));
        }
        Keyspace from = source.keyspace();
        for (Key key : from.allKeys()) {
            RedisValue value = from.get(key);
            if (value == null) {
                continue; // expired on the way, as an RDB snapshot skips it
            }
            node.keyspace().put(key, value.deepCopy());
            long expireAt = from.expireAt(key);
            if (expireAt >= 0) {
                node.keyspace().setExpireAt(key, expireAt);
            }
        }
        long offset = source.state().myself().replOffset();
        myself.setReplOffset(offset);
        node.adoptReplicationId(source.replId());
        node.backlog().clear();
        KnownNode seen = source.state().lookup(node.id());
        if (seen != null) {
            seen.setReplOffset(offset);
        }
        cluster.events().emit(new ClusterEvent.FullResync(cluster.now(), node.id(), masterId,
                node.keyspace().size(), offset));
    }

    /** The replica stops applying its master's stream (replicationUnsetMaster). */
    public void stopReplication(ClusterNode node) {
        masterLinks.remove(node.id());
        node.setSyncingFrom(null);
    }

    /**
     * After a promotion: the old master's acknowledged writes the new master never received are
     * lost, as Redis loses them. The simulator sees both nodes, so it can name them.
     */
    public void reportLostWrites(ClusterNode newMaster, NodeId oldMasterId) {
        ClusterNode oldMaster = cluster.node(oldMasterId);
        if (oldMaster == null) {
            return;
        }
        long kept = newMaster.state().myself().replOffset();
        long acked = oldMaster.state().myself().replOffset();
        if (acked <= kept) {
            return;
        }
        List<ReplicationBacklog.Entry> lost = oldMaster.backlog().after(kept);
        List<String> sample = lost.stream().limit(5).map(ReplicationBacklog.Entry::summary).toList();
        cluster.events().emit(new ClusterEvent.WritesLost(cluster.now(), oldMasterId, newMaster.id(), kept, acked,
                lost.size(), sample));
    }
}
