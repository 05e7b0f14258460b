package org.slotscope.engine.command.cluster;

import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * Who is in the cluster and in which role: CLUSTER MEET, FORGET, REPLICATE, RESET
 * (Redis 7.0 cluster.c: clusterCommand, clusterStartHandshake, clusterSetMaster, clusterReset).
 */
final class MembershipCommands {
    /** CLUSTER_BLACKLIST_TTL: a forgotten node cannot come back through gossip for 60 s. */
    static final long CLUSTER_BLACKLIST_TTL_MILLIS = 60_000;

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private MembershipCommands() {
    }

    /** CLUSTER MEET ip port [cport]. */
    static Reply meet(CommandContext ctx, byte[][] argv) {
        if (argv.length != 4 && argv.length != 5) {
            return subcommandSyntaxError(argv); // arity is -4, but more than 5 falls to the final else
        }
        OptionalLong port = Args.parseLong(argv[3]);
        if (port.isEmpty()) {
            return Reply.err("Invalid TCP base port specified: " + Args.text(argv[3]));
        }
        long cport;
        if (argv.length == 5) {
            OptionalLong bus = Args.parseLong(argv[4]);
            if (bus.isEmpty()) {
                return Reply.err("Invalid TCP bus port specified: " + Args.text(argv[4]));
            }
            cport = bus.getAsLong();
        } else {
            cport = port.getAsLong() + 10000; // CLUSTER_PORT_INCR
        }
        String ip = Args.text(argv[2]);
        // clusterStartHandshake: inet_pton must accept the address (no host names) and both
        // ports must be 1..65535, else EINVAL.
        if (!isIpAddress(ip) || port.getAsLong() <= 0 || port.getAsLong() > 65535 || cport <= 0 || cport > 65535) {
            return Reply.err("Invalid node address specified: " + ip + ":" + Args.text(argv[3]));
        }
        // Redis answers OK and retries the handshake in the background until it times out, even
        // when nobody listens there; so does the simulator.
        ctx.cluster().meet(ctx.node(), ip, (int) port.getAsLong(), (int) cport);
        return Reply.ok();
    }

    /** What inet_pton(AF_INET) or inet_pton(AF_INET6) accepts, near enough (no host names). */
    static boolean isIpAddress(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!IPV6.matcher(ip).matches() || ip.length() > 45) {
            return false;
        }
        int doubleColon = ip.indexOf("::");
        if (doubleColon >= 0 && ip.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = ip.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue;
            }
            if (group.contains(".")) { // an embedded IPv4 tail counts for two groups
                if (i != groups.length - 1 || !IPV4.matcher(group).matches()) {
                    return false;
                }
                count += 2;
            } else if (group.length() > 4) {
                return false;
            } else {
                count++;
            }
        }
        return doubleColon >= 0 ? count < 8 : count == 8;
    }

    /** CLUSTER FORGET id. */
    static Reply forget(CommandContext ctx, byte[][] argv) {
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        String name = Args.text(argv[2]);
        KnownNode n = state.lookup(name);
        if (n == null) {
            return Errors.unknownNode(name);
        } else if (n == myself) {
            return Reply.err("I tried hard but I can't forget myself...");
        } else if (myself.isReplica() && myself.master() == n) {
            return Reply.err("Can't forget my master!");
        }
        state.blacklistAddNode(n.id(), CLUSTER_BLACKLIST_TTL_MILLIS);
        state.removeNode(n); // clusterDelNode
        state.updateState(ctx.node().config());
        return Reply.ok();
    }

    /** CLUSTER REPLICATE id. */
    static Reply replicate(CommandContext ctx, byte[][] argv) {
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        String name = Args.text(argv[2]);
        KnownNode n = state.lookup(name);
        if (n == null) {
            return Errors.unknownNode(name);
        }
        if (n == myself) {
            return Reply.err("Can't replicate myself");
        }
        if (n.isReplica()) {
            return Reply.err("I can only replicate a master, not a replica.");
        }
        // "If the instance is currently a master, it should have no assigned slots nor keys to
        // accept to replicate some other node."
        if (myself.isMaster() && (myself.slotCount() != 0 || ctx.keyspace().size() != 0)) {
            return Reply.err("To set a master the node must be empty and without assigned slots.");
        }
        ctx.cluster().becomeReplicaOf(ctx.node(), n.id()); // clusterSetMaster + full resync
        return Reply.ok();
    }

    /** CLUSTER RESET [HARD|SOFT]. */
    static Reply reset(CommandContext ctx, byte[][] argv) {
        if (argv.length > 3) {
            return subcommandSyntaxError(argv); // arity -2 lets it through to the final else
        }
        boolean hard = false;
        if (argv.length == 3) {
            if (Args.is(argv[2], "hard")) {
                hard = true;
            } else if (!Args.is(argv[2], "soft")) {
                return Errors.SYNTAX;
            }
        }
        // "Slaves can be reset while containing data, but not master nodes that must be empty."
        if (ctx.node().isMaster() && ctx.keyspace().size() != 0) {
            return Reply.err("CLUSTER RESET can't be called with master nodes containing keys");
        }
        clusterReset(ctx, hard);
        return Reply.ok();
    }

    /**
     * clusterReset: a replica turns into an empty master; every slot is closed and unassigned and
     * every other node forgotten. HARD also sets currentEpoch, lastVoteEpoch and configEpoch to 0.
     * Redis HARD also gives the node a new random id; the simulator cannot yet (a node's NodeId is
     * final in ClusterNode), so the id is kept.
     */
    private static void clusterReset(CommandContext ctx, boolean hard) {
        ClusterState state = ctx.state();
        KnownNode myself = state.myself();
        if (myself.isReplica()) {
            state.setRole(myself, null); // clusterSetNodeAsMaster + replicationUnsetMaster
            myself.setShardId(null);
            long removed = ctx.keyspace().flushAll(); // emptyData
            ctx.cluster().events().emit(new ClusterEvent.KeyspaceFlushed(ctx.now(), ctx.node().id(), removed));
        }
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            state.setStable(slot); // clusterCloseAllSlots
        }
        state.assignSlots(0, HashSlot.SLOTS - 1, null);
        for (KnownNode node : new ArrayList<>(state.nodes())) {
            if (node != myself) {
                state.removeNode(node);
            }
        }
        if (hard) {
            state.setCurrentEpoch(0);
            state.setLastVoteEpoch(0);
            state.setMyConfigEpoch(0);
        }
        state.updateState(ctx.node().config());
    }

    /** addReplySubcommandSyntaxError: the subcommand as the client typed it. */
    static Reply subcommandSyntaxError(byte[][] argv) {
        String sub = Args.text(argv[1]);
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        return Reply.err("unknown subcommand or wrong number of arguments for '" + sub + "'. Try CLUSTER HELP.");
    }
}
