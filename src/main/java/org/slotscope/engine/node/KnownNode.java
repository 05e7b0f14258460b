package org.slotscope.engine.node;

import java.util.BitSet;
import java.util.EnumSet;
import java.util.Set;

/**
 * One node as another node sees it: Redis's {@code clusterNode} struct. Every node keeps its own
 * set of these (its {@link ClusterState}); two views of the same node can disagree, which is the
 * point of a cluster bus.
 */
public final class KnownNode {
    private final NodeId id;
    private String ip;
    private int port;
    private int busPort;
    private final EnumSet<NodeFlag> flags = EnumSet.noneOf(NodeFlag.class);
    // grows to the highest slot owned: a replica or an empty master costs nothing, as views of 1000 nodes add up
    private final BitSet slots = new BitSet();
    private KnownNode master;
    private long configEpoch;
    private long pingSent;
    private long pongReceived;
    private long replOffset;
    private boolean linkConnected = true;
    private long linkCreateTime;
    private String shardId;
    private long ctime;
    /** The gossip section being built that already holds this node (a cheap "chosen" mark). */
    private long gossipMark;
    private long failTime;
    /** CLUSTER_NODE_MIGRATE_TO: this master had replicas once, so an orphaned one is worth a migration. */
    private boolean migrateTo;
    /** Since when this master has been orphaned, or 0 (node->orphaned_time). */
    private long orphanedTime;
    /** When this view last voted for a replica of this master (node->voted_time). */
    private long votedTime = Long.MIN_VALUE / 2;
    /** Failure reports: which master said this node is PFAIL or FAIL, and when (clusterNodeFailReport). */
    private final java.util.Map<NodeId, Long> failReports = new java.util.LinkedHashMap<>();
    private boolean meetPending;

    public KnownNode(NodeId id, String ip, int port, int busPort) {
        this.id = id;
        this.ip = ip;
        this.port = port;
        this.busPort = busPort;
    }

    public NodeId id() {
        return id;
    }

    public String ip() {
        return ip;
    }

    public int port() {
        return port;
    }

    public int busPort() {
        return busPort;
    }

    public void setAddress(String ip, int port, int busPort) {
        this.ip = ip;
        this.port = port;
        this.busPort = busPort;
    }

    public String address() {
        return ip + ":" + port;
    }

    public Set<NodeFlag> flags() {
        return flags;
    }

    public boolean has(NodeFlag flag) {
        return flags.contains(flag);
    }

    public boolean isMaster() {
        return flags.contains(NodeFlag.MASTER);
    }

    public boolean isReplica() {
        return flags.contains(NodeFlag.SLAVE);
    }

    public boolean isFailing() {
        return flags.contains(NodeFlag.FAIL);
    }

    /** The slots this node claims, in the eyes of the view that holds this record. */
    public BitSet slots() {
        return slots;
    }

    public int slotCount() {
        return slots.cardinality();
    }

    public KnownNode master() {
        return master;
    }

    /** Makes this node a replica of {@code newMaster}, or a master when it is null. */
    public void setMaster(KnownNode newMaster) {
        this.master = newMaster;
        if (newMaster == null) {
            flags.remove(NodeFlag.SLAVE);
            flags.add(NodeFlag.MASTER);
        } else {
            flags.remove(NodeFlag.MASTER);
            flags.add(NodeFlag.SLAVE);
        }
    }

    /**
     * A replica whose master is gone from this view, or not known yet: still a replica, pointing at
     * nobody (clusterDelNode leaves the SLAVE flag; a header can name a master we never met).
     */
    public void setReplicaOfUnknown() {
        this.master = null;
        flags.remove(NodeFlag.MASTER);
        flags.add(NodeFlag.SLAVE);
    }

    public long configEpoch() {
        return configEpoch;
    }

    public void setConfigEpoch(long configEpoch) {
        this.configEpoch = configEpoch;
    }

    public long pingSent() {
        return pingSent;
    }

    public void setPingSent(long pingSent) {
        this.pingSent = pingSent;
    }

    public long pongReceived() {
        return pongReceived;
    }

    public void setPongReceived(long pongReceived) {
        this.pongReceived = pongReceived;
    }

    public long replOffset() {
        return replOffset;
    }

    public void setReplOffset(long replOffset) {
        this.replOffset = replOffset;
    }

    public boolean linkConnected() {
        return linkConnected;
    }

    public void setLinkConnected(boolean linkConnected) {
        this.linkConnected = linkConnected;
    }

    /** When the bus link to this node was created (CLUSTER LINKS create-time), virtual ms. */
    public long gossipMark() {
        return gossipMark;
    }

    public void setGossipMark(long mark) {
        this.gossipMark = mark;
    }

    /** When this view created the record (node->ctime): handshakes time out from it. */
    public long ctime() {
        return ctime;
    }

    public void setCtime(long ctime) {
        this.ctime = ctime;
    }

    public boolean migrateTo() {
        return migrateTo;
    }

    public void setMigrateTo(boolean migrateTo) {
        this.migrateTo = migrateTo;
    }

    public long orphanedTime() {
        return orphanedTime;
    }

    public void setOrphanedTime(long orphanedTime) {
        this.orphanedTime = orphanedTime;
    }

    public long votedTime() {
        return votedTime;
    }

    public void setVotedTime(long votedTime) {
        this.votedTime = votedTime;
    }

    /** When this view flagged the node FAIL (node->fail_time). */
    public long failTime() {
        return failTime;
    }

    public void setFailTime(long failTime) {
        this.failTime = failTime;
    }

    public java.util.Map<NodeId, Long> failReports() {
        return failReports;
    }

    /** CLUSTER_NODE_MEET: the next message to this node is a MEET, not a PING. */
    public boolean meetPending() {
        return meetPending;
    }

    public void setMeetPending(boolean meetPending) {
        this.meetPending = meetPending;
    }

    public boolean inHandshake() {
        return flags.contains(NodeFlag.HANDSHAKE);
    }

    public long linkCreateTime() {
        return linkCreateTime;
    }

    public void setLinkCreateTime(long linkCreateTime) {
        this.linkCreateTime = linkCreateTime;
    }

    /**
     * The shard id (Redis 7.2's shard_id): shared by a master and its replicas. Redis 7.2 draws a
     * random 40-hex id for a new node; the simulator starts from the node's own id, which is just as
     * unique and needs no extra randomness. A replica adopts its master's shard id.
     */
    public String shardId() {
        return shardId == null ? id.value() : shardId;
    }

    public void setShardId(String shardId) {
        this.shardId = shardId;
    }

    @Override
    public String toString() {
        return id.shortName() + "@" + address();
    }
}
