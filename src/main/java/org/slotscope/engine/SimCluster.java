package org.slotscope.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.bus.ClusterBus;
import org.slotscope.engine.bus.ClusterCron;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandDispatcher;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.net.SimNetwork;
import org.slotscope.engine.replication.Replication;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.node.NodeId;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.engine.time.Scheduler;
import org.slotscope.engine.time.SeededRandom;

/**
 * The simulated cluster: every node, the network between them, the virtual clock and the event
 * log. Single-threaded: whoever owns it (a test, the serve loop, the UI's engine thread) calls it
 * from one thread only. Same seed and same inputs give the same events.
 */
public final class SimCluster {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** How often each node's cron runs, like Redis's serverCron at hz 10. */
    public static final long CRON_PERIOD_MILLIS = 100;

    /**
     * The UNIX time at virtual zero unless told otherwise: fixed, so a run stays a pure function of
     * its seed and inputs. `serve` sets the wall-clock time at start instead, so EXPIREAT with
     * today's timestamps behaves as on a real server.
     */
    public static final long DEFAULT_UNIX_MILLIS_AT_ZERO = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final Scheduler scheduler = new Scheduler();
    private long unixMillisAtZero = DEFAULT_UNIX_MILLIS_AT_ZERO;
    private final SeededRandom random;
    private final EventLog events;
    private final SimNetwork network;
    private final CommandDispatcher dispatcher;
    private final NodeConfig defaults;
    private final Map<NodeId, ClusterNode> nodes = new LinkedHashMap<>();
    /** host:port of a node, as a key (no string to build and hash for every bus message). */
    private record Address(String host, int port) {
    }

    private final Map<Address, ClusterNode> byAddress = new HashMap<>();
    private final Replication replication = new Replication(this);
    private final ClusterBus bus;
    private final ClusterCron clusterCron;

    public SimCluster(long seed) {
        this(seed, new NodeConfig(), new EventLog());
    }

    public SimCluster(long seed, NodeConfig defaults, EventLog events) {
        this(seed, defaults, events, CommandTable.standard());
    }

    public SimCluster(long seed, NodeConfig defaults, EventLog events, CommandTable commands) {
        this.random = new SeededRandom(seed);
        this.network = new SimNetwork(random);
        this.defaults = defaults;
        this.events = events;
        this.dispatcher = new CommandDispatcher(this, commands);
        this.bus = new ClusterBus(this);
        this.clusterCron = new ClusterCron(this, bus);
    }

    // ---- the environment ------------------------------------------------------------------------

    public Scheduler scheduler() {
        return scheduler;
    }

    public long now() {
        return scheduler.now();
    }

    /** Sets the UNIX time of virtual zero; an input of the run like the seed. */
    public void setUnixMillisAtZero(long unixMillis) {
        this.unixMillisAtZero = unixMillis;
    }

    /** Redis's mstime(): the simulated UNIX time in milliseconds. */
    public long unixTimeMillis() {
        return unixMillisAtZero + now();
    }

    /** A simulated UNIX time in ms as a virtual-clock time (what Keyspace stores). */
    public long toVirtualMillis(long unixMillis) {
        return unixMillis - unixMillisAtZero;
    }

    /** A virtual-clock time as simulated UNIX ms. */
    public long toUnixMillis(long virtualMillis) {
        return virtualMillis + unixMillisAtZero;
    }

    public SeededRandom random() {
        return random;
    }

    public EventLog events() {
        return events;
    }

    public SimNetwork network() {
        return network;
    }

    /** The cluster bus, for commands that act through it (CLUSTER FAILOVER). */
    public ClusterBus bus() {
        return bus;
    }

    public CommandTable commands() {
        return dispatcher.table();
    }

    public void runFor(long millis) {
        scheduler.runFor(millis);
    }

    public void runUntil(long millis) {
        scheduler.runUntil(millis);
    }

    // ---- nodes ----------------------------------------------------------------------------------

    /** Starts an empty cluster-enabled node that knows nobody and owns no slot (a fresh redis-server). */
    public ClusterNode startNode(String host, int port) {
        Address address = new Address(host, port);
        if (byAddress.containsKey(address) && byAddress.get(address).isRunning()) {
            throw new IllegalArgumentException("a node already listens on " + host + ":" + port);
        }
        NodeId id = new NodeId(random.hex40());
        KnownNode myself = new KnownNode(id, host, port, port + 10000);
        ClusterState state = new ClusterState(myself, events, scheduler::now, this::toUnixMillis);
        ClusterNode node = new ClusterNode(id, host, port, new Keyspace(scheduler::now), state, defaults.copy(),
                now(), random.nextLong());
        node.newReplicationHistory(random.nextLong());
        nodes.put(id, node);
        byAddress.put(address, node);
        events.emit(new ClusterEvent.NodeStarted(now(), id, host, port));
        state.updateState(node.config());
        scheduleCron(node);
        return node;
    }

    private void scheduleCron(ClusterNode node) {
        int incarnation = node.incarnation();
        scheduler.schedule(CRON_PERIOD_MILLIS, () -> {
            if (!node.isRunning() || node.incarnation() != incarnation) {
                return;
            }
            if (node.isFrozen(now())) {
                scheduleCron(node); // a frozen process runs no timers until it wakes up
                return;
            }
            node.keyspace().activeExpireCycle(1000);
            clusterCron.run(node);
            scheduleCron(node);
        });
    }

    /** The node stops answering and its port closes (SHUTDOWN, a crash). Its data is kept in memory. */
    public void stopNode(ClusterNode node, String reason) {
        if (node.isRunning()) {
            node.setRunning(false);
            events.emit(new ClusterEvent.NodeStopped(now(), node.id(), reason));
        }
    }

    /**
     * Starts a stopped node again, like a redis-server restarted with its nodes.conf but without
     * persistence (save "", appendonly no): it keeps its id and its view of the cluster, loses every
     * key, starts in cluster_state:fail and reconnects to everyone through the bus.
     */
    public void restartNode(ClusterNode node) {
        if (node.isRunning()) {
            return;
        }
        node.setRunning(true);
        node.newIncarnation();
        long removed = node.keyspace().flushAll();
        // no persistence: the data and its replication history start again from nothing
        node.state().myself().setReplOffset(0);
        node.backlog().clear();
        node.newReplicationHistory(random.nextLong());
        events.emit(new ClusterEvent.NodeStarted(now(), node.id(), node.host(), node.port()));
        if (removed > 0) {
            events.emit(new ClusterEvent.KeyspaceFlushed(now(), node.id(), removed));
        }
        node.state().restart();
        node.migrateLinks().clear();
        replication.stopReplication(node);
        if (node.state().myself().isReplica()) {
            replication.resyncAfterRestart(node);
        }
        scheduleCron(node);
    }

    public Collection<ClusterNode> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    public ClusterNode node(NodeId id) {
        return nodes.get(id);
    }

    public ClusterNode nodeAt(String host, int port) {
        return byAddress.get(new Address(host, port));
    }

    // ---- clients --------------------------------------------------------------------------------

    public ClientSession connect(ClusterNode node, String peerAddress) {
        node.stats().connectionsReceived++;
        node.stats().connectedClients++;
        ClientSession session = new ClientSession(node.nextClientId(), peerAddress, now(), false);
        // clientSetDefaultAuth: while the default user has no password, a new client is authenticated.
        session.setAuthenticated(node.config().requirePass().isEmpty());
        node.addClient(session);
        return session;
    }

    public void disconnect(ClusterNode node, ClientSession session) {
        node.stats().connectedClients = Math.max(0, node.stats().connectedClients - 1);
        node.removeClient(session);
    }

    /** Executes one command on one node, now, and returns its reply (null for an empty inline line). */
    public Reply execute(ClusterNode node, ClientSession session, byte[]... argv) {
        return dispatcher.process(node, session, argv);
    }

    private record Waiter(Reply.Blocked blocked, java.util.function.Consumer<Reply> then) {
    }

    private final List<Waiter> waiters = new ArrayList<>();
    private boolean waitersPolled;

    /**
     * Calls {@code then} with the real reply of a blocked command once it is ready (checked every
     * virtual millisecond while someone waits). At once if it is ready now.
     */
    public void whenReady(Reply.Blocked blocked, java.util.function.Consumer<Reply> then) {
        Reply ready = blocked.poll().get();
        if (ready != null) {
            then.accept(ready);
            return;
        }
        waiters.add(new Waiter(blocked, then));
        if (!waitersPolled) {
            waitersPolled = true;
            scheduler.schedule(1, this::pollWaiters);
        }
    }

    private void pollWaiters() {
        waitersPolled = false;
        for (Waiter waiter : new ArrayList<>(waiters)) {
            Reply ready = waiter.blocked().poll().get();
            if (ready != null) {
                waiters.remove(waiter);
                waiter.then().accept(ready);
            }
        }
        if (!waiters.isEmpty()) {
            waitersPolled = true;
            scheduler.schedule(1, this::pollWaiters);
        }
    }

    /** For in-process callers: runs the virtual clock until a blocked reply is ready. */
    public Reply resolve(Reply reply) {
        Reply current = reply;
        while (current instanceof Reply.Blocked blocked) {
            Reply ready = blocked.poll().get();
            if (ready != null) {
                current = ready;
            } else {
                runFor(1);
            }
        }
        return current;
    }

    /** DEBUG SLEEP: the node does nothing for {@code millis}: no cron, no bus, no clients. */
    public void freeze(ClusterNode node, long millis) {
        node.setFrozenUntil(Math.max(node.frozenUntil(), now() + millis));
    }

    /** Convenience for tests and the console: a command given as text words. */
    public Reply execute(ClusterNode node, ClientSession session, String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return dispatcher.process(node, session, argv);
    }

    /** Command propagation to replicas (asynchronous, over the simulated network). */
    public void replicate(ClusterNode master, byte[][] argv) {
        replication.propagate(master, argv);
    }

    /** {@code node} becomes a replica of {@code masterId} (clusterSetMaster + replicationSetMaster). */
    public void becomeReplicaOf(ClusterNode node, NodeId masterId) {
        replication.becomeReplicaOf(node, masterId);
    }

    /** The replica stops applying its master's stream (replicationUnsetMaster). */
    public void stopReplication(ClusterNode node) {
        replication.stopReplication(node);
    }

    public Replication replication() {
        return replication;
    }

    // ---- a ready cluster --------------------------------------------------------------------------

    /** The nodes of a cluster of that shape, on consecutive ports: masters first, then replicas. */
    private List<ClusterNode> startNodes(String host, int basePort, int masters, int replicasPerMaster) {
        if (masters < 1) {
            throw new IllegalArgumentException("a cluster needs at least one master");
        }
        List<ClusterNode> created = new ArrayList<>();
        int total = masters * (1 + replicasPerMaster);
        for (int i = 0; i < total; i++) {
            created.add(startNode(host, basePort + i));
        }
        return created;
    }

    /**
     * Starts {@code masters} masters with {@code replicasPerMaster} replicas each on consecutive ports
     * and configures every node's view as `redis-cli --cluster create` leaves it once gossip has
     * settled: slots split as redis-cli splits them, configEpoch 1..N in node order.
     */
    public List<ClusterNode> createReadyCluster(String host, int basePort, int masters, int replicasPerMaster) {
        List<ClusterNode> created = startNodes(host, basePort, masters, replicasPerMaster);
        meetAll(created);
        long epoch = 0;
        for (ClusterNode node : created) {
            epoch++;
            for (ClusterNode viewer : created) {
                viewer.state().lookup(node.id()).setConfigEpoch(epoch);
            }
            node.state().setMyConfigEpoch(epoch);
        }
        int[][] ranges = splitSlots(masters);
        for (int m = 0; m < masters; m++) {
            for (ClusterNode viewer : created) {
                viewer.state().assignSlots(ranges[m][0], ranges[m][1], viewer.state().lookup(created.get(m).id()));
            }
        }
        for (int m = 0; m < masters; m++) {
            for (int r = 0; r < replicasPerMaster; r++) {
                ClusterNode replica = created.get(masters + m * replicasPerMaster + r);
                for (ClusterNode viewer : created) {
                    viewer.state().setRole(viewer.state().lookup(replica.id()),
                            viewer.state().lookup(created.get(m).id()));
                }
                replica.adoptReplicationId(created.get(m).replId()); // in sync, on the master's history
            }
        }
        for (ClusterNode node : created) {
            node.state().setCurrentEpoch(epoch);
            node.state().markSettled();
            node.state().updateState(node.config());
        }
        return created;
    }

    /**
     * CLUSTER MEET from {@code node} to host:port: a handshake placeholder that the node's cron
     * contacts with MEET until a PONG names it, or forgets after the handshake timeout, as Redis does
     * when nobody listens there.
     */
    public void meet(ClusterNode node, String host, int port, int busPort) {
        ClusterState state = node.state();
        // clusterStartHandshake: a second MEET to the same address while one is pending is a no-op.
        if (!state.handshakeInProgress(host, port, busPort)) {
            state.startHandshake(new NodeId(random.hex40()), host, port, busPort);
        }
    }

    /**
     * Builds a cluster the way `redis-cli --cluster create --cluster-replicas R` does it, through
     * the cluster bus: ADDSLOTSRANGE and SET-CONFIG-EPOCH on each node, CLUSTER MEET to the first,
     * gossip until everyone knows everyone, then CLUSTER REPLICATE and the replicas' full resync.
     * The virtual clock runs (in batch) until the cluster has settled; the result has the same shape
     * as {@link #createReadyCluster}. Throws if it does not settle within a virtual minute.
     */
    public List<ClusterNode> createClusterThroughBus(String host, int basePort, int masters, int replicasPerMaster) {
        List<ClusterNode> created = startNodes(host, basePort, masters, replicasPerMaster);
        int total = created.size();
        int[][] ranges = splitSlots(masters);
        for (int i = 0; i < total; i++) {
            ClusterNode node = created.get(i);
            ClientSession admin = connect(node, "redis-cli --cluster create");
            if (i < masters) {
                expectOk(execute(node, admin, "CLUSTER", "ADDSLOTSRANGE", String.valueOf(ranges[i][0]),
                        String.valueOf(ranges[i][1])));
            }
            expectOk(execute(node, admin, "CLUSTER", "SET-CONFIG-EPOCH", String.valueOf(i + 1)));
            if (i > 0) {
                expectOk(execute(node, admin, "CLUSTER", "MEET", host, String.valueOf(basePort)));
            }
        }
        runUntilSettled(created, false);
        for (int m = 0; m < masters; m++) {
            for (int r = 0; r < replicasPerMaster; r++) {
                ClusterNode replica = created.get(masters + m * replicasPerMaster + r);
                expectOk(execute(replica, connect(replica, "redis-cli --cluster create"), "CLUSTER", "REPLICATE",
                        created.get(m).id().value()));
            }
        }
        runUntilSettled(created, true);
        return created;
    }

    private static void expectOk(Reply reply) {
        if (!Reply.OK.equals(reply)) {
            throw new IllegalStateException("cluster creation step failed: " + reply);
        }
    }

    /** Runs the clock until every node knows every other, agrees on the slots and, if asked, on roles. */
    private void runUntilSettled(List<ClusterNode> group, boolean withReplicas) {
        long deadline = now() + 60_000;
        while (!settled(group, withReplicas)) {
            if (now() > deadline) {
                throw new IllegalStateException("the cluster did not settle within a virtual minute");
            }
            runFor(CRON_PERIOD_MILLIS);
        }
    }

    private static boolean settled(List<ClusterNode> group, boolean withReplicas) {
        ClusterNode first = group.get(0);
        for (ClusterNode viewer : group) {
            ClusterState view = viewer.state();
            if (view.nodes().size() != group.size() || !view.isOk() || viewer.syncingFrom() != null) {
                return false;
            }
            for (ClusterNode other : group) {
                KnownNode known = view.lookup(other.id());
                if (known == null || known.inHandshake()) {
                    return false;
                }
                KnownNode truth = other.state().myself();
                if (withReplicas && (known.isReplica() != truth.isReplica()
                        || (truth.master() != null && !truth.master().id().equals(known.master().id())))) {
                    return false;
                }
            }
            for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
                KnownNode mine = view.slotOwner(slot);
                KnownNode reference = first.state().slotOwner(slot);
                if (mine == null ? reference != null : reference == null || !mine.id().equals(reference.id())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every node learns every other (the end state of CLUSTER MEET and gossip). */
    public void meetAll(List<ClusterNode> group) {
        for (ClusterNode viewer : group) {
            for (ClusterNode other : group) {
                if (viewer != other && viewer.state().lookup(other.id()) == null) {
                    KnownNode known = new KnownNode(other.id(), other.host(), other.port(), other.busPort());
                    known.setMaster(null);
                    // a settled cluster's PONG times are spread over the ping period, not all equal
                    // (equal ones would make every node ping every other in the same instant)
                    long spread = Math.max(1, viewer.config().nodeTimeout() / 2);
                    known.setPongReceived(now() - random.nextInt((int) Math.min(spread, Integer.MAX_VALUE)));
                    viewer.state().addNode(known);
                }
            }
        }
    }

    /** redis-cli's clusterManagerNodeArray split (alloc_slots): N near-equal contiguous ranges. */
    public static int[][] splitSlots(int masters) {
        int[][] ranges = new int[masters][2];
        double slotsPerNode = HashSlot.SLOTS / (double) masters;
        long first = 0;
        double cursor = 0;
        for (int i = 0; i < masters; i++) {
            long last = Math.round(cursor + slotsPerNode - 1);
            if (last > HashSlot.SLOTS || i == masters - 1) {
                last = HashSlot.SLOTS - 1;
            }
            if (last < first) {
                last = first;
            }
            ranges[i][0] = (int) first;
            ranges[i][1] = (int) last;
            first = last + 1;
            cursor += slotsPerNode;
        }
        return ranges;
    }
}
