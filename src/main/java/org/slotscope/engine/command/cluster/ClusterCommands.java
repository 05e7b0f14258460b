package org.slotscope.engine.command.cluster;

import static org.slotscope.engine.command.CommandFlag.ADMIN;
import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.NO_ASYNC_LOADING;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * The CLUSTER container and its subcommands, with the arities and flags Redis 7.0.15 reports in
 * COMMAND INFO cluster. The bigger sub-families live in their own classes: {@link ClusterNodesFormat}
 * (NODES, INFO, SLOTS, SHARDS, LINKS), {@link SlotAssignmentCommands}, {@link SetSlotCommand},
 * {@link MembershipCommands}. The small ones are here. CLUSTER FAILOVER belongs to the failover
 * family and is not registered here yet.
 */
public final class ClusterCommands {
    /** CLUSTER HELP in Redis 7.0.15, line by line (addReplyHelp sends them as status replies). */
    static final List<String> HELP = List.of(
            "CLUSTER <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ADDSLOTS <slot> [<slot> ...]",
            "    Assign slots to current node.",
            "ADDSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]",
            "    Assign slots which are between <start-slot> and <end-slot> to current node.",
            "BUMPEPOCH",
            "    Advance the cluster config epoch.",
            "COUNT-FAILURE-REPORTS <node-id>",
            "    Return number of failure reports for <node-id>.",
            "COUNTKEYSINSLOT <slot>",
            "    Return the number of keys in <slot>.",
            "DELSLOTS <slot> [<slot> ...]",
            "    Delete slots information from current node.",
            "DELSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]",
            "    Delete slots information which are between <start-slot> and <end-slot> from current node.",
            "FAILOVER [FORCE|TAKEOVER]",
            "    Promote current replica node to being a master.",
            "FORGET <node-id>",
            "    Remove a node from the cluster.",
            "GETKEYSINSLOT <slot> <count>",
            "    Return key names stored by current node in a slot.",
            "FLUSHSLOTS",
            "    Delete current node own slots information.",
            "INFO",
            "    Return information about the cluster.",
            "KEYSLOT <key>",
            "    Return the hash slot for <key>.",
            "MEET <ip> <port> [<bus-port>]",
            "    Connect nodes into a working cluster.",
            "MYID",
            "    Return the node id.",
            "NODES",
            "    Return cluster configuration seen by node. Output format:",
            "    <id> <ip:port> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...",
            "REPLICATE <node-id>",
            "    Configure current node as replica to <node-id>.",
            "RESET [HARD|SOFT]",
            "    Reset current node (default: soft).",
            "SET-CONFIG-EPOCH <epoch>",
            "    Set config epoch of current node.",
            "SETSLOT <slot> (IMPORTING <node-id>|MIGRATING <node-id>|STABLE|NODE <node-id>)",
            "    Set slot state.",
            "REPLICAS <node-id>",
            "    Return <node-id> replicas.",
            "SAVECONFIG",
            "    Force saving cluster configuration on disk.",
            "SLOTS",
            "    Return information about slots range mappings. Each range is made of:",
            "    start, end, master and replicas IP addresses, ports and ids",
            "SHARDS",
            "    Return information about slot range mappings and the nodes associated with them.",
            "LINKS",
            "    Return information about all network links between this node and its peers.",
            "    Output format is an array where each array element is a map containing attributes of a link",
            "HELP",
            "    Prints this help.");

    private ClusterCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("cluster", -2)
                .group("cluster")
                .summary("A container for cluster commands")
                .subcommand(sub("addslots", -3, "Assign new hash slots to receiving node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler((ctx, argv) -> SlotAssignmentCommands.addDelSlots(ctx, argv, false)))
                .subcommand(sub("addslotsrange", -4, "Assign new hash slots to receiving node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler((ctx, argv) -> SlotAssignmentCommands.addDelSlotsRange(ctx, argv,
                        false)))
                .subcommand(sub("bumpepoch", 2, "Advance the cluster config epoch", ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(ClusterCommands::bumpEpoch))
                .subcommand(sub("count-failure-reports", 3, "Return the number of failure reports active for a given node",
                        ADMIN, STALE).handler(ClusterCommands::countFailureReports))
                .subcommand(sub("countkeysinslot", 3, "Return the number of local keys in the specified hash slot",
                        STALE).handler(ClusterCommands::countKeysInSlot))
                .subcommand(sub("delslots", -3, "Set hash slots as unbound in receiving node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler((ctx, argv) -> SlotAssignmentCommands.addDelSlots(ctx, argv, true)))
                .subcommand(sub("delslotsrange", -4, "Set hash slots as unbound in receiving node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler((ctx, argv) -> SlotAssignmentCommands.addDelSlotsRange(ctx, argv,
                        true)))
                .subcommand(sub("flushslots", 2, "Delete a node's own slots information", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler(SlotAssignmentCommands::flushSlots))
                .subcommand(sub("forget", 3, "Remove a node from the nodes table", ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(MembershipCommands::forget))
                .subcommand(sub("getkeysinslot", 4, "Return local key names in the specified hash slot", STALE)
                        .handler(ClusterCommands::getKeysInSlot))
                .subcommand(sub("help", 2, "Show helpful text about the different subcommands", LOADING, STALE)
                        .handler((ctx, argv) -> help()))
                .subcommand(sub("info", 2, "Provides info about Redis Cluster node state", STALE)
                        .handler((ctx, argv) -> Reply.verbatim(ClusterNodesFormat.clusterInfo(ctx.state()))))
                .subcommand(sub("keyslot", 3, "Returns the hash slot of the specified key", STALE)
                        .handler((ctx, argv) -> Reply.integer(HashSlot.of(argv[2]))))
                .subcommand(sub("links", 2, "Returns a list of all TCP links to and from peer nodes in cluster",
                        STALE).handler((ctx, argv) -> ClusterNodesFormat.clusterLinks(ctx.state())))
                .subcommand(sub("meet", -4, "Force a node cluster to handshake with another node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler(MembershipCommands::meet))
                .subcommand(sub("myid", 2, "Return the node id", STALE)
                        .handler((ctx, argv) -> Reply.bulk(ctx.state().myId().value())))
                .subcommand(sub("myshardid", 2, "Return the node shard id", STALE)
                        .handler(ClusterCommands::myShardId))
                .subcommand(sub("nodes", 2, "Get Cluster config for the node", STALE)
                        .handler((ctx, argv) -> Reply.verbatim(
                                ClusterNodesFormat.clusterGenNodesDescription(ctx.state()))))
                .subcommand(sub("replicas", 3, "List replica nodes of the specified master node", ADMIN, STALE)
                        .handler(ClusterCommands::replicas))
                .subcommand(sub("failover", -2, "Forces a replica to perform a manual failover of its master.",
                        ADMIN, STALE, NO_ASYNC_LOADING).handler(FailoverCommand::failover))
                .subcommand(sub("replicate", 3, "Reconfigure a node as a replica of the specified master node",
                        ADMIN, STALE, NO_ASYNC_LOADING).handler(MembershipCommands::replicate))
                .subcommand(sub("reset", -2, "Reset a Redis Cluster node", ADMIN, NOSCRIPT, STALE)
                        .handler(MembershipCommands::reset))
                .subcommand(sub("saveconfig", 2, "Forces the node to save cluster state on disk", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler(ClusterCommands::saveConfig))
                .subcommand(sub("set-config-epoch", 3, "Set the configuration epoch in a new node", ADMIN, STALE,
                        NO_ASYNC_LOADING).handler(ClusterCommands::setConfigEpoch))
                .subcommand(sub("setslot", -4, "Bind a hash slot to a specific node", ADMIN, STALE, NO_ASYNC_LOADING)
                        .handler(SetSlotCommand::setSlot))
                .subcommand(sub("shards", 2, "Get array of cluster slots to node mappings", STALE)
                        .handler((ctx, argv) -> ClusterNodesFormat.clusterReplyShards(ctx.state())))
                .subcommand(sub("slaves", 3, "List replica nodes of the specified master node", ADMIN, STALE)
                        .handler(ClusterCommands::replicas))
                .subcommand(sub("slots", 2, "Get array of Cluster slot to node mappings", STALE)
                        .handler((ctx, argv) -> ClusterNodesFormat.clusterReplyMultiBulkSlots(ctx.state()))));
    }

    private static CommandSpec.Builder sub(String name, int arity, String summary,
                                           org.slotscope.engine.command.CommandFlag... flags) {
        return CommandSpec.command(name, arity).flags(flags).summary(summary);
    }

    private static Reply help() {
        List<Reply> lines = new ArrayList<>(HELP.size());
        for (String line : HELP) {
            lines.add(Reply.simple(line));
        }
        return Reply.array(lines);
    }

    /**
     * CLUSTER MYSHARDID exists from Redis 7.2 on (not in 7.0); it is here because SlotScope shows
     * shards. The rule is 7.2's: one shard id per master, shared by its replicas (a replica adopts
     * its master's shard id when it attaches; see KnownNode.shardId()).
     */
    private static Reply myShardId(CommandContext ctx, byte[][] argv) {
        return Reply.bulk(ctx.state().myself().shardId());
    }

    /** CLUSTER COUNTKEYSINSLOT slot: string2ll first (NOT_INTEGER), then the range ("Invalid slot"). */
    private static Reply countKeysInSlot(CommandContext ctx, byte[][] argv) {
        OptionalLong slot = Args.parseLong(argv[2]);
        if (slot.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (!HashSlot.isValid(slot.getAsLong())) {
            return Reply.err("Invalid slot");
        }
        return Reply.integer(ctx.keyspace().countInSlot((int) slot.getAsLong()));
    }

    /** CLUSTER GETKEYSINSLOT slot count: at most count keys of the slot, from this node only. */
    private static Reply getKeysInSlot(CommandContext ctx, byte[][] argv) {
        OptionalLong slot = Args.parseLong(argv[2]);
        if (slot.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        OptionalLong maxKeys = Args.parseLong(argv[3]);
        if (maxKeys.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (!HashSlot.isValid(slot.getAsLong()) || maxKeys.getAsLong() < 0) {
            return Reply.err("Invalid slot or number of keys");
        }
        int count = (int) Math.min(maxKeys.getAsLong(), Integer.MAX_VALUE);
        List<byte[]> keys = new ArrayList<>();
        for (Key key : ctx.keyspace().keysInSlot((int) slot.getAsLong(), count)) {
            keys.add(key.bytes());
        }
        return Reply.bulkArray(keys);
    }

    /** CLUSTER BUMPEPOCH: "+BUMPED <epoch>" or "+STILL <epoch>". */
    private static Reply bumpEpoch(CommandContext ctx, byte[][] argv) {
        boolean bumped = ctx.state().bumpConfigEpochWithoutConsensus();
        return Reply.simple((bumped ? "BUMPED " : "STILL ")
                + Long.toUnsignedString(ctx.state().myself().configEpoch()));
    }

    /** CLUSTER SET-CONFIG-EPOCH epoch: only on a node that knows nobody and has configEpoch 0. */
    private static Reply setConfigEpoch(CommandContext ctx, byte[][] argv) {
        OptionalLong epoch = Args.parseLong(argv[2]);
        if (epoch.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        ClusterState state = ctx.state();
        if (epoch.getAsLong() < 0) {
            return Reply.err("Invalid config epoch specified: " + epoch.getAsLong());
        } else if (state.nodes().size() > 1) {
            return Reply.err("The user can assign a config epoch only when the node does not know any other node.");
        } else if (state.myself().configEpoch() != 0) {
            return Reply.err("Node config epoch is already non-zero");
        }
        state.setMyConfigEpoch(epoch.getAsLong());
        if (state.currentEpoch() < epoch.getAsLong()) {
            state.setCurrentEpoch(epoch.getAsLong());
        }
        state.updateState(ctx.node().config());
        return Reply.ok();
    }

    /** CLUSTER COUNT-FAILURE-REPORTS id: fresh reports (node_timeout x 2) from masters. */
    private static Reply countFailureReports(CommandContext ctx, byte[][] argv) {
        String name = Args.text(argv[2]);
        if (ctx.state().lookup(name) == null) {
            return Errors.unknownNode(name);
        }
        return Reply.integer(ctx.state().failureReportsCount(ctx.state().lookup(name), ctx.node().config().nodeTimeout()));
    }

    /** CLUSTER REPLICAS / SLAVES id: one clusterGenNodeDescription line (no newline) per replica. */
    private static Reply replicas(CommandContext ctx, byte[][] argv) {
        ClusterState state = ctx.state();
        String name = Args.text(argv[2]);
        KnownNode n = state.lookup(name);
        if (n == null) {
            return Errors.unknownNode(name);
        }
        if (n.isReplica()) {
            return Reply.err("The specified node is not a master");
        }
        List<String> lines = new ArrayList<>();
        for (KnownNode replica : state.replicasOf(n)) {
            lines.add(ClusterNodesFormat.clusterGenNodeDescription(state, replica));
        }
        return Reply.bulkStrings(lines);
    }

    /**
     * CLUSTER SAVECONFIG: Redis rewrites nodes.conf and fsyncs it. The simulator keeps no files
     * (its state lives in memory and in saved runs), so there is nothing to write and it answers OK.
     */
    private static Reply saveConfig(CommandContext ctx, byte[][] argv) {
        return Reply.ok();
    }
}
