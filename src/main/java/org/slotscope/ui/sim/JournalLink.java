package org.slotscope.ui.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.node.NodeId;
import org.slotscope.link.Connector;
import org.slotscope.link.SimLink;

/**
 * Links into the simulated cluster that write every connection and command into the run's
 * {@link InputJournal} at the virtual instant the engine executes it, so a rewind can replay it:
 * {@link SimLink}s with a recorder. Never use them from the FX thread: they wait for the engine.
 */
final class JournalLink implements SimLink.Recorder {
    private final InputJournal journal;
    /** The journal's number for each engine session, so replayed commands go to the same connection. */
    private final Map<ClientSession, Integer> sessions = new ConcurrentHashMap<>();

    private JournalLink(InputJournal journal) {
        this.journal = journal;
    }

    /** Opens journaled links to the node at host:port of the cluster on {@code loop}. */
    static Connector connector(EngineLoop loop, InputJournal journal) {
        return SimLink.connector(loop, new JournalLink(journal));
    }

    @Override
    public void connected(SimCluster cluster, NodeId node, ClientSession session) {
        int number = journal.newSession();
        sessions.put(session, number);
        journal.append(new Input.Connect(cluster.now(), number, node.value()));
    }

    @Override
    public void executing(SimCluster cluster, ClientSession session, byte[][] argv) {
        journal.append(new Input.Command(cluster.now(), sessions.get(session), argv));
    }

    @Override
    public void closing(SimCluster cluster, ClientSession session) {
        Integer number = sessions.remove(session);
        if (number != null) {
            journal.append(new Input.Disconnect(cluster.now(), number));
        }
    }
}
