package org.slotscope.engine.command.cluster;

import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;

/**
 * CLUSTER SETSLOT slot IMPORTING id | MIGRATING id | STABLE | NODE id: clusterCommand's "setslot"
 * branch in Redis 7.0 cluster.c, with its checks in its order. This is how redis-cli moves a slot:
 * IMPORTING on the target, MIGRATING on the source, MIGRATE the keys, then NODE everywhere.
 */
final class SetSlotCommand {
    private SetSlotCommand() {
    }

    static Reply setSlot(CommandContext ctx, byte[][] argv) {
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        if (myself.isReplica()) {
            return Reply.err("Please use SETSLOT only with masters.");
        }
        int slot = SlotAssignmentCommands.getSlot(argv[2]);
        if (slot < 0) {
            return Errors.INVALID_SLOT;
        }
        String action = Args.lower(argv[3]);
        if (action.equals("migrating") && argv.length == 5) {
            if (state.slotOwner(slot) != myself) {
                return Reply.err("I'm not the owner of hash slot " + slot);
            }
            KnownNode target = state.lookup(Args.text(argv[4]));
            if (target == null) {
                return Reply.err("I don't know about node " + Args.text(argv[4]));
            }
            if (target.isReplica()) {
                return Reply.err("Target node is not a master");
            }
            state.setMigrating(slot, target);
        } else if (action.equals("importing") && argv.length == 5) {
            if (state.slotOwner(slot) == myself) {
                return Reply.err("I'm already the owner of hash slot " + slot);
            }
            KnownNode source = state.lookup(Args.text(argv[4]));
            if (source == null) {
                return Reply.err("I don't know about node " + Args.text(argv[4]));
            }
            if (source.isReplica()) {
                return Reply.err("Target node is not a master");
            }
            state.setImporting(slot, source);
        } else if (action.equals("stable") && argv.length == 4) {
            state.setStable(slot);
        } else if (action.equals("node") && argv.length == 5) {
            Reply.Error error = setSlotNode(ctx, slot, Args.text(argv[4]));
            if (error != null) {
                return error;
            }
        } else {
            return Reply.err("Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP");
        }
        state.updateState(ctx.node().config());
        return Reply.ok();
    }

    /** CLUSTER SETSLOT slot NODE id; null when it succeeded. */
    private static Reply.Error setSlotNode(CommandContext ctx, int slot, String nodeName) {
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        KnownNode n = state.lookup(nodeName);
        if (n == null) {
            return Errors.unknownNode(nodeName);
        }
        if (n.isReplica()) {
            return Reply.err("Target node is not a master");
        }
        int keysInSlot = ctx.keyspace().countInSlot(slot);
        // "If this hash slot was served by 'myself' before to switch make sure there are no longer
        // local keys for this hash slot."
        if (state.slotOwner(slot) == myself && n != myself && keysInSlot != 0) {
            return Reply.err("Can't assign hashslot " + slot
                    + " to a different node while I still hold keys for this hash slot.");
        }
        // "If this slot is in migrating status but we have no keys for it assigning the slot to
        // another node will clear the migrating status."
        if (keysInSlot == 0 && state.migratingSlotsTo(slot) != null) {
            state.clearMigrating(slot);
        }
        boolean slotWasMine = state.slotOwner(slot) == myself;
        state.assignSlot(slot, n); // clusterDelSlot + clusterAddSlot

        // "If we are a master left without slots, we should turn into a replica of the new master."
        if (slotWasMine && n != myself && myself.slotCount() == 0 && ctx.node().config().allowReplicaMigration()) {
            ctx.cluster().becomeReplicaOf(ctx.node(), n.id()); // clusterSetMaster(n)
        }

        // "If this node was importing this slot, assigning the slot to itself also clears the
        // importing status."
        if (n == myself && state.importingSlotsFrom(slot) != null) {
            // "This slot was manually migrated, set this node configEpoch to a new epoch so that the
            // new version can be propagated by the cluster."
            state.bumpConfigEpochWithoutConsensus();
            state.clearImporting(slot);
            // "After importing this slot, let the other nodes know as soon as possible."
            ctx.cluster().bus().broadcastPong(ctx.node(), false);
        }
        return null;
    }
}
