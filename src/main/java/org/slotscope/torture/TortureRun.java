package org.slotscope.torture;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.RebalancePlanner;
import org.slotscope.admin.ReshardPlanner;
import org.slotscope.admin.SlotMove;
import org.slotscope.admin.SlotMover;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.checker.FinalRead;
import org.slotscope.checker.HistoryChecker;
import org.slotscope.checker.SimLossWitness;
import org.slotscope.checker.Verdict;
import org.slotscope.client.ClusterClient;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimActors;
import org.slotscope.workload.KeyDistribution;
import org.slotscope.workload.Workload;
import org.slotscope.workload.WorkloadOptions;

/**
 * One seed of deterministic simulation testing: a random cluster shape and a random schedule of
 * admin operations and faults under a running workload, then heal, repair, and check. Everything
 * (the admin operations, the clients, the schedule) runs as {@link SimActors} on the virtual clock,
 * so the seed alone decides the run and its event trace.
 *
 * <p>Without a {@link ClusterRepair} (the admin fix is not in this branch yet) the schedule is
 * serial: each action ends, and the cluster settles, before the next begins, so no move is cut off
 * half-way by another fault, and {@link Fault#MIGRATE_TIMEOUT} is left out. With a repair, admin
 * moves run in the background while other faults strike, and MIGRATE timeouts are scheduled.
 */
public final class TortureRun {
    static final String HOST = "127.0.0.1";
    static final int BASE_PORT = 7000;

    /** What the schedule can do. */
    public enum Fault {
        RESHARD, REBALANCE, MANUAL_FAILOVER, CRASH_RESTART, PARTITION_HEAL, LATENCY_SPIKE, FREEZE, MIGRATE_TIMEOUT,
        ADD_NODE, DEL_NODE
    }

    /**
     * {@code workloadMillis} of virtual time under load, with up to {@code faults} actions drawn from
     * {@code kinds} ({@link Fault#MIGRATE_TIMEOUT} only when there is a repair, unless asked alone).
     */
    public record Options(long workloadMillis, int faults, ClusterRepair repair, java.util.Set<Fault> kinds) {
        public static final Options DEFAULTS = new Options(20_000, 6, ClusterRepair.NONE);

        public Options {
            kinds = java.util.Set.copyOf(kinds);
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("at least one kind of fault");
            }
        }

        public Options(long workloadMillis, int faults, ClusterRepair repair) {
            this(workloadMillis, faults, repair, java.util.EnumSet.allOf(Fault.class));
        }

        public Options only(java.util.Set<Fault> chosen) {
            return new Options(workloadMillis, faults, repair, chosen);
        }
    }

    /** The outcome of one seed; {@code actions} is the schedule as it ran, with virtual times. */
    public record Result(long seed, String shape, boolean passed, String traceHash, List<String> failures,
                         List<String> actions, int operations, int unknownOutcomes, int explainedLosses,
                         long virtualMillis, String traffic) {
    }

    private final long seed;
    private final Options options;
    private final Random random;
    private final List<String> actions = new ArrayList<>();
    private SimCluster cluster;
    private SimActors actors;
    private long nodeTimeout;
    /** Nodes del-node removed and shut down: heal leaves them down, the checks leave them out. */
    private final java.util.Set<ClusterNode> retired = new java.util.HashSet<>();
    private int nextPort;

    /** Tests only: something done to the healed cluster just before the checks, to prove they catch it. */
    private final java.util.function.Consumer<SimCluster> beforeChecks;

    private TortureRun(long seed, Options options, java.util.function.Consumer<SimCluster> beforeChecks) {
        this.seed = seed;
        this.options = options;
        this.random = new Random(seed);
        this.beforeChecks = beforeChecks;
    }

    public static Result run(long seed, Options options) {
        return new TortureRun(seed, options, c -> { }).run();
    }

    static Result run(long seed, Options options, java.util.function.Consumer<SimCluster> beforeChecks) {
        return new TortureRun(seed, options, beforeChecks).run();
    }

    private Result run() {
        int masters = 3 + random.nextInt(3);
        int replicas = random.nextInt(3);
        nodeTimeout = 1000 + 500L * random.nextInt(5);
        String shape = masters + " masters x " + replicas + " replicas, node timeout " + nodeTimeout + " ms";
        cluster = new SimCluster(seed, new NodeConfig().nodeTimeout(nodeTimeout), new EventLog(0, true));
        List<ClusterNode> nodes = cluster.createReadyCluster(HOST, BASE_PORT, masters, replicas);
        nextPort = BASE_PORT + nodes.size();
        List<String> addresses = nodes.stream().map(ClusterNode::address).toList();
        SimLossWitness witness = SimLossWitness.attach(cluster);
        List<String> failures = new ArrayList<>();
        int operations;
        int unknown;
        String traffic;
        int explained = 0;
        actors = new SimActors(cluster);
        try {
            WorkloadOptions load = new WorkloadOptions(2 + random.nextInt(3), 100 + random.nextInt(500),
                    0.2 + 0.6 * random.nextDouble(), 50 + random.nextInt(450),
                    KeyDistribution.values()[random.nextInt(KeyDistribution.values().length)], 2 + random.nextInt(3),
                    8 + random.nextInt(56), random.nextLong(),
                    (random.nextInt(4) == 0 ? ClusterClient.Options.DEFAULTS.dumb() : ClusterClient.Options.DEFAULTS)
                            .withMaxAttempts(10).withDeadline(5_000));
            actions.add("workload: " + load.clients() + " clients, " + (int) load.opsPerSecond() + " ops/s, "
                    + Math.round(load.readRatio() * 100) + "% reads, " + load.keys() + " keys "
                    + load.distribution() + (load.client().smart() ? "" : ", dumb clients"));
            Workload workload = new Workload(load, actors.connector(), addresses, actors.clock(), null);
            workload.spawn(actors, options.workloadMillis());
            long chaosEnd = cluster.now() + options.workloadMillis();
            actors.spawn("schedule", () -> schedule(chaosEnd));
            if (!actors.runUntilFinished(options.workloadMillis() + 600_000)) {
                failures.add("the workload or the schedule did not end within 10 virtual minutes");
            }
            actors.failures().forEach(f -> failures.add(f.getMessage()));
            heal();
            if (options.repair() == null) {
                if (!waitSettled(120_000)) {
                    failures.add("not settled 2 virtual minutes after the heal: " + Invariants.violations(cluster, 3));
                }
            } else {
                // a slot left open keeps the cluster from settling until the fix closes it: give gossip
                // and elections their time, repair, and only then require it settled
                waitSettled(120_000);
                String entry = firstRunningMaster();
                actors.spawn("repair", () -> options.repair().repair(actors.connector(), entry));
                actors.runUntilFinished(600_000);
                actors.failures().stream().map(Throwable::getMessage).filter(m -> !failures.contains(m))
                        .forEach(failures::add);
                if (!waitSettled(120_000)) {
                    failures.add("not settled 2 virtual minutes after the fix: " + Invariants.violations(cluster, 3));
                }
            }
            beforeChecks.accept(cluster);
            List<String> violations = Invariants.violations(cluster, 5);
            violations.forEach(v -> failures.add("invariant: " + v));
            {
                // the checker runs even when an invariant broke: keys stay readable through an open slot
                Map<String, String>[] finals = new Map[1];
                actors.spawn("final-read", () -> {
                    try (ClusterClient reader = new ClusterClient("final-read", actors.connector(), addresses,
                            actors.clock(), ClusterClient.Options.DEFAULTS.withMaxAttempts(20).withDeadline(60_000),
                            null)) {
                        finals[0] = FinalRead.values(reader, workload.keys());
                    }
                });
                actors.runUntilFinished(600_000);
                if (finals[0] == null) {
                    actors.failures().stream().map(Throwable::getMessage).filter(m -> !failures.contains(m))
                            .forEach(failures::add);
                    failures.add("the final read did not complete");
                } else {
                    Verdict verdict = HistoryChecker.check(workload.history(), finals[0], witness.explanations());
                    explained = verdict.explained().size();
                    if (!verdict.passed()) {
                        failures.add("checker: " + verdict);
                    }
                }
            }
            operations = workload.history().size();
            traffic = workload.metrics().total().toString().replace("t=-1s ", "");
            unknown = (int) workload.history().operations().stream()
                    .filter(o -> o.status() == org.slotscope.checker.Operation.Status.UNKNOWN).count();
        } finally {
            actors.close();
        }
        return new Result(seed, shape, failures.isEmpty(), cluster.events().traceHash(), List.copyOf(failures),
                List.copyOf(actions), operations, unknown, explained, cluster.now(), traffic);
    }

    // ---- the schedule (an actor) ----------------------------------------------------------------

    private void schedule(long end) {
        List<Fault> enabled = new ArrayList<>();
        for (Fault f : Fault.values()) {
            if (options.kinds().contains(f)) {
                enabled.add(f);
            }
        }
        if (options.repair() == null && enabled.size() > 1) {
            enabled.remove(Fault.MIGRATE_TIMEOUT); // it leaves a slot open that only a fix can close
        }
        for (int i = 0; i < options.faults(); i++) {
            actors.clock().sleep(200 + random.nextInt(3000));
            if (cluster.now() >= end - 2000) {
                return;
            }
            Fault fault = enabled.get(random.nextInt(enabled.size()));
            long at = cluster.now();
            String what = apply(fault);
            actions.add(at + " ms " + fault + ": " + what);
            if (options.repair() == null) {
                settleAsActor(60_000);
            }
        }
    }

    private String apply(Fault fault) {
        switch (fault) {
            case RESHARD -> {
                List<ClusterNode> masters = runningMasters();
                if (masters.isEmpty()) {
                    return "no master to reshard to";
                }
                String target = masters.get(random.nextInt(masters.size())).id().value();
                int slots = 1 + random.nextInt(3000);
                return move("reshard " + slots + " slots to " + short8(target),
                        ReshardPlanner.forTopology(List.of(), target, slots), new SlotMover.Options(10, 5000, false));
            }
            case REBALANCE -> {
                MoveOperation.Plan plan = topology -> {
                    List<SlotMove> all = new ArrayList<>();
                    for (RebalancePlanner.Transfer t : RebalancePlanner.plan(
                            RebalancePlanner.involved(topology, true), RebalancePlanner.weights(topology, List.of()),
                            2.0f)) {
                        all.addAll(t.moves());
                    }
                    return all;
                };
                return move("rebalance", plan, new SlotMover.Options(10, 5000, false, 1 + random.nextInt(8)));
            }
            case MANUAL_FAILOVER -> {
                List<ClusterNode> replicas = cluster.nodes().stream().filter(n -> n.isRunning()
                        && n.state().myself().isReplica() && n.state().myself().master() != null
                        && cluster.node(n.state().myself().master().id()) != null
                        && cluster.node(n.state().myself().master().id()).isRunning()).toList();
                if (replicas.isEmpty()) {
                    return "no replica to promote";
                }
                ClusterNode replica = replicas.get(random.nextInt(replicas.size()));
                boolean force = random.nextInt(5) == 0;
                NodeLink link = actors.connector().connect(replica.address());
                Reply reply = force ? link.send("CLUSTER", "FAILOVER", "FORCE") : link.send("CLUSTER", "FAILOVER");
                link.close();
                // OK only starts it: wait for the promotion (or CLUSTER_MF_TIMEOUT, 5 s, and more), so
                // the next action does not find the roles changing under it
                long until = cluster.now() + 10_000;
                while (replica.state().myself().isReplica() && replica.isRunning() && cluster.now() < until) {
                    actors.clock().sleep(100);
                }
                return "CLUSTER FAILOVER" + (force ? " FORCE" : "") + " on " + replica.address() + ": " + text(reply);
            }
            case CRASH_RESTART -> {
                List<ClusterNode> running = cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
                ClusterNode victim = running.get(random.nextInt(running.size()));
                long down = (long) (nodeTimeout * (0.5 + 2.5 * random.nextDouble()));
                cluster.stopNode(victim, "torture crash");
                actors.clock().sleep(down);
                cluster.restartNode(victim);
                return "crashed " + victim.address() + " for " + down + " ms";
            }
            case PARTITION_HEAL -> {
                List<ClusterNode> all = new ArrayList<>(cluster.nodes());
                java.util.Collections.shuffle(all, random);
                int size = 1 + random.nextInt(Math.max(1, (all.size() - 1) / 2));
                List<ClusterNode> minority = all.subList(0, size);
                minority.forEach(n -> cluster.network().setPartitionGroup(n.id(), 1));
                long length = (long) (nodeTimeout * (0.5 + 2.5 * random.nextDouble()));
                actors.clock().sleep(length);
                cluster.network().heal();
                return "partitioned " + minority.stream().map(ClusterNode::address).toList() + " for " + length
                        + " ms";
            }
            case LATENCY_SPIKE -> {
                long latency = 20 + random.nextInt(300);
                long length = 1000 + random.nextInt(4000);
                cluster.network().setDefaultLatencyMillis(latency);
                actors.clock().sleep(length);
                cluster.network().setDefaultLatencyMillis(1);
                return latency + " ms one-way latency for " + length + " ms";
            }
            case FREEZE -> {
                // DEBUG SLEEP from outside: no answers, pings or timers; clients time out after 2 s and
                // cannot know whether their command ran (it runs when the node wakes up)
                List<ClusterNode> running = cluster.nodes().stream().filter(ClusterNode::isRunning).toList();
                ClusterNode victim = running.get(random.nextInt(running.size()));
                long length = 300 + random.nextInt(4000);
                cluster.freeze(victim, length);
                actors.clock().sleep(length);
                return "froze " + victim.address() + " for " + length + " ms";
            }
            case MIGRATE_TIMEOUT -> {
                return migrateTimeout();
            }
            case ADD_NODE -> {
                return addNode();
            }
            case DEL_NODE -> {
                return delNode();
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
    }

    /**
     * `cluster add-node`: a fresh node joins as a master (it gets slots from a later reshard or
     * rebalance) or, one time in three, as a replica of the master with the fewest replicas.
     */
    private String addNode() {
        String entry = firstRunningMaster();
        ClusterNode fresh = cluster.startNode(HOST, nextPort++);
        boolean replica = random.nextInt(3) == 0;
        try {
            org.slotscope.admin.AddNodeOperation.Result added = new org.slotscope.admin.AddNodeOperation(
                    actors.connector(), actors.clock()::sleep, 30_000).run(fresh.address(), entry, replica, null,
                    line -> { });
            return "added " + fresh.address() + (replica ? " as a replica of " + short8(added.masterId())
                    : " as a master");
        } catch (RuntimeException e) {
            // refused (a move is running, the cluster is not healthy) or cut off: the operator gives
            // up on this node and shuts it down
            retired.add(fresh);
            cluster.stopNode(fresh, "add-node failed");
            return "add-node " + fresh.address() + " refused or cut off: " + e.getMessage();
        }
    }

    /**
     * `cluster del-node` of a node without slots (a replica, or an empty master), which is then
     * shut down for good, as an operator would.
     */
    private String delNode() {
        List<ClusterNode> candidates = cluster.nodes().stream().filter(n -> n.isRunning() && !retired.contains(n)
                && n.state().myself().slotCount() == 0).toList();
        if (candidates.isEmpty()) {
            return "no node without slots to delete";
        }
        ClusterNode victim = candidates.get(random.nextInt(candidates.size()));
        String entry = firstRunningMaster();
        try {
            new org.slotscope.admin.DelNodeOperation(actors.connector()).run(entry, victim.id().value(), line -> { });
        } catch (RuntimeException e) {
            return "del-node " + victim.address() + " refused or cut off: " + e.getMessage();
        }
        retired.add(victim);
        cluster.stopNode(victim, "deleted from the cluster");
        return "deleted " + victim.address();
    }

    /** Runs a move; in the background when a repair can clean up after an overlapping fault. */
    private String move(String what, MoveOperation.Plan plan, SlotMover.Options moveOptions) {
        String entry = firstRunningMaster();
        if (options.repair() != null) {
            actors.spawn("move-" + cluster.now(), () -> runMove(what, entry, plan, moveOptions));
            return what + " (in the background)";
        }
        return runMove(what, entry, plan, moveOptions);
    }

    private String runMove(String what, String entry, MoveOperation.Plan plan, SlotMover.Options moveOptions) {
        try {
            MoveExecutor.Result result = new MoveOperation(actors.connector()).run(entry, plan, moveOptions, p -> { });
            return what + ": " + result.slotsMoved() + " slots, " + result.keysMoved() + " keys moved";
        } catch (RuntimeException e) {
            // refused (the cluster is not healthy yet) or cut off by a fault: both are outcomes to note,
            // not failures of the run; the invariants decide whether the cluster survived it
            return what + ": stopped: " + e.getMessage();
        }
    }

    /**
     * Moves one slot that holds keys, and once its first MIGRATE has gone through, raises the
     * source-target latency above the MIGRATE timeout: the next MIGRATE fails with IOERR and the
     * slot stays open, half its keys on each side, for the repair to close.
     */
    private String migrateTimeout() {
        List<ClusterNode> masters = runningMasters();
        ClusterNode source = null;
        int slot = -1;
        for (ClusterNode m : masters) {
            List<Key> keys = m.keyspace().allKeys();
            if (!keys.isEmpty()) {
                source = m;
                slot = HashSlot.of(keys.get(random.nextInt(keys.size())).bytes());
                break;
            }
        }
        if (source == null || masters.size() < 2) {
            return "no slot with keys to cut";
        }
        ClusterNode from = source;
        ClusterNode to = masters.stream().filter(m -> m != from).toList().get(random.nextInt(masters.size() - 1));
        // three more keys in the slot (a hash tag that hashes there), so its move takes several MIGRATEs
        String tag = tagFor(slot);
        NodeLink link = actors.connector().connect(from.address());
        for (int i = 0; i < 3; i++) {
            link.send("SET", "{" + tag + "}:filler:" + i, "x");
        }
        link.close();
        BitSet chosen = new BitSet();
        chosen.set(slot);
        MoveOperation op = new MoveOperation(actors.connector()).onEvents(e -> {
            if (e instanceof ClusterEvent.KeysMigrated) {
                cluster.network().setLinkLatency(from.id(), to.id(), 200);
            }
        });
        String result;
        try {
            op.run(firstRunningMaster(), SlotRangePlanner.forTopology(chosen, to.id().value()),
                    new SlotMover.Options(1, 100, false), p -> { });
            result = "moved without a timeout";
        } catch (RuntimeException e) {
            result = "cut off: " + e.getMessage();
        }
        cluster.network().setLinkLatency(from.id(), to.id(), cluster.network().defaultLatencyMillis());
        return "slot " + slot + " " + from.address() + " -> " + to.address() + ", MIGRATE timeout 100 ms: " + result;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void heal() {
        cluster.network().heal();
        cluster.network().setDefaultLatencyMillis(1);
        for (ClusterNode node : cluster.nodes()) {
            if (!node.isRunning() && !retired.contains(node)) {
                cluster.restartNode(node);
            }
        }
    }

    private boolean waitSettled(long limitMillis) {
        long end = cluster.now() + limitMillis;
        while (!Invariants.settled(cluster)) {
            if (cluster.now() >= end) {
                return false;
            }
            actors.runFor(100);
        }
        actors.runFor(2 * nodeTimeout); // let the last gossip and any replica resync finish
        return Invariants.settled(cluster);
    }

    private void settleAsActor(long limitMillis) {
        long end = cluster.now() + limitMillis;
        while (!Invariants.settled(cluster) && cluster.now() < end) {
            actors.clock().sleep(100);
        }
    }

    private List<ClusterNode> runningMasters() {
        return cluster.nodes().stream().filter(n -> n.isRunning() && !n.state().myself().isReplica()
                && n.state().myself().slotCount() > 0).toList();
    }

    private String firstRunningMaster() {
        List<ClusterNode> masters = runningMasters();
        return (masters.isEmpty() ? cluster.nodes().iterator().next() : masters.get(0)).address();
    }

    /** A hash tag whose slot is {@code slot}. */
    private static String tagFor(int slot) {
        for (int i = 0; ; i++) {
            if (HashSlot.of("t" + i) == slot) {
                return "t" + i;
            }
        }
    }

    private static String short8(String id) {
        return id.substring(0, 8);
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.SimpleString s ? s.value() : reply instanceof Reply.Error e ? e.message()
                : String.valueOf(reply);
    }
}
