package org.slotscope.engine.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.engine.slot.HashSlot;

/**
 * One node's view of the cluster: Redis's {@code clusterState}. Who owns each slot, which slots
 * this node is migrating or importing, the epochs, and every node it knows. Every change is
 * published as a {@link ClusterEvent} with this node as the viewer.
 */
public final class ClusterState {
    private final KnownNode myself;
    private final EventLog events;
    private final LongSupplier clock;
    private final LongUnaryOperator toUnixMillis;
    private final Map<NodeId, KnownNode> nodes = new LinkedHashMap<>();
    /** The same nodes, indexable: gossip picks at random and the cron walks them without copying. */
    private final ArrayList<KnownNode> nodeList = new ArrayList<>();
    private final List<KnownNode> nodeListView = Collections.unmodifiableList(nodeList);
    /** How many of them are handshake placeholders (most views have none: skip the search). */
    private int handshakes;
    /** How many nodes this view flags PFAIL (gossip adds them all to every message). */
    private int pfailNodes;
    private final KnownNode[] slots = new KnownNode[HashSlot.SLOTS];
    private final KnownNode[] migratingSlotsTo = new KnownNode[HashSlot.SLOTS];
    private final KnownNode[] importingSlotsFrom = new KnownNode[HashSlot.SLOTS];
    private long currentEpoch;
    private long lastVoteEpoch;
    private boolean ok;
    private long cronIteration;
    /** CLUSTER_TODO_UPDATE_STATE: something that cluster_state depends on changed since the last update. */
    private boolean stateDirty = true;
    /** Counts slot ownership changes, so messages can share one snapshot of a node's slots. */
    private long slotsVersion;
    private boolean coverageRequired = true;
    private final FailoverState failover = new FailoverState();
    private int size;
    private long firstCallTime = Long.MIN_VALUE;
    private long amongMinorityTime = Long.MIN_VALUE / 2;
    /** CLUSTER_WRITABLE_DELAY: a master waits this long after start before its state can turn ok. */
    public static final long WRITABLE_DELAY_MILLIS = 2000;
    /** CLUSTER_MIN_REJOIN_DELAY / CLUSTER_MAX_REJOIN_DELAY */
    public static final long MIN_REJOIN_DELAY_MILLIS = 500;
    public static final long MAX_REJOIN_DELAY_MILLIS = 5000;
    /** CLUSTER_FAIL_REPORT_VALIDITY_MULT: a failure report is valid for node_timeout x 2. */
    public static final int FAIL_REPORT_VALIDITY_MULT = 2;
    /** cluster_stats_messages_<type>_sent / _received, by Redis's type name ("ping", "meet"...). */
    private final Map<String, Long> messagesSent = new java.util.TreeMap<>();
    private final Map<String, Long> messagesReceived = new java.util.TreeMap<>();
    /** nodes_black_list: forgotten node id -> virtual time until which gossip must not re-add it. */
    private final Map<NodeId, Long> blacklist = new LinkedHashMap<>();

    public ClusterState(KnownNode myself, EventLog events, LongSupplier clock) {
        this(myself, events, clock, LongUnaryOperator.identity());
    }

    /** {@code toUnixMillis} turns virtual times into the UNIX times CLUSTER NODES prints. */
    public ClusterState(KnownNode myself, EventLog events, LongSupplier clock, LongUnaryOperator toUnixMillis) {
        this.toUnixMillis = toUnixMillis;
        this.myself = myself;
        this.events = events;
        this.clock = clock;
        myself.flags().add(NodeFlag.MYSELF);
        myself.flags().add(NodeFlag.MASTER);
        nodes.put(myself.id(), myself);
        nodeList.add(myself);
    }

    public KnownNode myself() {
        return myself;
    }

    /** A virtual time as the UNIX milliseconds Redis would print; 0 ("never") stays 0. */
    public long toUnixMillis(long virtualMillis) {
        return virtualMillis == 0 ? 0 : toUnixMillis.applyAsLong(virtualMillis);
    }

    public NodeId myId() {
        return myself.id();
    }

    private long now() {
        return clock.getAsLong();
    }

    // ---- epochs -------------------------------------------------------------------------------

    public long currentEpoch() {
        return currentEpoch;
    }

    public void setCurrentEpoch(long epoch) {
        if (epoch != currentEpoch) {
            currentEpoch = epoch;
            events.emit(new ClusterEvent.EpochChanged(now(), myId(), currentEpoch, myself.configEpoch()));
        }
    }

    public void setMyConfigEpoch(long epoch) {
        if (epoch != myself.configEpoch()) {
            myself.setConfigEpoch(epoch);
            events.emit(new ClusterEvent.EpochChanged(now(), myId(), currentEpoch, epoch));
        }
    }

    /**
     * clusterBumpConfigEpochWithoutConsensus: take a new configEpoch without a vote, unless this
     * node already has the greatest epoch and it is non-zero. Returns true when it bumped.
     */
    public boolean bumpConfigEpochWithoutConsensus() {
        long maxEpoch = maxEpoch();
        if (myself.configEpoch() == 0 || myself.configEpoch() != maxEpoch) {
            setCurrentEpoch(currentEpoch + 1);
            setMyConfigEpoch(currentEpoch);
            return true;
        }
        return false;
    }

    /** The greatest configEpoch this node knows of (clusterGetMaxEpoch). */
    public long maxEpoch() {
        long max = currentEpoch;
        for (KnownNode n : nodes.values()) {
            max = Math.max(max, n.configEpoch());
        }
        return max;
    }

    public long lastVoteEpoch() {
        return lastVoteEpoch;
    }

    public void setLastVoteEpoch(long epoch) {
        this.lastVoteEpoch = epoch;
    }

    // ---- nodes --------------------------------------------------------------------------------

    public Collection<KnownNode> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** Every known node, myself included, in the order they were learned; read-only. */
    public int pfailCount() {
        return pfailNodes;
    }

    public int handshakeCount() {
        return handshakes;
    }

    public List<KnownNode> nodeList() {
        return nodeListView;
    }

    public KnownNode lookup(NodeId id) {
        return nodes.get(id);
    }

    /** clusterLookupNode: only a well-formed 40-hex id can name a node. */
    public KnownNode lookup(String id) {
        return NodeId.isValid(id) ? nodes.get(new NodeId(id)) : null;
    }

    public void addNode(KnownNode node) {
        if (nodes.putIfAbsent(node.id(), node) == null) {
            nodeList.add(node);
            stateDirty = true;
            if (node.linkCreateTime() == 0) {
                node.setLinkCreateTime(now());
            }
            if (node.ctime() == 0) {
                node.setCtime(now());
            }
            events.emit(new ClusterEvent.NodeMembershipChanged(now(), myId(), node.id(), true));
        }
    }

    /** clusterDelNode: forget the node and every slot it owned or was involved in moving. */
    public void removeNode(KnownNode node) {
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            if (importingSlotsFrom[slot] == node) {
                importingSlotsFrom[slot] = null;
            }
            if (migratingSlotsTo[slot] == node) {
                migratingSlotsTo[slot] = null;
            }
        }
        for (int slot = node.slots().nextSetBit(0); slot >= 0; slot = node.slots().nextSetBit(slot + 1)) {
            slots[slot] = null;
        }
        node.slots().clear();
        for (KnownNode other : nodes.values()) {
            if (other.master() == node) {
                setReplicaOfUnknown(other);
            }
            other.failReports().remove(node.id()); // its reports about others go with it
        }
        nodes.remove(node.id());
        nodeList.remove(node);
        if (node.inHandshake()) {
            handshakes--;
        }
        if (node.has(NodeFlag.PFAIL)) {
            pfailNodes--;
        }
        stateDirty = true;
        events.emit(new ClusterEvent.NodeMembershipChanged(now(), myId(), node.id(), false));
    }

    /** clusterHandshakeInProgress: a handshake node already exists for this address. */
    public boolean handshakeInProgress(String ip, int port, int busPort) {
        if (handshakes == 0) {
            return false;
        }
        for (KnownNode n : nodeList) {
            if (n.inHandshake() && n.ip().equals(ip) && n.port() == port && n.busPort() == busPort) {
                return true;
            }
        }
        return false;
    }

    /**
     * clusterStartHandshake: a placeholder node with a random name and the HANDSHAKE and MEET flags;
     * the first PONG from that address gives it its real name (clusterRenameNode).
     */
    public KnownNode startHandshake(NodeId randomName, String ip, int port, int busPort) {
        KnownNode node = new KnownNode(randomName, ip, port, busPort);
        node.flags().add(NodeFlag.HANDSHAKE);
        handshakes++;
        node.setMeetPending(true);
        node.setLinkConnected(false);
        addNode(node);
        return node;
    }

    /** clusterRenameNode: the handshake placeholder becomes the node that answered from its address. */
    public KnownNode renameNode(KnownNode placeholder, NodeId realName) {
        removeNode(placeholder);
        KnownNode real = new KnownNode(realName, placeholder.ip(), placeholder.port(), placeholder.busPort());
        real.setCtime(placeholder.ctime());
        real.setLinkCreateTime(placeholder.linkCreateTime());
        real.setPingSent(placeholder.pingSent());
        real.setPongReceived(placeholder.pongReceived());
        real.setLinkConnected(true);
        addNode(real);
        return real;
    }

    /** Sets or clears a flag of a known node, publishing the change. */
    public void setFlag(KnownNode node, NodeFlag flag, boolean on) {
        boolean changed = on ? node.flags().add(flag) : node.flags().remove(flag);
        if (changed) {
            stateDirty = true;
            if (flag == NodeFlag.PFAIL) {
                pfailNodes += on ? 1 : -1;
            }
            events.emit(new ClusterEvent.NodeFlagChanged(now(), myId(), node.id(), flag.redisName(), on));
        }
    }

    // ---- failure reports (clusterNodeAddFailureReport and friends) --------------------------------

    /** Returns true when this is a new report (not a refresh of one we had). */
    public boolean addFailureReport(KnownNode failing, KnownNode sender) {
        return failing.failReports().put(sender.id(), now()) == null;
    }

    public boolean delFailureReport(KnownNode failing, KnownNode sender) {
        return failing.failReports().remove(sender.id()) != null;
    }

    /** clusterNodeFailureReportsCount, after dropping reports older than node_timeout x 2. */
    public int failureReportsCount(KnownNode failing, long nodeTimeout) {
        long maxAge = nodeTimeout * FAIL_REPORT_VALIDITY_MULT;
        long now = now();
        failing.failReports().values().removeIf(time -> now - time > maxAge);
        return failing.failReports().size();
    }

    /** The number of masters serving at least one slot (server.cluster->size). */
    public int size() {
        return size;
    }

    /** A cluster built already settled (not a node that just started): skip the writable delay. */
    public void markSettled() {
        firstCallTime = now() - WRITABLE_DELAY_MILLIS;
    }

    public List<KnownNode> replicasOf(KnownNode master) {
        List<KnownNode> out = new ArrayList<>();
        for (KnownNode n : nodes.values()) {
            if (n.master() == master) {
                out.add(n);
            }
        }
        return out;
    }

    /** {@code node} is a replica of a master this view does not know (yet). */
    public void setReplicaOfUnknown(KnownNode node) {
        if (!node.isReplica() || node.master() != null) {
            node.setReplicaOfUnknown();
            stateDirty = true;
            events.emit(new ClusterEvent.RoleChanged(now(), myId(), node.id(), null));
        }
    }

    public void setRole(KnownNode node, KnownNode master) {
        if (node.master() != master || (master == null && !node.isMaster())) {
            // clusterNodeAddSlave / clusterSetNodeAsMaster: a master that has, or had, replicas is a
            // target for replica migration once orphaned.
            if (master != null) {
                master.setMigrateTo(true);
            } else if (node.isReplica() && node != myself) {
                node.setMigrateTo(true);
            }
            node.setMaster(master);
            stateDirty = true;
            events.emit(new ClusterEvent.RoleChanged(now(), myId(), node.id(), master == null ? null : master.id()));
        }
    }

    // ---- slots --------------------------------------------------------------------------------

    public KnownNode slotOwner(int slot) {
        return slots[slot];
    }

    /** clusterAddSlot / clusterDelSlot for a contiguous range, published as one event. */
    public void assignSlots(int first, int last, KnownNode owner) {
        boolean changed = false;
        for (int slot = first; slot <= last; slot++) {
            KnownNode old = slots[slot];
            if (old == owner) {
                continue;
            }
            if (old != null) {
                old.slots().clear(slot);
            }
            slots[slot] = owner;
            if (owner != null) {
                owner.slots().set(slot);
            }
            changed = true;
        }
        if (changed) {
            stateDirty = true;
            slotsVersion++;
            events.emit(new ClusterEvent.SlotsAssigned(now(), myId(), first, last, owner == null ? null : owner.id()));
        }
    }

    /** Assigns every slot of {@code slots} to {@code owner}, one event per contiguous run. */
    public void assignSlots(java.util.BitSet slots, KnownNode owner) {
        int first = slots.nextSetBit(0);
        while (first >= 0) {
            int last = slots.nextClearBit(first) - 1;
            assignSlots(first, last, owner);
            first = slots.nextSetBit(last + 1);
        }
    }

    public void assignSlot(int slot, KnownNode owner) {
        assignSlots(slot, slot, owner);
    }

    public long slotsVersion() {
        return slotsVersion;
    }

    public KnownNode migratingSlotsTo(int slot) {
        return migratingSlotsTo[slot];
    }

    public KnownNode importingSlotsFrom(int slot) {
        return importingSlotsFrom[slot];
    }

    public void setMigrating(int slot, KnownNode target) {
        migratingSlotsTo[slot] = target;
        events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.MIGRATING,
                target.id()));
    }

    public void setImporting(int slot, KnownNode source) {
        importingSlotsFrom[slot] = source;
        events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.IMPORTING,
                source.id()));
    }

    /** Clears MIGRATING and IMPORTING on a slot; emits only when something was open. */
    public void setStable(int slot) {
        if (migratingSlotsTo[slot] != null || importingSlotsFrom[slot] != null) {
            migratingSlotsTo[slot] = null;
            importingSlotsFrom[slot] = null;
            events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.STABLE,
                    null));
        }
    }

    /** Clears only the MIGRATING half of a slot (Redis keeps the two tables independent). */
    public void clearMigrating(int slot) {
        if (migratingSlotsTo[slot] != null) {
            migratingSlotsTo[slot] = null;
            emitRemainingMigrationState(slot);
        }
    }

    /** Clears only the IMPORTING half of a slot. */
    public void clearImporting(int slot) {
        if (importingSlotsFrom[slot] != null) {
            importingSlotsFrom[slot] = null;
            emitRemainingMigrationState(slot);
        }
    }

    private void emitRemainingMigrationState(int slot) {
        if (migratingSlotsTo[slot] != null) {
            events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.MIGRATING,
                    migratingSlotsTo[slot].id()));
        } else if (importingSlotsFrom[slot] != null) {
            events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.IMPORTING,
                    importingSlotsFrom[slot].id()));
        } else {
            events.emit(new ClusterEvent.SlotMigrationStateChanged(now(), myId(), slot, SlotMigrationState.STABLE,
                    null));
        }
    }

    public boolean hasOpenSlots() {
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            if (migratingSlotsTo[slot] != null || importingSlotsFrom[slot] != null) {
                return true;
            }
        }
        return false;
    }

    public int assignedSlots() {
        int n = 0;
        for (KnownNode owner : slots) {
            if (owner != null) {
                n++;
            }
        }
        return n;
    }

    // ---- the FORGET blacklist -----------------------------------------------------------------

    /**
     * clusterBlacklistAddNode: after CLUSTER FORGET, gossip must not bring the node back for
     * {@code ttlMillis} (Redis: CLUSTER_BLACKLIST_TTL, 60 s), so the admin can FORGET it everywhere.
     */
    public void blacklistAddNode(NodeId id, long ttlMillis) {
        blacklistCleanup();
        blacklist.put(id, now() + ttlMillis);
    }

    /** clusterBlacklistExists: true while the node is still banned (the gossip handler checks it). */
    public boolean isBlacklisted(NodeId id) {
        blacklistCleanup();
        return blacklist.containsKey(id);
    }

    /** clusterBlacklistCleanup: entries expire on the virtual clock. */
    private void blacklistCleanup() {
        long now = now();
        blacklist.values().removeIf(expiry -> expiry < now);
    }

    // ---- bus statistics (CLUSTER INFO) ----------------------------------------------------------

    public void countMessageSent(String type) {
        messagesSent.merge(type, 1L, Long::sum);
    }

    public void countMessageReceived(String type) {
        messagesReceived.merge(type, 1L, Long::sum);
    }

    public Map<String, Long> messagesSent() {
        return Collections.unmodifiableMap(messagesSent);
    }

    public Map<String, Long> messagesReceived() {
        return Collections.unmodifiableMap(messagesReceived);
    }

    // ---- cluster_state ------------------------------------------------------------------------

    public FailoverState failover() {
        return failover;
    }

    /** clusterCron's iteration counter (it runs 10 times per second). */
    public long nextCronIteration() {
        return cronIteration++;
    }

    public boolean isOk() {
        return ok;
    }

    /**
     * clusterUpdateState (Redis 7.0): with cluster-require-full-coverage every slot must be owned by
     * a node not flagged FAIL; a node that sees fewer reachable slot-owning masters than a majority
     * is in a minority partition and fails. A master waits CLUSTER_WRITABLE_DELAY after start, and
     * after leaving a minority a rejoin delay, before it accepts queries again.
     */
    public void updateState(NodeConfig config) {
        // Like clusterCron, recompute only after a change, or while the state is fail (its delays).
        if (ok && !stateDirty && config.requireFullCoverage() == coverageRequired) {
            return;
        }
        coverageRequired = config.requireFullCoverage();
        stateDirty = false;
        long now = now();
        if (firstCallTime == Long.MIN_VALUE) {
            firstCallTime = now;
        }
        if (myself.isMaster() && !ok && now - firstCallTime < WRITABLE_DELAY_MILLIS) {
            return;
        }
        // clusterUpdateState walks the 16384 slots for one that is unassigned or served by a FAIL node.
        // Every owner keeps its slots as a bitmap too (assignSlots, removeNode), so asking each node
        // gives the same answer without the walk, which a reshard repeats for every slot it moves.
        boolean newOk = true;
        int covered = 0;
        int newSize = 0;
        int reachableMasters = 0;
        for (KnownNode node : nodes.values()) {
            int owned = node.slotCount();
            if (owned > 0 && node.isFailing()) {
                newOk = false;
            }
            covered += owned;
            if (node.isMaster() && owned > 0) {
                newSize++;
                if (!node.has(NodeFlag.FAIL) && !node.has(NodeFlag.PFAIL)) {
                    reachableMasters++;
                }
            }
        }
        if (!config.requireFullCoverage()) {
            newOk = true;
        } else if (covered < HashSlot.SLOTS) {
            newOk = false;
        }
        size = newSize;
        if (reachableMasters < size / 2 + 1) {
            newOk = false;
            amongMinorityTime = now;
        }
        if (newOk != ok) {
            long rejoinDelay = Math.max(MIN_REJOIN_DELAY_MILLIS, Math.min(MAX_REJOIN_DELAY_MILLIS, config.nodeTimeout()));
            if (newOk && myself.isMaster() && now - amongMinorityTime < rejoinDelay) {
                return;
            }
            ok = newOk;
            events.emit(new ClusterEvent.ClusterStateChanged(now, myId(), ok));
        }
    }

    /**
     * clusterInit after a restart with nodes.conf: the view is loaded, links are new, the state
     * starts as fail and the writable delay runs again.
     */
    public void restart() {
        for (KnownNode n : nodes.values()) {
            if (n != myself) {
                n.setPingSent(0);
                n.setLinkConnected(false);
            }
        }
        failover.reset();
        stateDirty = true;
        firstCallTime = Long.MIN_VALUE;
        if (ok) {
            ok = false;
            events.emit(new ClusterEvent.ClusterStateChanged(now(), myId(), false));
        }
    }

    /** CLUSTER RESET: forget everyone, own nothing. */
    public void reset() {
        for (KnownNode n : new ArrayList<>(nodes.values())) {
            if (n != myself) {
                removeNode(n);
            }
        }
        assignSlots(0, HashSlot.SLOTS - 1, null);
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            setStable(slot);
        }
        setRole(myself, null);
    }
}
