package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.command.Reply;

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
        String s = String.valueOf(slot);
        expectOk(target, "CLUSTER", "SETSLOT", s, "IMPORTING", source.id());
        expectOk(source, "CLUSTER", "SETSLOT", s, "MIGRATING", target.id());
        int moved = 0;
        while (true) {
            Reply keys = source.link().send("CLUSTER", "GETKEYSINSLOT", s, String.valueOf(options.pipeline()));
            if (!(keys instanceof Reply.ArrayReply array)) {
                throw failure(slot, "CLUSTER GETKEYSINSLOT", source, keys);
            }
            if (array.elements().isEmpty()) {
                break;
            }
            List<byte[]> argv = new ArrayList<>(List.of(bytes("MIGRATE"), bytes(target.host()),
                    bytes(String.valueOf(target.port())), new byte[0], bytes("0"),
                    bytes(String.valueOf(options.timeoutMillis()))));
            if (options.replace()) {
                argv.add(bytes("REPLACE"));
            }
            argv.add(bytes("KEYS"));
            for (Reply key : array.elements()) {
                argv.add(((Reply.BulkString) key).value());
            }
            Reply migrated = source.link().send(argv.toArray(new byte[0][]));
            if (migrated instanceof Reply.Error) {
                throw failure(slot, "MIGRATE", source, migrated);
            }
            moved += array.elements().size();
            progress.keysMoved(slot, moved);
        }
        // The target first, so it owns the slot before the source stops redirecting there.
        expectOk(target, "CLUSTER", "SETSLOT", s, "NODE", target.id());
        Reply atSource = source.link().send("CLUSTER", "SETSLOT", s, "NODE", target.id());
        if (atSource instanceof Reply.Error error && !error.message().contains(SlotBatchMover.SOURCE_TURNED_REPLICA)) {
            // redis-cli 7.0 lets this one error pass: the source gave away its last slot, heard so from
            // the target first, and turned itself into a replica (redis#9223)
            throw failure(slot, "CLUSTER SETSLOT " + s + " NODE", source, atSource);
        }
        for (ClusterMember other : masters) {
            if (!other.id().equals(source.id()) && !other.id().equals(target.id())) {
                expectOk(other, "CLUSTER", "SETSLOT", s, "NODE", target.id());
            }
        }
        return moved;
    }

    private static void expectOk(ClusterMember node, String... command) {
        Reply reply = node.link().send(command);
        if (reply instanceof Reply.Error) {
            throw failure(Integer.parseInt(command[2]), String.join(" ", command), node, reply);
        }
    }

    private static SlotMoveException failure(int slot, String step, ClusterMember node, Reply reply) {
        String said = reply instanceof Reply.Error error ? error.message() : String.valueOf(reply);
        return new SlotMoveException("moving slot " + slot + ": " + step + " on " + node.host() + ":" + node.port()
                + " failed: " + said);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
