package org.slotscope.engine.command.cluster;

import java.util.OptionalLong;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * CLUSTER ADDSLOTS / ADDSLOTSRANGE / DELSLOTS / DELSLOTSRANGE / FLUSHSLOTS (Redis 7.0 cluster.c).
 * They change only this node's own view; other nodes learn it from gossip (built elsewhere).
 * Every argument is checked before anything changes, so a bad request changes nothing.
 */
final class SlotAssignmentCommands {
    private SlotAssignmentCommands() {
    }

    /** getSlotOrReply: string2ll, then 0 <= slot < 16384; -1 means "reply with the error". */
    static int getSlot(byte[] arg) {
        OptionalLong value = Args.parseLong(arg);
        if (value.isEmpty() || !HashSlot.isValid(value.getAsLong())) {
            return -1;
        }
        return (int) value.getAsLong();
    }

    /** CLUSTER ADDSLOTS slot [slot ...] and CLUSTER DELSLOTS slot [slot ...]. */
    static Reply addDelSlots(CommandContext ctx, byte[][] argv, boolean del) {
        // "Check that all the arguments are parseable." before looking at any assignment
        for (int j = 2; j < argv.length; j++) {
            if (getSlot(argv[j]) < 0) {
                return Errors.INVALID_SLOT;
            }
        }
        byte[] seen = new byte[HashSlot.SLOTS];
        for (int j = 2; j < argv.length; j++) {
            int slot = getSlot(argv[j]);
            Reply.Error error = checkSlotAssignments(ctx.state(), seen, del, slot, slot);
            if (error != null) {
                return error;
            }
        }
        clusterUpdateSlots(ctx, seen, del);
        return Reply.ok();
    }

    /** CLUSTER ADDSLOTSRANGE start end [start end ...] and CLUSTER DELSLOTSRANGE. */
    static Reply addDelSlotsRange(CommandContext ctx, byte[][] argv, boolean del) {
        if (argv.length % 2 == 1) {
            return Errors.wrongArity(ctx.spec().fullName()); // addReplyErrorArity: pairs only
        }
        for (int j = 2; j < argv.length; j += 2) {
            int start = getSlot(argv[j]);
            if (start < 0) {
                return Errors.INVALID_SLOT;
            }
            int end = getSlot(argv[j + 1]);
            if (end < 0) {
                return Errors.INVALID_SLOT;
            }
            if (start > end) {
                return Reply.err("start slot number " + start + " is greater than end slot number " + end);
            }
        }
        byte[] seen = new byte[HashSlot.SLOTS];
        for (int j = 2; j < argv.length; j += 2) {
            Reply.Error error = checkSlotAssignments(ctx.state(), seen, del, getSlot(argv[j]), getSlot(argv[j + 1]));
            if (error != null) {
                return error;
            }
        }
        clusterUpdateSlots(ctx, seen, del);
        return Reply.ok();
    }

    /** checkSlotAssignmentsOrReply: busy / unassigned first, then duplicates, slot by slot. */
    private static Reply.Error checkSlotAssignments(ClusterState state, byte[] seen, boolean del, int start,
                                                    int end) {
        for (int slot = start; slot <= end; slot++) {
            if (del && state.slotOwner(slot) == null) {
                return Reply.err("Slot " + slot + " is already unassigned");
            } else if (!del && state.slotOwner(slot) != null) {
                return Reply.err("Slot " + slot + " is already busy");
            }
            if (seen[slot]++ == 1) {
                return Reply.err("Slot " + slot + " specified multiple times");
            }
        }
        return null;
    }

    /**
     * clusterUpdateSlots: "If this slot was set as importing we can clear this state as now we are
     * the real owner of the slot." Contiguous runs are applied together so the view animates one
     * range at a time.
     */
    private static void clusterUpdateSlots(CommandContext ctx, byte[] seen, boolean del) {
        ClusterState state = ctx.state();
        KnownNode owner = del ? null : state.myself();
        int slot = 0;
        while (slot < HashSlot.SLOTS) {
            if (seen[slot] == 0) {
                slot++;
                continue;
            }
            int end = slot;
            while (end + 1 < HashSlot.SLOTS && seen[end + 1] != 0) {
                end++;
            }
            for (int s = slot; s <= end; s++) {
                state.clearImporting(s);
            }
            state.assignSlots(slot, end, owner);
            slot = end + 1;
        }
        state.updateState(ctx.node().config());
    }

    /** CLUSTER FLUSHSLOTS: only on an empty node; it gives up every slot it owns (clusterDelNodeSlots). */
    static Reply flushSlots(CommandContext ctx, byte[][] argv) {
        if (ctx.keyspace().size() != 0) {
            return Reply.err("DB must be empty to perform CLUSTER FLUSHSLOTS.");
        }
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        for (int[] range : ClusterNodesFormat.slotRanges((java.util.BitSet) myself.slots().clone())) {
            state.assignSlots(range[0], range[1], null);
        }
        state.updateState(ctx.node().config());
        return Reply.ok();
    }
}
