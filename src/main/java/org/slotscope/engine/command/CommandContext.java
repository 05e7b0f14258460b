package org.slotscope.engine.command;

import org.slotscope.engine.SimCluster;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;

/** What a handler may use while it executes one command: the node, the client, the whole cluster. */
public final class CommandContext {
    private final SimCluster cluster;
    private final ClusterNode node;
    private final ClientSession session;
    private final CommandSpec spec;
    private byte[][] propagateAs;

    public CommandContext(SimCluster cluster, ClusterNode node, ClientSession session, CommandSpec spec) {
        this.cluster = cluster;
        this.node = node;
        this.session = session;
        this.spec = spec;
    }

    public SimCluster cluster() {
        return cluster;
    }

    public ClusterNode node() {
        return node;
    }

    public ClientSession session() {
        return session;
    }

    public CommandSpec spec() {
        return spec;
    }

    public Keyspace keyspace() {
        return node.keyspace();
    }

    public ClusterState state() {
        return node.state();
    }

    public long now() {
        return cluster.now();
    }

    /**
     * The UNIX time of the virtual clock's zero. Commands that take or send absolute UNIX times
     * (EXPIREAT, PEXPIREAT, SET EXAT/PXAT, GETEX, the PEXPIREAT sent to replicas) convert with it, so
     * "EXPIREAT key 1" is in the past as on a real server. Fixed, not the wall clock, so a run stays
     * a pure function of its seed and inputs.
     */
    public static final long UNIX_MILLIS_AT_VIRTUAL_ZERO = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    /** Redis's mstime(): the simulated UNIX time in milliseconds. */
    public long unixTimeMillis() {
        return UNIX_MILLIS_AT_VIRTUAL_ZERO + cluster.now();
    }

    /**
     * Replicate this command to replicas as {@code argv} instead of as received: SPOP propagates
     * as SREM, EXPIRE as PEXPIREAT, like Redis's alsoPropagate/rewriteClientCommandVector.
     * An empty array propagates nothing.
     */
    public void propagateAs(byte[][] argv) {
        this.propagateAs = argv;
    }

    public byte[][] propagation() {
        return propagateAs;
    }
}
