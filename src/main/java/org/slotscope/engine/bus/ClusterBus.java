package org.slotscope.engine.bus;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.failover.ReplicaFailover;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;

/**
 * The cluster bus of the simulated nodes: builds messages the way clusterBuildMessageHdr and
 * clusterSendPing do, and carries them over the {@link org.slotscope.engine.net.SimNetwork} with a
 * send time and a deliver time, so the view can draw each one in flight.
 */
public final class ClusterBus {
    private final SimCluster cluster;
    private final ClusterMessageHandler handler;
    /** Numbers the gossip sections built, for KnownNode.gossipMark. */
    private long gossipRound;
    private final ReplicaFailover failover;

    public ClusterBus(SimCluster cluster) {
        this.cluster = cluster;
        this.failover = new ReplicaFailover(cluster, this);
        this.handler = new ClusterMessageHandler(cluster, this, failover);
    }

    public ReplicaFailover failover() {
        return failover;
    }

    /** clusterBuildMessageHdr: a replica advertises its master's slots and configEpoch. */
    public Header header(ClusterNode node) {
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        KnownNode master = myself.isReplica() ? myself.master() : myself;
        return new Header(myself.id(), node.host(), node.port(), node.busPort(),
                myself.isReplica() ? myself.master().id() : null, state.currentEpoch(),
                master.configEpoch(), myself.replOffset(), slotsSnapshot(node, master),
                myself.isMaster() && state.failover().pausedUntil > cluster.now(), myself.has(NodeFlag.NOFAILOVER));
    }

    private final java.util.Map<org.slotscope.engine.node.NodeId, SlotsSnapshot> snapshots = new java.util.HashMap<>();

    private record SlotsSnapshot(long version, KnownNode of, java.util.BitSet slots) {
    }

    /** One immutable copy of the advertised slots per node, renewed when its view's slots change. */
    private java.util.BitSet slotsSnapshot(ClusterNode node, KnownNode of) {
        long version = node.state().slotsVersion();
        SlotsSnapshot cached = snapshots.get(node.id());
        if (cached == null || cached.version() != version || cached.of() != of) {
            cached = new SlotsSnapshot(version, of, (java.util.BitSet) of.slots().clone());
            snapshots.put(node.id(), cached);
        }
        return cached.slots();
    }

    /**
     * clusterSendPing's gossip section: max(3, N/10) random healthy-looking nodes (wanted), never
     * myself, nodes in handshake or without address, or slot-less nodes we have no link to; then
     * every node flagged PFAIL, so failure reports spread quickly.
     */
    List<GossipEntry> gossip(ClusterNode node, KnownNode receiver) {
        ClusterState state = node.state();
        List<KnownNode> known = state.nodeList();
        int freshNodes = known.size() - 2;
        int wanted = Math.min(Math.max(3, known.size() / 10), freshNodes);
        List<GossipEntry> out = new ArrayList<>(wanted);
        long mark = ++gossipRound;
        int maxIterations = wanted * 3;
        while (freshNodes > 0 && out.size() < wanted && maxIterations-- > 0) {
            KnownNode candidate = known.get(cluster.random().nextInt(known.size()));
            if (candidate == state.myself() || candidate.has(NodeFlag.PFAIL)) {
                continue; // PFAIL nodes are added below
            }
            if (candidate.inHandshake() || candidate.has(NodeFlag.NOADDR)
                    || (!candidate.linkConnected() && candidate.slotCount() == 0)) {
                freshNodes--;
                continue;
            }
            if (candidate.gossipMark() != mark) {
                candidate.setGossipMark(mark);
                out.add(entry(candidate));
                freshNodes--;
            }
        }
        if (state.pfailCount() > 0) {
            for (KnownNode n : known) {
                if (n.has(NodeFlag.PFAIL) && !n.inHandshake() && !n.has(NodeFlag.NOADDR) && n.gossipMark() != mark) {
                    n.setGossipMark(mark);
                    out.add(entry(n));
                }
            }
        }
        return out;
    }

    private static GossipEntry entry(KnownNode n) {
        return new GossipEntry(n.id(), n.ip(), n.port(), n.busPort(), n.has(NodeFlag.PFAIL), n.has(NodeFlag.FAIL),
                n.inHandshake(), n.has(NodeFlag.NOADDR), n.pingSent(), n.pongReceived());
    }

    /** clusterSendPing with type PING or MEET to one node of {@code from}'s view. */
    void sendPing(ClusterNode from, KnownNode to, boolean meet) {
        Header header = header(from);
        List<GossipEntry> gossip = gossip(from, to);
        BusMessage message = meet ? new BusMessage.Meet(header, gossip) : new BusMessage.Ping(header, gossip);
        // A MEET is awaited like a PING: the cron sends it again only if no PONG comes back.
        if (to.pingSent() == 0) {
            to.setPingSent(cluster.now());
        }
        send(from, to, message);
    }

    /**
     * clusterBroadcastPong: to every node we know, or only to the other replicas of our master
     * (CLUSTER_BROADCAST_LOCAL_SLAVES), so they learn of a new configuration or offset at once.
     */
    public void broadcastPong(ClusterNode from, boolean localReplicasOnly) {
        KnownNode myself = from.state().myself();
        broadcast(from, () -> new BusMessage.Pong(header(from), gossip(from, null)),
                to -> !localReplicasOnly || (to.isReplica() && myself.master() != null && to.master() == myself.master()));
    }

    /** clusterRequestFailoverAuth: to every node (only masters will answer). */
    public void broadcastFailoverAuthRequest(ClusterNode from, boolean forceAck) {
        BusMessage message = new BusMessage.FailoverAuthRequest(header(from), forceAck);
        broadcast(from, () -> message, to -> true);
    }

    /**
     * clusterBroadcastMessage: to every node of {@code from}'s view but itself and nodes without a
     * usable address. Each PONG gets its own gossip section, as clusterSendPing builds one per link.
     */
    private void broadcast(ClusterNode from, java.util.function.Supplier<BusMessage> message,
                           java.util.function.Predicate<KnownNode> wanted) {
        KnownNode myself = from.state().myself();
        for (KnownNode to : new java.util.ArrayList<>(from.state().nodes())) {
            if (to != myself && !to.inHandshake() && !to.has(NodeFlag.NOADDR) && wanted.test(to)) {
                send(from, to.ip(), to.port(), message.get());
            }
        }
    }

    /** clusterSendMFStart: a replica asks its master to start a coordinated manual failover. */
    public void sendMfStart(ClusterNode from, KnownNode master) {
        send(from, master.ip(), master.port(), new BusMessage.MfStart(header(from)));
    }

    /** A PING to one node now (the paused master pings its replica every cron run). */
    public void ping(ClusterNode from, KnownNode to) {
        sendPing(from, to, false);
    }

    public void sendFailoverAuthAck(ClusterNode from, KnownNode candidate) {
        send(from, candidate.ip(), candidate.port(), new BusMessage.FailoverAuthAck(header(from)));
    }

    void sendPong(ClusterNode from, String ip, int port) {
        send(from, ip, port, new BusMessage.Pong(header(from), gossip(from, null)));
    }

    /** clusterSendUpdate: tell a node with a stale claim who owns {@code owner}'s slots now. */
    void sendUpdate(ClusterNode from, String ip, int port, KnownNode owner) {
        send(from, ip, port, new BusMessage.Update(header(from), owner.id(), owner.configEpoch(), owner.slots()));
    }

    void markNodeAsFailingIfNeeded(ClusterNode node, KnownNode failing) {
        handler.markNodeAsFailingIfNeeded(node, failing);
    }

    /** clusterSendFail: to every node we have a link to (clusterBroadcastMessage). */
    void broadcastFail(ClusterNode from, KnownNode failing) {
        BusMessage message = new BusMessage.Fail(header(from), failing.id());
        broadcast(from, () -> message, to -> true);
    }

    private void deliver(ClusterNode from, ClusterNode target, BusMessage message) {
        // the receiver may have crashed, or a partition may have started, while it flew
        if (!cluster.network().canReach(from, target)) {
            return;
        }
        if (target.isFrozen(cluster.now())) {
            // it sits in the socket until the process wakes up
            cluster.scheduler().scheduleAt(target.frozenUntil(), () -> deliver(from, target, message));
            return;
        }
        handler.process(target, message);
    }

    private void send(ClusterNode from, KnownNode to, BusMessage message) {
        boolean reached = send(from, to.ip(), to.port(), message);
        to.setLinkConnected(reached);
    }

    /** Sends to whatever node listens at ip:port; returns whether the network can carry it there. */
    private boolean send(ClusterNode from, String ip, int port, BusMessage message) {
        ClusterNode target = cluster.nodeAt(ip, port);
        long now = cluster.now();
        boolean reachable = target != null && cluster.network().canReach(from, target);
        if (!reachable) {
            return false; // the connect fails (clusterNodeCronHandleReconnect): nothing is sent
        }
        from.state().countMessageSent(message.type());
        long deliverAt = now + cluster.network().transitTime(from, target);
        boolean lost = cluster.network().drops();
        cluster.events().emit(new ClusterEvent.BusMessageSent(now, deliverAt, from.id(), target.id(), message.type(),
                lost));
        if (!lost) {
            cluster.scheduler().scheduleAt(deliverAt, () -> deliver(from, target, message));
        }
        return reachable;
    }
}
