package org.slotscope.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.node.ClusterNode;

/**
 * A one-master cluster (optionally with one replica) for data command tests: the master owns every
 * slot, so single-key commands are never redirected.
 */
public final class DataNode {
    public final SimCluster cluster;
    public final ClusterNode master;
    public final ClusterNode replica;
    public final ClientSession session;

    private DataNode(long seed, int replicas) {
        cluster = new SimCluster(seed);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, replicas);
        master = nodes.get(0);
        replica = replicas > 0 ? nodes.get(1) : null;
        session = cluster.connect(master, "test");
    }

    public static DataNode single() {
        return new DataNode(1, 0);
    }

    public static DataNode withReplica() {
        return new DataNode(1, 1);
    }

    public static DataNode seeded(long seed) {
        return new DataNode(seed, 0);
    }

    public Reply run(String... words) {
        return cluster.execute(master, session, words);
    }

    /** The reply in the fixture notation, RESP2. */
    public String text(String... words) {
        return RedisFixture.format(run(words), session.protocol(), false);
    }

    /**
     * Reads on the replica (with READONLY, as a cluster client would), once the replication stream
     * sent so far has arrived: replication is asynchronous, one link latency behind the master.
     */
    public String onReplica(String... words) {
        cluster.runFor(cluster.network().defaultLatencyMillis());
        ClientSession readonly = cluster.connect(replica, "test-replica");
        readonly.setReadonly(true);
        return RedisFixture.format(cluster.execute(replica, readonly, words), 2, false);
    }

    /**
     * Executes a command's handler directly and returns what it asks to propagate to replicas
     * (null: the command as received), as text words.
     */
    public List<String> propagationOf(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        CommandSpec spec = cluster.commands().lookup(words[0]);
        CommandContext ctx = new CommandContext(cluster, master, session, spec);
        Reply reply = spec.handler().handle(ctx, argv);
        if (reply.isError()) {
            throw new AssertionError("command failed: " + reply);
        }
        byte[][] propagated = ctx.propagation() == null ? argv : ctx.propagation();
        List<String> out = new ArrayList<>();
        for (byte[] word : propagated) {
            out.add(new String(word, StandardCharsets.UTF_8));
        }
        return out;
    }
}
