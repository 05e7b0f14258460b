package org.slotscope.engine.command.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * SLOTSCOPE: faults as commands, so a script or redis-cli can inject them into a running `serve`.
 * Not a Redis command. Sent to any live node, it acts on the whole simulated cluster:
 * <pre>
 *   SLOTSCOPE CRASH node            the node stops answering, as if killed (SHUTDOWN does it to itself)
 *   SLOTSCOPE FREEZE node ms        the node does nothing for ms (DEBUG SLEEP sent from elsewhere)
 *   SLOTSCOPE RESTART node          restart without persistence: same id and nodes.conf, no keys
 *   SLOTSCOPE PARTITION node,node,... [node,...]   cut the listed groups off from each other and the rest
 *   SLOTSCOPE JITTER ms             bus messages take up to ms more than their link's latency
 *   SLOTSCOPE LOSS percent          that share of bus messages is lost
 *   SLOTSCOPE HEAL                  remove every partition, latency, jitter and loss setting
 *   SLOTSCOPE LATENCY ms [node node]   one-way latency of every link, or of one link both ways
 *   SLOTSCOPE HELP
 * </pre>
 * A node is named by its 40-character id or by ip:port.
 */
public final class FaultCommands {
    private static final List<String> HELP = List.of(
            "SLOTSCOPE <subcommand> [<arg> ...]. Faults for the simulated cluster (not a Redis command):",
            "CRASH <node>",
            "    The node stops answering and its port closes, as if the process were killed.",
            "FREEZE <node> <ms>",
            "    The node does nothing for <ms>, like DEBUG SLEEP: no answers, no pings, no timers.",
            "RESTART <node>",
            "    Start a stopped node again: same id and cluster view, no keys (no persistence).",
            "PARTITION <node>[,<node>...] [<node>[,<node>...] ...]",
            "    Each listed group can only reach its own members; unlisted nodes form one more group.",
            "JITTER <ms>",
            "    Cluster bus messages take up to <ms> more than their link's latency.",
            "LOSS <percent>",
            "    That share of cluster bus messages is lost on the way.",
            "HEAL",
            "    Remove every partition, latency, jitter and loss setting.",
            "LATENCY <ms> [<node> <node>]",
            "    One-way latency of every cluster bus link, or of the link between two nodes.",
            "HELP",
            "    Print this help.",
            "A <node> is a 40-character node id or ip:port.");

    private FaultCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("slotscope", -2)
                .group("slotscope")
                .summary("Inject faults into the simulated cluster (SlotScope only)")
                .subcommand(sub("crash", 3, "Stop a node as if it were killed").handler(FaultCommands::crash))
                .subcommand(sub("freeze", 4, "Stop a node from doing anything for some milliseconds")
                        .handler(FaultCommands::freeze))
                .subcommand(sub("restart", 3, "Restart a stopped node without persistence")
                        .handler(FaultCommands::restart))
                .subcommand(sub("partition", -3, "Split the network into groups").handler(FaultCommands::partition))
                .subcommand(sub("heal", 2, "Remove partitions, latency, jitter and loss")
                        .handler(FaultCommands::heal))
                .subcommand(sub("jitter", 3, "Add random delay to cluster bus messages").handler(FaultCommands::jitter))
                .subcommand(sub("loss", 3, "Lose a share of cluster bus messages").handler(FaultCommands::loss))
                .subcommand(sub("latency", -3, "Set the one-way latency of links").handler(FaultCommands::latency))
                .subcommand(sub("help", 2, "Show helpful text about the different subcommands")
                        .handler((ctx, argv) -> Reply.bulkStrings(HELP))));
    }

    private static CommandSpec.Builder sub(String name, int arity, String summary) {
        return CommandSpec.command(name, arity).flags(CommandFlag.ADMIN, CommandFlag.STALE).summary(summary);
    }

    /** A node by 40-hex id or ip:port, or null. */
    static ClusterNode resolve(SimCluster cluster, String name) {
        if (NodeId.isValid(name)) {
            return cluster.node(new NodeId(name));
        }
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            OptionalLong port = Args.parseLong(Args.bytes(name.substring(colon + 1)));
            String host = name.substring(0, colon);
            if (port.isPresent() && port.getAsLong() > 0 && port.getAsLong() <= 65535) {
                return cluster.nodeAt(host.equalsIgnoreCase("localhost") ? SimCluster.DEFAULT_HOST : host,
                        (int) port.getAsLong());
            }
        }
        return null;
    }

    private static Reply crash(CommandContext ctx, byte[][] argv) {
        ClusterNode node = resolve(ctx.cluster(), Args.text(argv[2]));
        if (node == null) {
            return Errors.unknownNode(Args.text(argv[2]));
        }
        if (node == ctx.node()) {
            return Reply.err("use SHUTDOWN NOSAVE to stop the node you are connected to");
        }
        if (!node.isRunning()) {
            return Reply.err("node " + node.address() + " is already stopped");
        }
        ctx.cluster().stopNode(node, "SLOTSCOPE CRASH");
        return Reply.OK;
    }

    private static Reply freeze(CommandContext ctx, byte[][] argv) {
        ClusterNode node = resolve(ctx.cluster(), Args.text(argv[2]));
        if (node == null) {
            return Errors.unknownNode(Args.text(argv[2]));
        }
        OptionalLong millis = Args.parseLong(argv[3]);
        if (millis.isEmpty() || millis.getAsLong() < 0) {
            return Errors.NOT_INTEGER;
        }
        if (node == ctx.node()) {
            return Reply.err("use DEBUG SLEEP to freeze the node you are connected to");
        }
        ctx.cluster().freeze(node, millis.getAsLong());
        return Reply.OK;
    }

    private static Reply restart(CommandContext ctx, byte[][] argv) {
        ClusterNode node = resolve(ctx.cluster(), Args.text(argv[2]));
        if (node == null) {
            return Errors.unknownNode(Args.text(argv[2]));
        }
        if (node.isRunning()) {
            return Reply.err("node " + node.address() + " is running: CRASH it first");
        }
        ctx.cluster().restartNode(node);
        return Reply.OK;
    }

    private static Reply partition(CommandContext ctx, byte[][] argv) {
        List<List<ClusterNode>> groups = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            List<ClusterNode> group = new ArrayList<>();
            for (String name : Args.text(argv[i]).split(",")) {
                ClusterNode node = resolve(ctx.cluster(), name.trim());
                if (node == null) {
                    return Errors.unknownNode(name.trim());
                }
                group.add(node);
            }
            groups.add(group);
        }
        ctx.cluster().network().clearPartitions(); // a new PARTITION replaces the previous one
        int groupNumber = 0;
        for (List<ClusterNode> group : groups) {
            groupNumber++;
            for (ClusterNode node : group) {
                ctx.cluster().network().setPartitionGroup(node.id(), groupNumber);
            }
        }
        return Reply.OK;
    }

    private static Reply heal(CommandContext ctx, byte[][] argv) {
        ctx.cluster().network().heal();
        return Reply.OK;
    }

    private static Reply jitter(CommandContext ctx, byte[][] argv) {
        OptionalLong millis = Args.parseLong(argv[2]);
        if (millis.isEmpty() || millis.getAsLong() < 0) {
            return Errors.NOT_INTEGER;
        }
        ctx.cluster().network().setJitterMillis(millis.getAsLong());
        return Reply.OK;
    }

    private static Reply loss(CommandContext ctx, byte[][] argv) {
        java.util.OptionalDouble percent = Args.parseDouble(argv[2]);
        if (percent.isEmpty() || percent.getAsDouble() < 0 || percent.getAsDouble() > 100) {
            return Reply.err("loss must be a percentage from 0 to 100");
        }
        ctx.cluster().network().setLossRate(percent.getAsDouble() / 100);
        return Reply.OK;
    }

    private static Reply latency(CommandContext ctx, byte[][] argv) {
        OptionalLong millis = Args.parseLong(argv[2]);
        if (millis.isEmpty() || millis.getAsLong() < 0) {
            return Errors.NOT_INTEGER;
        }
        if (argv.length == 3) {
            ctx.cluster().network().setDefaultLatencyMillis(millis.getAsLong());
            return Reply.OK;
        }
        if (argv.length != 5) {
            return Errors.SYNTAX;
        }
        ClusterNode a = resolve(ctx.cluster(), Args.text(argv[3]));
        ClusterNode b = resolve(ctx.cluster(), Args.text(argv[4]));
        if (a == null || b == null) {
            return Errors.unknownNode(Args.text(a == null ? argv[3] : argv[4]));
        }
        ctx.cluster().network().setLinkLatency(a.id(), b.id(), millis.getAsLong());
        return Reply.OK;
    }
}
