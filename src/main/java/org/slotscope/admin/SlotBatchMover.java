package org.slotscope.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.link.NodeLink;

/**
 * Moves several slots from one source to one target at once, keeping for every slot the order of
 * redis-cli's clusterManagerMoveSlot (IMPORTING on the target, MIGRATING on the source, all keys
 * moved, then SETSLOT NODE on the target, the source, and the other masters), but sending each step
 * for all the slots of the batch as one pipeline, the MIGRATE commands of all the slots included
 * (each MIGRATE still carries the keys of one slot only: a cluster node answers CROSSSLOT otherwise).
 * redis-cli pays about nine round trips per slot; a batch of N slots pays about seven in all.
 *
 * <p>Once a slot is MIGRATING on the source, no key can be created in it there (getNodeByQuery sends
 * a missing key to the target with -ASK), so a GETKEYSINSLOT that returns fewer keys than asked has
 * seen the rest of the slot; COUNTKEYSINSLOT is still checked before giving the slot away, because
 * the source refuses SETSLOT NODE while it holds keys of the slot.
 */
public final class SlotBatchMover {
    /** Keys moved so far in this batch, after each pipeline of MIGRATE commands. */
    @FunctionalInterface
    public interface Progress {
        void keysMoved(long keysSoFar);
    }

    /** redis-cli 7.0 accepts this from the source: it lost its last slot and turned replica (#9223). */
    static final String SOURCE_TURNED_REPLICA = "Please use SETSLOT only with masters.";

    private SlotBatchMover() {
    }

    /** Returns the number of keys moved; each SETSLOT and MIGRATE is reported to {@code events}. */
    public static long moveSlots(List<Integer> slots, ClusterMember source, ClusterMember target,
                                 List<ClusterMember> masters, SlotMover.Options options, Progress progress,
                                 MoveEvents events) {
        pipelineOk(target, slots, s -> NodeLink.argv("CLUSTER", "SETSLOT", s, "IMPORTING", source.id()), null);
        slots.forEach(s -> events.stateSet(target.id(), s, SlotMigrationState.IMPORTING, source.id()));
        pipelineOk(source, slots, s -> NodeLink.argv("CLUSTER", "SETSLOT", s, "MIGRATING", target.id()), null);
        slots.forEach(s -> events.stateSet(source.id(), s, SlotMigrationState.MIGRATING, target.id()));
        long moved = 0;
        List<Integer> pending = new ArrayList<>(slots);
        while (!pending.isEmpty()) {
            List<Reply> found = source.link().pipeline(commands(pending,
                    s -> NodeLink.argv("CLUSTER", "GETKEYSINSLOT", s, String.valueOf(options.pipeline()))));
            List<byte[][]> migrates = new ArrayList<>();
            List<Integer> migrateSlots = new ArrayList<>();
            List<Integer> migrateKeys = new ArrayList<>();
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (!(found.get(i) instanceof Reply.ArrayReply array)) {
                    throw failure(pending.get(i), "CLUSTER GETKEYSINSLOT", source, found.get(i));
                }
                if (!array.elements().isEmpty()) {
                    again.add(pending.get(i)); // look again: it may hold more, or a MIGRATE may fail
                    migrates.add(migrateCommand(array.elements(), target, options));
                    migrateSlots.add(pending.get(i));
                    migrateKeys.add(array.elements().size());
                    moved += array.elements().size();
                }
            }
            long sent = events.nowMillis();
            List<Reply> replies = source.link().pipeline(migrates);
            for (int i = 0; i < replies.size(); i++) {
                if (replies.get(i) instanceof Reply.Error) {
                    throw failure(migrateSlots.get(i), "MIGRATE", source, replies.get(i));
                }
                events.keysMigrated(sent, source.id(), target.id(), migrateSlots.get(i), migrateKeys.get(i));
            }
            progress.keysMoved(moved);
            pending = again;
        }
        List<Reply> counts = source.link().pipeline(commands(slots, s -> NodeLink.argv("CLUSTER", "COUNTKEYSINSLOT", s)));
        for (int i = 0; i < slots.size(); i++) {
            if (!(counts.get(i) instanceof Reply.IntegerReply n) || n.value() != 0) {
                throw failure(slots.get(i), "CLUSTER COUNTKEYSINSLOT (keys left behind)", source, counts.get(i));
            }
        }
        // The target first, so it owns the slots before the source stops redirecting there.
        pipelineOk(target, slots, s -> NodeLink.argv("CLUSTER", "SETSLOT", s, "NODE", target.id()), null);
        slots.forEach(s -> events.assigned(target.id(), s, target.id()));
        pipelineOk(source, slots, s -> NodeLink.argv("CLUSTER", "SETSLOT", s, "NODE", target.id()),
                SOURCE_TURNED_REPLICA);
        slots.forEach(s -> events.assigned(source.id(), s, target.id()));
        for (ClusterMember other : masters) {
            if (!other.id().equals(source.id()) && !other.id().equals(target.id())) {
                pipelineOk(other, slots, s -> NodeLink.argv("CLUSTER", "SETSLOT", s, "NODE", target.id()), null);
                slots.forEach(s -> events.assigned(other.id(), s, target.id()));
            }
        }
        return moved;
    }

    /** MIGRATE host port "" 0 timeout [REPLACE] KEYS k1 k2 ...: the keys of one slot, at most --pipeline. */
    static byte[][] migrateCommand(List<Reply> keys, ClusterMember target, SlotMover.Options options) {
        List<byte[]> argv = new ArrayList<>(List.of(bytes("MIGRATE"), bytes(target.host()),
                bytes(String.valueOf(target.port())), new byte[0], bytes("0"),
                bytes(String.valueOf(options.timeoutMillis()))));
        if (options.replace()) {
            argv.add(bytes("REPLACE"));
        }
        argv.add(bytes("KEYS"));
        keys.forEach(k -> argv.add(((Reply.BulkString) k).value()));
        return argv.toArray(new byte[0][]);
    }

    private static List<byte[][]> commands(List<Integer> slots, java.util.function.Function<String, byte[][]> build) {
        List<byte[][]> out = new ArrayList<>(slots.size());
        for (int slot : slots) {
            out.add(build.apply(String.valueOf(slot)));
        }
        return out;
    }

    private static void pipelineOk(ClusterMember node, List<Integer> slots,
                                   java.util.function.Function<String, byte[][]> build, String acceptable) {
        List<byte[][]> sent = commands(slots, build);
        List<Reply> replies = node.link().pipeline(sent);
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) instanceof Reply.Error error
                    && (acceptable == null || !error.message().contains(acceptable))) {
                throw failure(slots.get(i), new String(sent.get(i)[0], StandardCharsets.UTF_8) + " "
                        + new String(sent.get(i)[1], StandardCharsets.UTF_8) + " " + slots.get(i) + " "
                        + new String(sent.get(i)[3], StandardCharsets.UTF_8), node, error);
            }
        }
    }

    static SlotMoveException failure(int slot, String step, ClusterMember node, Reply reply) {
        String said = reply instanceof Reply.Error error ? error.message() : String.valueOf(reply);
        return new SlotMoveException("moving slot " + slot + ": " + step + " on " + node.host() + ":" + node.port()
                + " failed: " + said);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
