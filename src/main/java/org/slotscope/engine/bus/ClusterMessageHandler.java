package org.slotscope.engine.bus;

import java.util.BitSet;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.failover.ReplicaFailover;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;
import org.slotscope.engine.node.NodeId;

/**
 * clusterProcessPacket (cluster.c, Redis 7.0), the parts that build and keep a cluster together:
 * the MEET handshake, epochs, roles, slot ownership by configEpoch, UPDATE, gossip of new nodes,
 * PONG times, failure reports, PFAIL and FAIL, replication offsets, and the failover messages
 * (handed to {@link ReplicaFailover}).
 */
final class ClusterMessageHandler {
    private final SimCluster cluster;
    private final ClusterBus bus;
    private final ReplicaFailover failover;

    ClusterMessageHandler(SimCluster cluster, ClusterBus bus, ReplicaFailover failover) {
        this.cluster = cluster;
        this.bus = bus;
        this.failover = failover;
    }

    void process(ClusterNode node, BusMessage message) {
        if (!node.isRunning()) {
            return;
        }
        ClusterState state = node.state();
        Header header = message.header();
        state.countMessageReceived(message.type());
        KnownNode sender = state.lookup(header.sender());
        if (sender != null && sender.inHandshake()) {
            sender = null; // getNodeFromLinkAndMsg: a node still in handshake is not a known sender
        }
        if (sender != null) {
            // Update our currentEpoch and the sender's configEpoch if we see newer ones.
            if (header.currentEpoch() > state.currentEpoch()) {
                state.setCurrentEpoch(header.currentEpoch());
            }
            if (header.senderIsMaster() && header.configEpoch() > sender.configEpoch()) {
                sender.setConfigEpoch(header.configEpoch());
            }
        }

        if (message instanceof BusMessage.Update update) {
            processUpdate(node, sender, update);
            return;
        }
        if (message instanceof BusMessage.Fail fail) {
            processFail(node, sender, fail);
            return;
        }
        if (message instanceof BusMessage.FailoverAuthRequest request) {
            if (sender != null) {
                failover.onAuthRequest(node, sender, header, request.forceAck());
            }
            return;
        }
        if (message instanceof BusMessage.MfStart) {
            if (sender != null) {
                failover.onMfStart(node, sender);
            }
            return;
        }
        if (message instanceof BusMessage.FailoverAuthAck) {
            if (sender != null) {
                failover.onAuthAck(node, sender, header);
            }
            return;
        }

        boolean isPong = message instanceof BusMessage.Pong;
        if (message instanceof BusMessage.Meet && sender == null) {
            // "Add this node if it is new for us and the msg type is MEET": a handshake placeholder
            // with a random name; our PING to it and its PONG will tell us its real name.
            if (!state.handshakeInProgress(header.ip(), header.port(), header.busPort())) {
                KnownNode placeholder = state.startHandshake(new NodeId(cluster.random().hex40()), header.ip(),
                        header.port(), header.busPort());
                placeholder.setMeetPending(false);
            }
        }
        if (!isPong) {
            bus.sendPong(node, header.ip(), header.port());
        }
        if (message instanceof BusMessage.Meet && sender == null) {
            processGossip(node, null, message); // clusterProcessGossipSection for !sender && MEET
        }

        if (isPong) {
            KnownNode placeholder = handshakeAt(state, header);
            if (placeholder != null) {
                if (sender != null) {
                    // We already know this node under its real name: drop the duplicate.
                    state.removeNode(placeholder);
                } else {
                    sender = state.renameNode(placeholder, header.sender());
                    // the epochs this message carries count from now on (they were skipped while unknown)
                    if (header.currentEpoch() > state.currentEpoch()) {
                        state.setCurrentEpoch(header.currentEpoch());
                    }
                    if (header.senderIsMaster() && header.configEpoch() > sender.configEpoch()) {
                        sender.setConfigEpoch(header.configEpoch());
                    }
                }
            }
        }
        if (sender == null) {
            return;
        }

        if (isPong) {
            sender.setPongReceived(cluster.now());
            sender.setPingSent(0);
            sender.setLinkConnected(true);
            // The PFAIL condition can be reversed without external help; FAIL only in some cases.
            if (sender.has(NodeFlag.PFAIL)) {
                state.setFlag(sender, NodeFlag.PFAIL, false);
            } else if (sender.has(NodeFlag.FAIL)) {
                clearNodeFailureIfNeeded(node, sender);
            }
        }

        sender.setReplOffset(header.replOffset());
        state.setFlag(sender, NodeFlag.NOFAILOVER, header.noFailover());
        failover.onMasterHeader(node, sender, header);
        updateRole(state, sender, header);
        // The claim is about the sender's slots, or its master's when it is a replica.
        KnownNode claimant = header.senderIsMaster() ? sender : sender.master();
        boolean dirtySlots = claimant != null && !claimant.slots().equals(header.slotsView());
        if (header.senderIsMaster() && dirtySlots) {
            clusterUpdateSlotsConfigWith(node, sender, header.configEpoch(), header.slotsView());
        }
        if (dirtySlots) {
            sendUpdateIfStale(node, header);
        }
        if (header.senderIsMaster()) {
            handleConfigEpochCollision(node, sender, header);
        }
        processGossip(node, sender, message);
        state.updateState(node.config());
    }

    private static KnownNode handshakeAt(ClusterState state, Header header) {
        if (state.handshakeCount() == 0) {
            return null;
        }
        for (KnownNode n : state.nodeList()) {
            if (n.inHandshake() && n.ip().equals(header.ip()) && n.port() == header.port()) {
                return n;
            }
        }
        return null;
    }

    /** clusterSetNodeAsMaster / the sender's slaveof pointer, as the header says. */
    private static void updateRole(ClusterState state, KnownNode sender, Header header) {
        if (header.senderIsMaster()) {
            if (!sender.isMaster()) {
                state.setRole(sender, null);
            }
            return;
        }
        if (sender.isMaster()) {
            // "Master turned into a slave! Reconfigure the node.": it owns nothing any more, even
            // before we know its new master.
            state.assignSlots(sender.slots(), null);
            state.setReplicaOfUnknown(sender);
        }
        KnownNode master = state.lookup(header.master());
        if (master != null && sender.master() != master) {
            state.setRole(sender, master);
        }
    }

    /**
     * clusterUpdateSlotsConfigWith: a claim wins a slot that is unassigned or owned with a lower
     * configEpoch, unless we are importing that slot. If our own master loses its last slot to the
     * sender we follow the sender; keys left in slots we lost are deleted.
     */
    private void clusterUpdateSlotsConfigWith(ClusterNode node, KnownNode sender, long senderConfigEpoch,
                                              BitSet claimed) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        if (sender == myself) {
            return;
        }
        KnownNode currentMaster = myself.isMaster() ? myself : myself.master();
        KnownNode newMaster = null;
        int senderSlots = claimed.cardinality();
        int migratedOurSlots = 0;
        BitSet dirty = new BitSet();
        BitSet won = new BitSet();
        // Redis walks all 16384 slots, skipping those it already gives the sender; walking only the
        // others is the same loop, and during a reshard, when every PING is "dirty", it is the
        // difference between a few slots and thousands per message.
        BitSet notYetTheSenders = (BitSet) claimed.clone();
        notYetTheSenders.andNot(sender.slots());
        for (int slot = notYetTheSenders.nextSetBit(0); slot >= 0; slot = notYetTheSenders.nextSetBit(slot + 1)) {
            KnownNode owner = state.slotOwner(slot); // never the sender: its slots were taken out
            if (state.importingSlotsFrom(slot) != null) {
                continue;
            }
            if (owner == null || owner.configEpoch() < senderConfigEpoch) {
                if (owner == myself && node.keyspace().countInSlot(slot) > 0) {
                    dirty.set(slot);
                }
                if (owner != null && owner == currentMaster) {
                    newMaster = sender;
                    migratedOurSlots++;
                }
                won.set(slot);
            }
        }
        state.assignSlots(won, sender); // clusterDelSlot + clusterAddSlot, published as runs
        if (newMaster != null && currentMaster.slotCount() == 0
                && (node.config().allowReplicaMigration() || senderSlots == migratedOurSlots)) {
            cluster.becomeReplicaOf(node, sender.id());
        } else {
            for (int slot = dirty.nextSetBit(0); slot >= 0; slot = dirty.nextSetBit(slot + 1)) {
                node.keyspace().flushSlot(slot); // delKeysInSlot
            }
        }
    }

    /** A sender claiming a slot we know is owned with a greater configEpoch gets an UPDATE. */
    private void sendUpdateIfStale(ClusterNode node, Header header) {
        ClusterState state = node.state();
        BitSet claimed = header.slotsView();
        // clusterProcessPacket walks the claimed slots in order and answers about the first one owned
        // by another node with a greater configEpoch; that slot is the lowest claimed slot of any such
        // owner, found here a node at a time instead of a slot at a time.
        int first = -1;
        for (KnownNode owner : state.nodeList()) {
            if (owner.configEpoch() <= header.configEpoch() || owner.id().equals(header.sender())
                    || !owner.slots().intersects(claimed)) {
                continue;
            }
            BitSet common = (BitSet) claimed.clone();
            common.and(owner.slots());
            int lowest = common.nextSetBit(0);
            if (first < 0 || lowest < first) {
                first = lowest;
            }
        }
        if (first >= 0) {
            bus.sendUpdate(node, header.ip(), header.port(), state.slotOwner(first));
        }
    }

    /**
     * clusterHandleConfigEpochCollision: two masters with the same configEpoch; the one with the
     * smaller node id takes a new epoch (the greater id keeps its), so slot conflicts always have a
     * winner.
     */
    private static void handleConfigEpochCollision(ClusterNode node, KnownNode sender, Header header) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        if (!myself.isMaster() || header.configEpoch() != myself.configEpoch()) {
            return;
        }
        if (sender.id().compareTo(myself.id()) <= 0) {
            return; // don't act if the colliding node has a smaller node id
        }
        state.setCurrentEpoch(state.currentEpoch() + 1);
        state.setMyConfigEpoch(state.currentEpoch());
    }

    /**
     * clearNodeFailureIfNeeded: a replica or a slot-less master that answers again is no longer
     * failing; a master still serving slots only after node_timeout x 2 (CLUSTER_FAIL_UNDO_TIME_MULT),
     * when nobody has failed it over.
     */
    private void clearNodeFailureIfNeeded(ClusterNode node, KnownNode failing) {
        ClusterState state = node.state();
        if (failing.isReplica() || failing.slotCount() == 0) {
            state.setFlag(failing, NodeFlag.FAIL, false);
        } else if (cluster.now() - failing.failTime() > node.config().nodeTimeout() * 2) {
            state.setFlag(failing, NodeFlag.FAIL, false);
        }
    }

    /**
     * markNodeAsFailingIfNeeded: PFAIL turns into FAIL when failure reports from a majority of the
     * slot-owning masters (counting myself if I am a master) are fresh; then FAIL is broadcast.
     */
    void markNodeAsFailingIfNeeded(ClusterNode node, KnownNode failing) {
        ClusterState state = node.state();
        if (!failing.has(NodeFlag.PFAIL) || failing.has(NodeFlag.FAIL)) {
            return;
        }
        int neededQuorum = state.size() / 2 + 1;
        int failures = state.failureReportsCount(failing, node.config().nodeTimeout());
        if (state.myself().isMaster()) {
            failures++;
        }
        if (failures < neededQuorum) {
            return;
        }
        state.setFlag(failing, NodeFlag.PFAIL, false);
        state.setFlag(failing, NodeFlag.FAIL, true);
        failing.setFailTime(cluster.now());
        bus.broadcastFail(node, failing);
        state.updateState(node.config());
    }

    /** FAIL: trust the sender (the majority was counted where FAIL was decided). */
    private void processFail(ClusterNode node, KnownNode sender, BusMessage.Fail fail) {
        if (sender == null) {
            return;
        }
        ClusterState state = node.state();
        KnownNode failing = state.lookup(fail.about());
        if (failing != null && failing != state.myself() && !failing.has(NodeFlag.FAIL)) {
            state.setFlag(failing, NodeFlag.PFAIL, false);
            state.setFlag(failing, NodeFlag.FAIL, true);
            failing.setFailTime(cluster.now());
            state.updateState(node.config());
        }
    }

    /** UPDATE: adopt the newer configuration of {@code update.node()}. */
    private void processUpdate(ClusterNode node, KnownNode sender, BusMessage.Update update) {
        if (sender == null) {
            return;
        }
        ClusterState state = node.state();
        KnownNode target = state.lookup(update.node());
        if (target == null || target.configEpoch() >= update.configEpoch()) {
            return;
        }
        if (target.isReplica()) {
            state.setRole(target, null);
        }
        target.setConfigEpoch(update.configEpoch());
        clusterUpdateSlotsConfigWith(node, target, update.configEpoch(), update.slots());
        state.updateState(node.config());
    }

    /**
     * clusterProcessGossipSection: nodes we never heard of start a handshake (unless FORGET
     * blacklisted them); for nodes we know and think healthy, a fresher PONG time seen by the
     * sender is adopted.
     */
    private void processGossip(ClusterNode node, KnownNode sender, BusMessage message) {
        List<GossipEntry> gossip = message instanceof BusMessage.Ping p ? p.gossip()
                : message instanceof BusMessage.Pong p ? p.gossip()
                : message instanceof BusMessage.Meet m ? m.gossip() : List.of();
        ClusterState state = node.state();
        for (GossipEntry entry : gossip) {
            KnownNode known = state.lookup(entry.node());
            if (known != null && sender != null && sender.isMaster() && known != state.myself()) {
                // Failure reports count only when they come from masters.
                if (entry.pfail() || entry.fail()) {
                    state.addFailureReport(known, sender);
                    markNodeAsFailingIfNeeded(node, known);
                } else {
                    state.delFailureReport(known, sender);
                }
            }
            if (known != null) {
                if (!known.has(NodeFlag.PFAIL) && !known.has(NodeFlag.FAIL) && known.pingSent() == 0
                        && entry.pongReceived() > known.pongReceived() && entry.pongReceived() <= cluster.now() + 500) {
                    known.setPongReceived(entry.pongReceived());
                }
                continue;
            }
            if (entry.noaddr() || entry.handshake() || entry.node().equals(state.myId())
                    || state.isBlacklisted(entry.node())
                    || state.handshakeInProgress(entry.ip(), entry.port(), entry.busPort())) {
                continue;
            }
            state.startHandshake(new NodeId(cluster.random().hex40()), entry.ip(), entry.port(), entry.busPort());
        }
    }
}
