package org.slotscope.link;

import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * A link to a simulated node for code running under {@link SimActors}: the command is executed by
 * {@link SimCluster#execute} on the caller's turn, with a simulated network round trip around it
 * (half on the way there, half back; one-way time = the bus's default latency, at least 1 ms), during
 * which the rest of the simulation runs. A blocked reply (a frozen node, WAIT) is waited for on the
 * virtual clock up to a timeout, after which the link fails with {@link LinkException.Reason#TIMEOUT}
 * and the command may still run later, as on a real server. A stopped node, or one restarted since
 * the link was opened (its connections closed), fails with {@link LinkException.Reason#UNREACHABLE}.
 *
 * <p>Clients are outside the cluster's network: partitions cut the cluster bus, not client links.
 */
public final class DirectSimLink implements NodeLink {
    /** How long a blocked command is waited for: Jedis's default socket timeout. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

    private final SimActors actors;
    private final NodeId node;
    private final String address;
    private final long timeoutMillis;
    private final int incarnation;
    private final ClientSession session;
    private boolean closed;

    private DirectSimLink(SimActors actors, ClusterNode target, long timeoutMillis) {
        this.actors = actors;
        this.node = target.id();
        this.address = target.address();
        this.timeoutMillis = timeoutMillis;
        this.incarnation = target.incarnation();
        this.session = actors.cluster().connect(target, "slotscope-client");
    }

    static DirectSimLink open(SimActors actors, String address, long timeoutMillis) {
        Connector.HostPort hp = Connector.parse(address);
        ClusterNode target = actors.cluster().nodeAt(hp.host(), hp.port());
        if (target == null) {
            throw new LinkException("cannot connect to " + address + ": no simulated node there", null,
                    LinkException.Reason.UNREACHABLE);
        }
        actors.pause(oneWay(actors.cluster())); // the connection's handshake
        if (!target.isRunning()) {
            throw new LinkException("cannot connect to " + address + ": Connection refused", null,
                    LinkException.Reason.UNREACHABLE);
        }
        return new DirectSimLink(actors, target, timeoutMillis);
    }

    private static long oneWay(SimCluster cluster) {
        return Math.max(1, cluster.network().defaultLatencyMillis());
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Reply send(byte[]... argv) {
        SimCluster cluster = actors.cluster();
        actors.pause(oneWay(cluster));
        ClusterNode target = usableNode(cluster);
        Reply reply = cluster.execute(target, session, argv);
        if (reply instanceof Reply.Blocked blocked) {
            reply = actors.await(blocked, timeoutMillis);
            if (reply == null) {
                throw new LinkException("cannot send to " + address + ": no answer within " + timeoutMillis + " ms",
                        null, LinkException.Reason.TIMEOUT);
            }
        }
        actors.pause(oneWay(cluster));
        return reply;
    }

    /** A pipeline pays one round trip: every command is written, then every reply read. */
    @Override
    public java.util.List<Reply> pipeline(java.util.List<byte[][]> commands) {
        SimCluster cluster = actors.cluster();
        actors.pause(oneWay(cluster));
        java.util.List<Reply> replies = new java.util.ArrayList<>(commands.size());
        for (byte[][] argv : commands) {
            Reply reply = cluster.execute(usableNode(cluster), session, argv);
            if (reply instanceof Reply.Blocked blocked) {
                reply = actors.await(blocked, timeoutMillis);
                if (reply == null) {
                    throw new LinkException("cannot send to " + address + ": no answer within " + timeoutMillis
                            + " ms", null, LinkException.Reason.TIMEOUT);
                }
            }
            replies.add(reply);
        }
        actors.pause(oneWay(cluster));
        return replies;
    }

    private ClusterNode usableNode(SimCluster cluster) {
        ClusterNode target = cluster.node(node);
        if (closed) {
            throw new IllegalStateException("the link to " + address + " is closed");
        }
        if (target == null || !target.isRunning() || target.incarnation() != incarnation) {
            throw new LinkException("cannot send to " + address + ": the connection was closed", null,
                    LinkException.Reason.UNREACHABLE);
        }
        return target;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ClusterNode target = actors.cluster().node(node);
        if (target != null && target.incarnation() == incarnation) {
            actors.cluster().disconnect(target, session);
        }
    }
}
