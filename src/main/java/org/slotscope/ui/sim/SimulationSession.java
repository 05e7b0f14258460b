package org.slotscope.ui.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * The simulated cluster behind the window. The {@link SimCluster} lives on its {@link EngineLoop}
 * thread only; other threads ask for snapshots and read the latest one from an atomic reference,
 * so the FX thread never waits for the engine and never touches engine objects.
 */
public final class SimulationSession implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int BASE_PORT = 7000;
    public static final int MASTERS = 3;
    public static final int REPLICAS_PER_MASTER = 1;
    /**
     * A few keys so the key counts mean something; they spread over all masters by hash slot and
     * are stored with SET through the command dispatcher, so replicas receive them too.
     */
    public static final int DEMO_KEYS = 1000;

    private final EngineLoop loop;
    private final AtomicReference<ClusterSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean snapshotInFlight = new AtomicBoolean();

    private SimulationSession(EngineLoop loop) {
        this.loop = loop;
    }

    /**
     * Creates the cluster on its own engine thread (3 masters, 1 replica each, as
     * `redis-cli --cluster create --cluster-replicas 1` leaves it), stores demo keys, publishes the
     * first snapshot and lets virtual time run with wall time.
     */
    public static SimulationSession startReadyCluster(long seed) {
        SimulationSession session = new SimulationSession(new EngineLoop(new SimCluster(seed), "slotscope-engine"));
        session.loop.execute(() -> {
            SimCluster cluster = session.loop.cluster();
            List<ClusterNode> nodes = cluster.createReadyCluster(HOST, BASE_PORT, MASTERS, REPLICAS_PER_MASTER);
            storeDemoKeys(cluster, nodes);
            session.latest.set(SnapshotBuilder.build(cluster));
        });
        session.loop.play();
        return session;
    }

    private static void storeDemoKeys(SimCluster cluster, List<ClusterNode> nodes) {
        ClientSession[] sessions = new ClientSession[nodes.size()];
        for (int i = 0; i < DEMO_KEYS; i++) {
            String key = "user:" + i;
            int slot = HashSlot.of(key);
            for (int n = 0; n < nodes.size(); n++) {
                ClusterNode node = nodes.get(n);
                if (node.isMaster() && node.state().myself().slots().get(slot)) {
                    if (sessions[n] == null) {
                        sessions[n] = cluster.connect(node, "127.0.0.1:50000");
                    }
                    Reply reply = cluster.execute(node, sessions[n], "SET", key, "v" + i);
                    if (reply instanceof Reply.Error) {
                        // The engine refuses SET (e.g. a build without the string commands): no demo
                        // keys then, rather than a thousand identical errors in the event log.
                        return;
                    }
                    break;
                }
            }
        }
    }

    /** The newest snapshot published so far, or null before the cluster exists. */
    public ClusterSnapshot latest() {
        return latest.get();
    }

    /**
     * Asks the engine thread for a fresh snapshot unless one is already being built, so a slow
     * engine never collects a queue of requests. Returns at once.
     */
    public void requestSnapshot() {
        if (!snapshotInFlight.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<ClusterSnapshot> future = loop.call(SnapshotBuilder::build);
        future.whenComplete((snapshot, error) -> {
            if (snapshot != null) {
                latest.set(snapshot);
            }
            snapshotInFlight.set(false);
        });
    }

    @Override
    public void close() {
        loop.close();
    }
}
