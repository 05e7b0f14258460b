package org.slotscope.admin;

import java.util.List;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.SlotMigrationState;

/**
 * Moves one slot with its keys, in redis-cli's order (clusterManagerMoveSlot): IMPORTING on the
 * target, MIGRATING on the source, then GETKEYSINSLOT and MIGRATE ... KEYS in batches of
 * {@code pipeline} keys, then SETSLOT NODE on the target first, the source next and every other
 * master last. Works over any {@link org.slotscope.link.NodeLink}: simulated or real nodes.
 */
public final class SlotMover {
    /**
     * Options as redis-cli names them (--cluster-pipeline, --cluster-timeout, --cluster-replace), how
     * many slots of one source and target to move together ({@link SlotBatchMover}; 1 moves slot by
     * slot exactly as redis-cli does), and how many source → target pairs may move at the same time
     * ({@link MoveExecutor}; 1 as redis-cli).
     */
    public record Options(int pipeline, int timeoutMillis, boolean replace, int slotsPerBatch, int parallel) {
        public static final Options DEFAULTS = new Options(10, 60_000, false);

        public Options {
            if (pipeline < 1) {
                throw new IllegalArgumentException("the pipeline must be at least 1 key: " + pipeline);
            }
            if (timeoutMillis < 1) {
                throw new IllegalArgumentException("the timeout must be at least 1 ms: " + timeoutMillis);
            }
            if (slotsPerBatch < 1) {
                throw new IllegalArgumentException("a batch must hold at least 1 slot: " + slotsPerBatch);
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("at least 1 pair must move at a time: " + parallel);
            }
        }

        public Options(int pipeline, int timeoutMillis, boolean replace) {
            this(pipeline, timeoutMillis, replace, 1, 1);
        }

        public Options(int pipeline, int timeoutMillis, boolean replace, int slotsPerBatch) {
            this(pipeline, timeoutMillis, replace, slotsPerBatch, 1);
        }
    }

    /** Keys moved so far for the slot, after each MIGRATE batch. */
    @FunctionalInterface
    public interface Progress {
        void keysMoved(int slot, int keysSoFar);
    }

    private SlotMover() {
    }

    /** Returns the number of keys moved. */
    public static int moveSlot(int slot, ClusterMember source, ClusterMember target, List<ClusterMember> masters,
                               Options options, Progress progress) {
        return moveSlot(slot, source, target, masters, options, progress, MoveEvents.NONE);
    }

    /** As above, reporting each SETSLOT and MIGRATE to {@code events}. */
    public static int moveSlot(int slot, ClusterMember source, ClusterMember target, List<ClusterMember> masters,
                               Options options, Progress progress, MoveEvents events) {
        String s = String.valueOf(slot);
        expectOk(target, "CLUSTER", "SETSLOT", s, "IMPORTING", source.id());
        events.stateSet(target.id(), slot, SlotMigrationState.IMPORTING, source.id());
        expectOk(source, "CLUSTER", "SETSLOT", s, "MIGRATING", target.id());
        events.stateSet(source.id(), slot, SlotMigrationState.MIGRATING, target.id());
        int moved = 0;
        while (true) {
            Reply keys = source.link().send("CLUSTER", "GETKEYSINSLOT", s, String.valueOf(options.pipeline()));
            if (!(keys instanceof Reply.ArrayReply array)) {
                throw SlotBatchMover.failure(slot, "CLUSTER GETKEYSINSLOT", source, keys);
            }
            if (array.elements().isEmpty()) {
                break;
            }
            long sent = events.nowMillis();
            Reply migrated = source.link().send(SlotBatchMover.migrateCommand(array.elements(), target, options));
            if (migrated instanceof Reply.Error) {
                throw SlotBatchMover.failure(slot, "MIGRATE", source, migrated);
            }
            events.keysMigrated(sent, source.id(), target.id(), slot, array.elements().size());
            moved += array.elements().size();
            progress.keysMoved(slot, moved);
        }
        // The target first, so it owns the slot before the source stops redirecting there.
        expectOk(target, "CLUSTER", "SETSLOT", s, "NODE", target.id());
        events.assigned(target.id(), slot, target.id());
        Reply atSource = source.link().send("CLUSTER", "SETSLOT", s, "NODE", target.id());
        if (atSource instanceof Reply.Error error && !error.message().contains(SlotBatchMover.SOURCE_TURNED_REPLICA)) {
            // redis-cli 7.0 lets this one error pass: the source gave away its last slot, heard so from
            // the target first, and turned itself into a replica (redis#9223)
            throw SlotBatchMover.failure(slot, "CLUSTER SETSLOT " + s + " NODE", source, atSource);
        }
        events.assigned(source.id(), slot, target.id());
        for (ClusterMember other : masters) {
            if (!other.id().equals(source.id()) && !other.id().equals(target.id())) {
                expectOk(other, "CLUSTER", "SETSLOT", s, "NODE", target.id());
                events.assigned(other.id(), slot, target.id());
            }
        }
        return moved;
    }

    private static void expectOk(ClusterMember node, String... command) {
        Reply reply = node.link().send(command);
        if (reply instanceof Reply.Error) {
            throw SlotBatchMover.failure(Integer.parseInt(command[2]), String.join(" ", command), node, reply);
        }
    }
}
