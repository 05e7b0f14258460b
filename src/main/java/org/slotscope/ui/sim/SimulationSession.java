package org.slotscope.ui.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slotscope.client.ClientEvent;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.Connector;
import org.slotscope.ui.task.WorkerPriority;

/**
 * The simulated cluster behind the window. The {@link SimCluster} lives on its {@link EngineLoop}
 * thread only; other threads submit inputs (through {@link #connector()}'s journaled links), ask for
 * snapshots and read the latest one from an atomic reference, and drain the engine's events from a
 * queue, so the FX thread never waits for the engine and never touches engine objects.
 *
 * <p>Every input is journaled with its virtual time, so {@link #rewindTo} can rebuild any earlier
 * moment by replaying the seed and the inputs; acting after a rewind forks the future.
 */
public final class SimulationSession implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final int BASE_PORT = 7000;
    public static final int MASTERS = ClusterShape.DEMO.masters();
    public static final int REPLICAS_PER_MASTER = ClusterShape.DEMO.replicasPerMaster();
    /** Events kept for the window between two frames; beyond this the oldest are dropped. */
    static final int EVENT_QUEUE_LIMIT = 20_000;
    /** Step stops after this much virtual time when nothing worth showing happened. */
    static final long STEP_LIMIT_MILLIS = 10_000;
    /** Two markers of one kind closer than this are one marker (a reshard opens thousands of slots). */
    static final long MARKER_MERGE_MILLIS = 2_000;

    /** The workload's hops kept for the window between two frames; beyond this the oldest are dropped. */
    static final int CLIENT_EVENT_QUEUE_LIMIT = 20_000;
    /** How long a dropped timeline's workload clients get to end before its engine is closed. */
    static final long CLOSE_WAIT_MILLIS = 5_000;

    /** One timeline of the simulation: a fresh one after each rewind. */
    private record Run(EngineLoop loop, InputJournal journal, int generation, SessionWorkload workload) {
        Run(EngineLoop loop, InputJournal journal, int generation) {
            this(loop, journal, generation, new SessionWorkload(loop));
        }
    }

    private final ClusterShape shape;
    private final AtomicReference<Run> run = new AtomicReference<>();
    private final AtomicReference<ClusterSnapshot> latest = new AtomicReference<>();
    private final AtomicBoolean snapshotInFlight = new AtomicBoolean();
    private final ConcurrentLinkedQueue<ClusterEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<TimelineMarker> markers = new CopyOnWriteArrayList<>();
    private final Set<Long> animatedClients = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<ClientEvent> clientEvents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger clientQueued = new AtomicInteger();
    private volatile Set<BusKind> busShown = Set.of();
    private volatile boolean playing;
    private volatile double speed = 1.0;
    private volatile boolean notableEvent;

    private SimulationSession(ClusterShape shape) {
        this.shape = shape;
    }

    /** The demo cluster (3 masters, 1 replica each, 1000 keys), playing at 1x. */
    public static SimulationSession startReadyCluster(long seed) {
        return start(ClusterShape.demo(seed), true);
    }

    /**
     * Creates the cluster on its own engine thread, as `redis-cli --cluster create` leaves it, stores
     * the demo keys, publishes the first snapshot and, if asked, lets virtual time run with wall time.
     */
    public static SimulationSession start(ClusterShape shape, boolean play) {
        SimulationSession session = new SimulationSession(shape);
        Run first = new Run(newLoop(shape), new InputJournal(), 0);
        session.run.set(first);
        first.loop().execute(() -> {
            SimCluster cluster = first.loop().cluster();
            setUp(cluster, shape);
            session.listen(cluster, first.workload());
            session.latest.set(SnapshotBuilder.build(cluster));
        });
        if (play) {
            session.play();
        }
        return session;
    }

    private static EngineLoop newLoop(ClusterShape shape) {
        // No trace hash and a small event memory: a 1M-key reshard emits hundreds of thousands of events.
        SimCluster cluster = new SimCluster(shape.seed(), new NodeConfig().nodeTimeout(shape.nodeTimeout()),
                new EventLog(10_000, false));
        // below the FX thread's priority, and with it every thread it starts (the workload's clients)
        return new EngineLoop(cluster, Executors.newSingleThreadScheduledExecutor(
                r -> WorkerPriority.newThread(r, "slotscope-engine")));
    }

    /** The state before any input: a pure function of the shape (and so of its seed). */
    static void setUp(SimCluster cluster, ClusterShape shape) {
        List<ClusterNode> nodes = cluster.createReadyCluster(HOST, BASE_PORT, shape.masters(),
                shape.replicasPerMaster());
        storeDemoKeys(cluster, nodes, shape.demoKeys());
    }

    /**
     * A few keys so key counts mean something; they spread over all masters by hash slot and are
     * stored with SET through the command dispatcher. The replicas load them with a full resync, at
     * once: they hold every key when the clock starts, as after `redis-cli --cluster create` and a
     * load that had finished.
     */
    private static void storeDemoKeys(SimCluster cluster, List<ClusterNode> nodes, int count) {
        List<ClusterNode> replicas = nodes.stream().filter(node -> !node.isMaster()).toList();
        replicas.forEach(cluster.replication()::holdStream);
        try {
            setDemoKeys(cluster, nodes, count);
        } finally {
            replicas.forEach(cluster.replication()::resyncNow);
        }
    }

    private static void setDemoKeys(SimCluster cluster, List<ClusterNode> nodes, int count) {
        ClientSession[] sessions = new ClientSession[nodes.size()];
        ClusterNode[] ownerOfSlot = new ClusterNode[HashSlot.SLOTS];
        int[] indexOfSlot = new int[HashSlot.SLOTS];
        for (int n = 0; n < nodes.size(); n++) {
            ClusterNode node = nodes.get(n);
            if (node.isMaster()) {
                var slots = node.state().myself().slots();
                for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                    ownerOfSlot[slot] = node;
                    indexOfSlot[slot] = n;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            String key = "user:" + i;
            int slot = HashSlot.of(key);
            int n = indexOfSlot[slot];
            if (sessions[n] == null) {
                sessions[n] = cluster.connect(ownerOfSlot[slot], "127.0.0.1:50000");
            }
            Reply reply = cluster.execute(ownerOfSlot[slot], sessions[n], "SET", key, "v" + i);
            if (reply instanceof Reply.Error) {
                return; // the engine refuses SET: no demo keys rather than a thousand errors
            }
        }
    }

    private void listen(SimCluster cluster, SessionWorkload workload) {
        cluster.events().addListener(event -> onEngineEvent(event, workload));
        workload.connect(this::onClientEvent);
    }

    /** On the engine thread (or a workload client's, while it holds the baton): keep what the window draws, note markers, never block. */
    private void onEngineEvent(ClusterEvent event, SessionWorkload workload) {
        if (workload.isActorThread()) {
            // The workload's own requests: drawn from its clients' hops (with their bounces and
            // re-routes), counted in its metrics; as engine events they would be drawn twice, and a
            // Step would stop at every MOVED of a busy workload.
            if (event instanceof ClusterEvent.Redirected || event instanceof ClusterEvent.CommandExecuted) {
                return;
            }
        }
        if (!(event instanceof ClusterEvent.BusMessageSent) && !(event instanceof ClusterEvent.CommandExecuted)) {
            notableEvent = true;
        }
        TimelineMarker marker = TimelineMarkers.of(event);
        if (marker != null) {
            addMarker(marker);
        }
        if (event instanceof ClusterEvent.BusMessageSent bus && !busShown.contains(BusKind.of(bus.type()))) {
            return;
        }
        if (event instanceof ClusterEvent.CommandExecuted executed && !animatedClients.contains(executed.clientId())) {
            return;
        }
        events.add(event);
        if (queued.incrementAndGet() > EVENT_QUEUE_LIMIT && events.poll() != null) {
            queued.decrementAndGet();
        }
    }

    /** On a workload client's thread: keep the hops worth drawing (a plain reply is the request landing). */
    private void onClientEvent(ClientEvent event) {
        if (event instanceof ClientEvent.SlotsRefreshed
                || event instanceof ClientEvent.Replied replied && !replied.error()) {
            return;
        }
        clientEvents.add(event);
        if (clientQueued.incrementAndGet() > CLIENT_EVENT_QUEUE_LIMIT && clientEvents.poll() != null) {
            clientQueued.decrementAndGet();
        }
    }

    private void addMarker(TimelineMarker marker) {
        for (int i = markers.size() - 1; i >= 0; i--) {
            TimelineMarker other = markers.get(i);
            if (marker.time() - other.time() > MARKER_MERGE_MILLIS) {
                break;
            }
            if (other.kind() == marker.kind()) {
                return;
            }
        }
        markers.add(marker);
    }

    public ClusterShape shape() {
        return shape;
    }

    /** The newest snapshot published so far, or null before the cluster exists. */
    public ClusterSnapshot latest() {
        return latest.get();
    }

    /** Grows by one at each rewind: links opened before it belong to a timeline that is gone. */
    public int generation() {
        return run.get().generation();
    }

    /**
     * Asks the engine thread for a fresh snapshot unless one is already being built, so a slow
     * engine never collects a queue of requests. Returns at once.
     */
    public void requestSnapshot() {
        if (!snapshotInFlight.compareAndSet(false, true)) {
            return;
        }
        Run current = run.get();
        CompletableFuture<ClusterSnapshot> future;
        try {
            future = current.loop().call(SnapshotBuilder::build);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            snapshotInFlight.set(false); // that engine was just replaced by a rewind; ask the new one next frame
            return;
        }
        future.whenComplete((snapshot, error) -> {
            if (snapshot != null && run.get() == current) {
                latest.set(snapshot);
            }
            snapshotInFlight.set(false);
        });
    }

    /**
     * Opens links into the current timeline that journal what they send. They wait for the engine:
     * use them from a background thread, never from the FX thread.
     */
    public Connector connector() {
        Run current = run.get();
        return JournalLink.connector(current.loop(), current.journal());
    }

    /** The inputs of the current timeline so far. */
    public List<Input> inputs() {
        return run.get().journal().inputs();
    }

    /** Lets CommandExecuted events of this client reach the window (the console's requests fly). */
    public void animateClient(long clientId) {
        animatedClients.add(clientId);
    }

    /** Gossip, FAIL broadcasts and failover messages on the wire: each group shown only on request. */
    public synchronized void setBusShown(BusKind kind, boolean shown) {
        Set<BusKind> next = EnumSet.noneOf(BusKind.class);
        next.addAll(busShown);
        if (shown) {
            next.add(kind);
        } else {
            next.remove(kind);
        }
        busShown = Set.copyOf(next);
    }

    public boolean busShown(BusKind kind) {
        return busShown.contains(kind);
    }

    /**
     * Starts the client workload at the current virtual instant (or changes its rate and mix: a
     * running workload is replaced), journaled so a rewind replays it. Returns at once.
     */
    public void startWorkload(WorkloadSettings settings) {
        Run current = run.get();
        submit(current, () -> {
            SimCluster cluster = current.loop().cluster();
            long seed = current.workload().nextSeed(shape.seed());
            current.journal().append(new Input.WorkloadStarted(cluster.now(), settings, seed));
            current.workload().start(settings, seed);
        });
    }

    /** Stops the client workload (each client after its current operation), journaled. Returns at once. */
    public void stopWorkload() {
        Run current = run.get();
        submit(current, () -> {
            current.journal().append(new Input.WorkloadStopped(current.loop().cluster().now()));
            current.workload().stop();
        });
    }

    private static void submit(Run target, Runnable task) {
        try {
            target.loop().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // that timeline was just replaced by a rewind: the action belonged to the dropped future
        }
    }

    /** The workload's settings and counts now (counts of the current timeline). Any thread. */
    public WorkloadStats workloadStats() {
        ClusterSnapshot snapshot = latest.get();
        return run.get().workload().stats(snapshot == null ? 0 : snapshot.virtualTimeMillis());
    }

    /** The workload clients' hops since the last call (at most {@code max}), oldest first. */
    public List<ClientEvent> drainClientEvents(int max) {
        List<ClientEvent> out = new ArrayList<>(Math.min(max, 256));
        ClientEvent event;
        while (out.size() < max && (event = clientEvents.poll()) != null) {
            clientQueued.decrementAndGet();
            out.add(event);
        }
        return out;
    }

    /** The engine's events since the last call (at most {@code max}), oldest first. */
    public List<ClusterEvent> drainEvents(int max) {
        List<ClusterEvent> out = new ArrayList<>(Math.min(max, 256));
        ClusterEvent event;
        while (out.size() < max && (event = events.poll()) != null) {
            queued.decrementAndGet();
            out.add(event);
        }
        return out;
    }

    /** Migrations, crashes, failures and elections of the current timeline, oldest first. */
    public List<TimelineMarker> markers() {
        return List.copyOf(markers);
    }

    public void play() {
        playing = true;
        run.get().loop().play();
    }

    public void pause() {
        playing = false;
        run.get().loop().pause();
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Virtual milliseconds per wall millisecond (0.01 to 100 in the window). */
    public void setSpeed(double speed) {
        run.get().loop().setSpeed(speed);
        this.speed = speed;
    }

    public double speed() {
        return speed;
    }

    /**
     * Pauses and runs the clock until something worth showing happens (anything but bus messages),
     * at most {@link #STEP_LIMIT_MILLIS}. Completes with the new virtual time.
     */
    public CompletableFuture<Long> step() {
        pause();
        return run.get().loop().call(cluster -> {
            long deadline = cluster.now() + STEP_LIMIT_MILLIS;
            notableEvent = false;
            while (!notableEvent && cluster.scheduler().nextTime() <= deadline && cluster.scheduler().step()) {
                // one engine task at a time until it says something
            }
            // Finish the instant, so inputs that follow come after every task of this time, as in a replay.
            cluster.runUntil(notableEvent ? cluster.now() : deadline);
            latest.set(SnapshotBuilder.build(cluster));
            return cluster.now();
        });
    }

    /**
     * Rebuilds the cluster as it was at virtual time {@code millis}: a new engine from the seed, the
     * journaled inputs up to then replayed at their times, paused there. Inputs after it are dropped
     * (the next action forks a new future). Completes with the time reached.
     */
    public CompletableFuture<Long> rewindTo(long millis) {
        Run old = run.get();
        List<Input> kept = old.journal().upTo(millis);
        EngineLoop fresh = newLoop(shape);
        InputJournal journal = new InputJournal();
        journal.resetTo(kept);
        Run next = new Run(fresh, journal, old.generation() + 1);
        playing = false;
        run.set(next);
        closeRun(old);
        snapshotInFlight.set(false); // a request to the closed engine never completes
        events.clear();
        queued.set(0);
        clientEvents.clear();
        clientQueued.set(0);
        markers.removeIf(marker -> marker.time() > millis);
        fresh.setSpeed(speed);
        return fresh.call(cluster -> {
            setUp(cluster, shape);
            Replay.apply(cluster, kept, Math.max(millis, cluster.now()), next.workload());
            listen(cluster, next.workload());
            latest.set(SnapshotBuilder.build(cluster));
            return cluster.now();
        });
    }

    /**
     * Ends a timeline: its workload's clients first (on its engine thread, which drives them), then
     * its engine; a client left waiting for the baton would be a thread parked for ever.
     */
    private static void closeRun(Run old) {
        old.loop().pause();
        try {
            old.loop().call(cluster -> {
                old.workload().close();
                return null;
            }).get(CLOSE_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            // closing anyway: at worst a few parked daemon threads remain
        }
        old.loop().close();
    }

    @Override
    public void close() {
        closeRun(run.get());
    }
}
