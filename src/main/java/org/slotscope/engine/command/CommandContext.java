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
    private final CommandDispatcher dispatcher;
    private byte[][] propagateAs;

    public CommandContext(SimCluster cluster, ClusterNode node, ClientSession session, CommandSpec spec) {
        this(cluster, node, session, spec, null);
    }

    CommandContext(SimCluster cluster, ClusterNode node, ClientSession session, CommandSpec spec,
                   CommandDispatcher dispatcher) {
        this.cluster = cluster;
        this.node = node;
        this.session = session;
        this.spec = spec;
        this.dispatcher = dispatcher;
    }

    /** The dispatcher running this command (EXEC runs the queued ones through it). */
    CommandDispatcher dispatcher() {
        return dispatcher;
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

    /** Redis's mstime(): the simulated UNIX time in milliseconds. */
    public long unixTimeMillis() {
        return cluster.unixTimeMillis();
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
