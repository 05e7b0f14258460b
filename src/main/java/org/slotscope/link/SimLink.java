package org.slotscope.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * A link to a simulated node, in-process: the command runs on the engine thread with its own client
 * session, exactly as one arriving over RESP would. A blocked command (WAIT, a frozen node) answers
 * when the engine's clock says so. A {@link Recorder} sees the connection, every command at the
 * virtual instant the engine runs it, and the close (the window journals them to replay a run).
 */
public final class SimLink implements NodeLink {
    private static final long TIMEOUT_SECONDS = 30;

    /** Told, on the engine thread, what this link does to the cluster and when. */
    public interface Recorder {
        Recorder NONE = new Recorder() {
        };

        default void connected(SimCluster cluster, NodeId node, ClientSession session) {
        }

        default void executing(SimCluster cluster, ClientSession session, byte[][] argv) {
        }

        default void closing(SimCluster cluster, ClientSession session) {
        }
    }

    private final EngineLoop loop;
    private final NodeId node;
    private final Recorder recorder;
    private final String address;
    private final ClientSession session;

    public SimLink(EngineLoop loop, NodeId node) {
        this(loop, node, Recorder.NONE);
    }

    public SimLink(EngineLoop loop, NodeId node, Recorder recorder) {
        this.loop = loop;
        this.node = node;
        this.recorder = recorder;
        ClientSession[] created = new ClientSession[1];
        String[] where = new String[1];
        await(loop.call(cluster -> {
            ClusterNode target = cluster.node(node);
            if (target == null) {
                throw new IllegalArgumentException("no simulated node " + node);
            }
            where[0] = target.address();
            created[0] = cluster.connect(target, "slotscope-link");
            recorder.connected(cluster, node, created[0]);
            return null;
        }), "connect to " + node);
        this.session = created[0];
        this.address = where[0];
    }

    /** Opens SimLinks to the simulated node at each host:port. */
    public static Connector connector(EngineLoop loop) {
        return connector(loop, Recorder.NONE);
    }

    /** Opens SimLinks that report to {@code recorder}. */
    public static Connector connector(EngineLoop loop, Recorder recorder) {
        return address -> {
            Connector.HostPort hp = Connector.parse(address);
            NodeId id = await(loop.call(cluster -> {
                ClusterNode node = cluster.nodeAt(hp.host(), hp.port());
                if (node == null) {
                    throw new IllegalArgumentException("no simulated node at " + address);
                }
                return node.id();
            }), "connect to " + address);
            return new SimLink(loop, id, recorder);
        };
    }

    @Override
    public String address() {
        return address;
    }

    public NodeId node() {
        return node;
    }

    /** The engine's client id of this connection (what CommandExecuted / Redirected events carry). */
    public long clientId() {
        return session.id();
    }

    @Override
    public Reply send(byte[]... argv) {
        return pipeline(List.<byte[][]>of(argv)).get(0);
    }

    /** Runs the commands in order within engine turns, one after another, as a pipelined client would. */
    @Override
    public List<Reply> pipeline(List<byte[][]> commands) {
        CompletableFuture<List<Reply>> replies = new CompletableFuture<>();
        List<Reply> collected = new ArrayList<>(commands.size());
        loop.execute(() -> runFrom(commands, 0, collected, replies));
        return await(replies, "send to " + address);
    }

    private void runFrom(List<byte[][]> commands, int index, List<Reply> collected,
                         CompletableFuture<List<Reply>> done) {
        try {
            SimCluster cluster = loop.cluster();
            ClusterNode target = cluster.node(node);
            for (int i = index; i < commands.size(); i++) {
                if (!target.isRunning()) {
                    done.completeExceptionally(new IllegalStateException("the node is not running"));
                    return;
                }
                recorder.executing(cluster, session, commands.get(i));
                Reply answer = cluster.execute(target, session, commands.get(i));
                if (answer instanceof Reply.Blocked blocked) {
                    int next = i + 1;
                    cluster.whenReady(blocked, reply -> {
                        collected.add(reply);
                        runFrom(commands, next, collected, done);
                    });
                    return;
                }
                collected.add(answer);
            }
            done.complete(collected);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LinkException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LinkException("cannot " + what + ": no answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("cannot " + what + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        loop.execute(() -> {
            SimCluster cluster = loop.cluster();
            ClusterNode target = cluster.node(node);
            if (target != null) {
                recorder.closing(cluster, session);
                cluster.disconnect(target, session);
            }
        });
    }
}
