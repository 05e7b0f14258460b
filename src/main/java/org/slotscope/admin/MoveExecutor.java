package org.slotscope.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * Carries out a plan of slot moves (from the reshard or rebalance planner, or a chosen range) with
 * {@link SlotMover} (slot by slot, as redis-cli) or {@link SlotBatchMover} (several slots of one
 * source and target per round trip), reporting progress after every MIGRATE batch and honouring
 * pause / resume / cancel between two batches, so a stopped run leaves no slot open.
 *
 * <p>With {@code parallel > 1}, the moves of different source → target pairs run at the same time,
 * one lane per pair, each lane on its own connections (a Redis node serves them one command at a
 * time, so this overlaps the round trips and the MIGRATEs of different sources, never two steps of
 * the same slot). Within a lane the plan's order is kept.
 */
public final class MoveExecutor {
    /** The outcome: how many slots and keys moved, and whether it was cancelled before the end. */
    public record Result(int slotsMoved, long keysMoved, boolean cancelled) {
    }

    private MoveExecutor() {
    }

    public static Result run(ClusterTopology topology, List<SlotMove> plan, SlotMover.Options options,
                             OperationControl control, Consumer<MoveProgress> progress) {
        return run(topology, plan, options, control, progress, MoveEvents.NONE);
    }

    /** As above, reporting every SETSLOT and MIGRATE to {@code events} (from the moving threads). */
    public static Result run(ClusterTopology topology, List<SlotMove> plan, SlotMover.Options options,
                             OperationControl control, Consumer<MoveProgress> progress, MoveEvents events) {
        for (SlotMove move : plan) {
            requireMaster(topology, move.source(), "source");
            requireMaster(topology, move.target(), "target");
        }
        Tally tally = new Tally(plan.size(), progress);
        Map<String, List<List<SlotMove>>> lanes = new LinkedHashMap<>();
        for (List<SlotMove> batch : batches(plan, options.slotsPerBatch())) {
            lanes.computeIfAbsent(batch.get(0).source() + ">" + batch.get(0).target(), k -> new ArrayList<>())
                    .add(batch);
        }
        if (options.parallel() <= 1 || lanes.size() <= 1) {
            List<ClusterMember> masters = topology.masters().stream().map(ClusterTopology.Node::member).toList();
            boolean finished = runLane(batches(plan, options.slotsPerBatch()), masters, options, control::proceed,
                    tally, events);
            return tally.result(!finished);
        }
        return runLanes(topology, lanes, options, control, tally, events);
    }

    private static Result runLanes(ClusterTopology topology, Map<String, List<List<SlotMove>>> lanes,
                                   SlotMover.Options options, OperationControl control, Tally tally,
                                   MoveEvents events) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel(), lanes.size()), r -> {
            Thread t = new Thread(r, "slot-move-lane");
            t.setDaemon(true);
            return t;
        });
        // a failing lane stops the others after their current batch; the user's control still applies
        java.util.concurrent.atomic.AtomicBoolean stopLanes = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.BooleanSupplier proceed = () -> control.proceed() && !stopLanes.get();
        List<Future<Boolean>> futures = new ArrayList<>();
        for (List<List<SlotMove>> lane : lanes.values()) {
            futures.add(pool.submit(() -> {
                // each lane its own links: a NodeLink is one connection, used by one thread at a time
                List<ClusterMember> masters = new ArrayList<>();
                try {
                    for (ClusterTopology.Node node : topology.masters()) {
                        NodeLink link = topology.connector().connect(node.address());
                        masters.add(new ClusterMember(node.id(), node.self().host(), node.self().port(), link));
                    }
                    return runLane(lane, masters, options, proceed, tally, events);
                } catch (RuntimeException e) {
                    stopLanes.set(true);
                    throw e;
                } finally {
                    masters.forEach(m -> m.link().close());
                }
            }));
        }
        pool.shutdown();
        RuntimeException failure = null;
        boolean finished = true;
        for (Future<Boolean> future : futures) {
            try {
                finished &= future.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopLanes.set(true);
                finished = false;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return tally.result(!finished);
    }

    /** Runs one lane's batches in order; false when stopped early by a cancel. */
    private static boolean runLane(List<List<SlotMove>> batches, List<ClusterMember> masters,
                                   SlotMover.Options options, java.util.function.BooleanSupplier proceed,
                                   Tally tally, MoveEvents events) {
        for (List<SlotMove> batch : batches) {
            if (!proceed.getAsBoolean()) {
                return false;
            }
            ClusterMember source = member(masters, batch.get(0).source());
            ClusterMember target = member(masters, batch.get(0).target());
            long[] counted = {0}; // the movers report keys so far in the batch; the tally adds the difference
            SlotBatchMover.Progress keysSoFar = k -> {
                tally.keys(k - counted[0]);
                counted[0] = k;
            };
            if (batch.size() == 1) {
                SlotMover.moveSlot(batch.get(0).slot(), source, target, masters, options,
                        (slot, k) -> keysSoFar.keysMoved(k), events);
            } else {
                SlotBatchMover.moveSlots(batch.stream().map(SlotMove::slot).toList(), source, target, masters,
                        options, keysSoFar, events);
            }
            tally.slots(batch.size());
        }
        return true;
    }

    private static ClusterMember member(List<ClusterMember> masters, String id) {
        for (ClusterMember m : masters) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalStateException("no link to master " + id);
    }

    /** Consecutive moves with the same source and target, at most {@code size} to a batch. */
    static List<List<SlotMove>> batches(List<SlotMove> plan, int size) {
        List<List<SlotMove>> out = new ArrayList<>();
        List<SlotMove> current = new ArrayList<>();
        for (SlotMove move : plan) {
            if (!current.isEmpty() && (current.size() == size || !current.get(0).source().equals(move.source())
                    || !current.get(0).target().equals(move.target()))) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(move);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static void requireMaster(ClusterTopology topology, String id, String role) {
        ClusterTopology.Node node = topology.node(id);
        if (node == null || !node.isMaster() || node.self().isFailing()) {
            throw new IllegalArgumentException("the " + role + " " + id + " is not a reachable master of this cluster");
        }
    }

    /** Slots and keys done across lanes; progress is reported one call at a time. */
    private static final class Tally {
        private final int total;
        private final Consumer<MoveProgress> progress;
        private final long start = System.nanoTime();
        private int slots;
        private long keys;

        Tally(int total, Consumer<MoveProgress> progress) {
            this.total = total;
            this.progress = progress;
        }

        synchronized void keys(long more) {
            keys += more;
            progress.accept(new MoveProgress(slots, total, keys, System.nanoTime() - start));
        }

        synchronized void slots(int more) {
            slots += more;
            progress.accept(new MoveProgress(slots, total, keys, System.nanoTime() - start));
        }

        synchronized Result result(boolean cancelled) {
            return new Result(slots, keys, cancelled);
        }
    }
}
