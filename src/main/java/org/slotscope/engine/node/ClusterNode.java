package org.slotscope.engine.node;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.keyspace.Keyspace;

/**
 * One simulated redis-server with cluster-enabled yes: its address, its data, its own view of the
 * cluster, its settings and counters. It runs nothing by itself; {@link org.slotscope.engine.SimCluster}
 * drives it on the engine thread.
 */
public final class ClusterNode {
    private final NodeId id;
    private final String host;
    private final int port;
    private final int busPort;
    private final Keyspace keyspace;
    private final ClusterState state;
    private final NodeConfig config;
    private final ServerStats stats = new ServerStats();
    private final long startTime;
    private final long runIdSeed;
    private boolean running = true;
    private long nextClientId = 1;
    private int incarnation;
    /** Until when the process is frozen (DEBUG SLEEP): it does nothing, answers nothing. 0 = not frozen. */
    private long frozenUntil;
    private final org.slotscope.engine.replication.ReplicationBacklog backlog =
            new org.slotscope.engine.replication.ReplicationBacklog(
                    org.slotscope.engine.replication.ReplicationBacklog.DEFAULT_SIZE);
    /** The history this node's data belongs to (master_replid) and its previous one (master_replid2). */
    private long replId;
    private long replId2;
    /** Up to which offset the previous history is shared (second_repl_offset), or -1. */
    private long secondReplOffset = -1;
    /** The master whose snapshot this replica waits for (a full resync in progress), or null. */
    private NodeId syncingFrom;
    /** MIGRATE keeps one connection per target (migrateGetSocket caches sockets in Redis). */
    private final Map<NodeId, ClientSession> migrateLinks = new HashMap<>();
    /** The connected clients, by id, for CLIENT LIST (server.clients). */
    private final Map<Long, ClientSession> clients = new LinkedHashMap<>();

    public ClusterNode(NodeId id, String host, int port, Keyspace keyspace, ClusterState state, NodeConfig config,
                       long startTime, long runIdSeed) {
        this.id = id;
        this.host = host;
        this.port = port;
        this.busPort = port + 10000;
        this.keyspace = keyspace;
        this.state = state;
        this.config = config;
        this.startTime = startTime;
        this.runIdSeed = runIdSeed;
    }

    public NodeId id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The cluster bus port: port + 10000, as Redis does by default. */
    public int busPort() {
        return busPort;
    }

    public String address() {
        return host + ":" + port;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public ClusterState state() {
        return state;
    }

    public NodeConfig config() {
        return config;
    }

    public ServerStats stats() {
        return stats;
    }

    /** Virtual time the node started, for INFO uptime. */
    public long startTime() {
        return startTime;
    }

    /** A stable seed for the run_id INFO server prints. */
    public long runIdSeed() {
        return runIdSeed;
    }

    public boolean isRunning() {
        return running;
    }

    public void setRunning(boolean running) {
        this.running = running;
    }

    /** The replication backlog: this node's recent write stream (repl-backlog-size). */
    public org.slotscope.engine.replication.ReplicationBacklog backlog() {
        return backlog;
    }

    public long replId() {
        return replId;
    }

    public long replId2() {
        return replId2;
    }

    public long secondReplOffset() {
        return secondReplOffset;
    }

    /** A new history (a restart without persistence, or a fresh node): nothing is shared with before. */
    public void newReplicationHistory(long id) {
        this.replId = id;
        this.replId2 = 0;
        this.secondReplOffset = -1;
    }

    /** shiftReplicationId: a promoted replica starts a new history, sharing the old one up to {@code offset}. */
    public void shiftReplicationId(long newId, long offset) {
        this.replId2 = replId;
        this.secondReplOffset = offset;
        this.replId = newId;
    }

    /** A replica adopts its master's history (after a full or a partial resync). */
    public void adoptReplicationId(long id) {
        this.replId = id;
    }

    public NodeId syncingFrom() {
        return syncingFrom;
    }

    public void setSyncingFrom(NodeId master) {
        this.syncingFrom = master;
    }

    public long frozenUntil() {
        return frozenUntil;
    }

    public void setFrozenUntil(long until) {
        this.frozenUntil = until;
    }

    public boolean isFrozen(long now) {
        return frozenUntil > now;
    }

    /** Counts restarts, so timers of a previous life of the process do not run in this one. */
    public int incarnation() {
        return incarnation;
    }

    public void newIncarnation() {
        incarnation++;
    }

    public long nextClientId() {
        return nextClientId++;
    }

    public Map<NodeId, ClientSession> migrateLinks() {
        return migrateLinks;
    }

    public Collection<ClientSession> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public void addClient(ClientSession session) {
        clients.put(session.id(), session);
    }

    public void removeClient(ClientSession session) {
        clients.remove(session.id());
    }

    public boolean isMaster() {
        return state.myself().isMaster();
    }

    @Override
    public String toString() {
        return id.shortName() + "@" + address();
    }
}
