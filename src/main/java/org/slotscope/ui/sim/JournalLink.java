package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * A link into the simulated cluster that writes every connection and command into the run's
 * {@link InputJournal} at the virtual instant the engine executes it, so a rewind can replay it.
 * Otherwise it behaves as {@link org.slotscope.link.SimLink}: the command runs on the engine thread
 * with its own client session; a blocked reply answers when the virtual clock says so. Never call
 * it from the FX thread: it waits for the engine.
 */
public final class JournalLink implements NodeLink {
    private static final long TIMEOUT_SECONDS = 30;

    private final EngineLoop loop;
    private final InputJournal journal;
    private final NodeId node;
    private final int sessionNumber;
    private final String address;
    private final ClientSession session;
    private final long clientId;

    private JournalLink(EngineLoop loop, InputJournal journal, NodeId node) {
        this.loop = loop;
        this.journal = journal;
        this.node = node;
        Object[] created = await(loop.call(cluster -> {
            ClusterNode target = cluster.node(node);
            int number = journal.newSession();
            journal.append(new Input.Connect(cluster.now(), number, node.value()));
            ClientSession opened = cluster.connect(target, "slotscope-window");
            return new Object[] {number, target.address(), opened};
        }), "connect to " + node);
        this.sessionNumber = (Integer) created[0];
        this.address = (String) created[1];
        this.session = (ClientSession) created[2];
        this.clientId = session.id();
    }

    /** Opens journaled links to the node at host:port of the cluster on {@code loop}. */
    static Connector connector(EngineLoop loop, InputJournal journal) {
        return address -> {
            Connector.HostPort hp = Connector.parse(address);
            NodeId id = await(loop.call(cluster -> {
                ClusterNode node = cluster.nodeAt(hp.host(), hp.port());
                if (node == null) {
                    throw new IllegalArgumentException("no simulated node at " + address);
                }
                return node.id();
            }), "connect to " + address);
            return new JournalLink(loop, journal, id);
        };
    }

    @Override
    public String address() {
        return address;
    }

    /** The engine's client id of this connection (what CommandExecuted / Redirected events carry). */
    public long clientId() {
        return clientId;
    }

    public NodeId node() {
        return node;
    }

    @Override
    public Reply send(byte[]... argv) {
        return pipeline(List.<byte[][]>of(argv)).get(0);
    }

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
                byte[][] argv = commands.get(i);
                journal.append(new Input.Command(cluster.now(), sessionNumber, Arrays.asList(argv)));
                Reply answer = cluster.execute(target, session, argv);
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
            journal.append(new Input.Disconnect(cluster.now(), sessionNumber));
            cluster.disconnect(target, session);
        });
    }
}
