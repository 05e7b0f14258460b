package org.slotscope.engine.command.cluster;

import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.failover.ReplicaFailover.ManualMode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;

/** CLUSTER FAILOVER [FORCE|TAKEOVER] (clusterCommand, Redis 7.0): checks, then the failover code. */
final class FailoverCommand {
    private FailoverCommand() {
    }

    static Reply failover(CommandContext ctx, byte[][] argv) {
        if (argv.length > 3) {
            return MembershipCommands.subcommandSyntaxError(argv);
        }
        ManualMode mode = ManualMode.DEFAULT;
        if (argv.length == 3) {
            if (Args.is(argv[2], "force")) {
                mode = ManualMode.FORCE;
            } else if (Args.is(argv[2], "takeover")) {
                mode = ManualMode.TAKEOVER;
            } else {
                return Errors.SYNTAX;
            }
        }
        KnownNode myself = ctx.state().myself();
        if (myself.isMaster()) {
            return Reply.err("You should send CLUSTER FAILOVER to a replica");
        }
        KnownNode master = myself.master();
        if (master == null) {
            return Reply.err("I'm a replica but my master is unknown to me");
        }
        if (mode == ManualMode.DEFAULT && (master.has(NodeFlag.FAIL) || !master.linkConnected())) {
            return Reply.err("Master is down or failed, please use CLUSTER FAILOVER FORCE");
        }
        ctx.cluster().bus().failover().manualFailover(ctx.node(), mode);
        return Reply.OK;
    }
}
