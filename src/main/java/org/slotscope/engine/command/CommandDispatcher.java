package org.slotscope.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;

/**
 * processCommand (server.c), the parts a cluster node needs: look the command up, check arity,
 * route by slot (getNodeByQuery), execute, clear ASKING, count, publish, replicate.
 */
public final class CommandDispatcher {
    private final SimCluster cluster;
    private final CommandTable table;

    public CommandDispatcher(SimCluster cluster, CommandTable table) {
        this.cluster = cluster;
        this.table = table;
    }

    public CommandTable table() {
        return table;
    }

    public Reply process(ClusterNode node, ClientSession session, byte[][] argv) {
        if (node.isFrozen(cluster.now()) && !session.isMasterLink()) {
            // a frozen node reads nothing: the command runs when it wakes up
            return new Reply.Blocked(() -> node.isFrozen(cluster.now()) ? null : process(node, session, argv));
        }
        Reply reply = dispatch(node, session, argv);
        if (reply instanceof Reply.Error error) {
            node.stats().errorReplies++;
            // afterErrorReply: INFO errorstats counts errors by their code (the first word).
            node.stats().countError(error.code());
        }
        return reply;
    }

    private Reply dispatch(ClusterNode node, ClientSession session, byte[][] argv) {
        long now = cluster.now();
        if (argv.length == 0) {
            return null; // an empty inline line: Redis answers nothing
        }
        CommandSpec spec = table.lookup(argv[0]);
        if (spec == null) {
            if (crossProtocolAttack(argv[0])) {
                // processCommand: "POST" and "Host:" (no commands) are HTTP sent to Redis (cross protocol
                // scripting); securityWarningCommand frees the client before anything else, unanswered
                session.free();
                return null;
            }
            return reject(node, session, Errors.unknownCommand(new String(argv[0], StandardCharsets.UTF_8), argv));
        }
        // A container with a handler of its own (COMMAND) also runs without a subcommand.
        if (spec.isContainer() && !(argv.length == 1 && spec.handler() != null && spec.arityAccepts(1))) {
            if (argv.length < 2) {
                return reject(node, session, Errors.wrongArity(spec.fullName()));
            }
            String subName = new String(argv[1], StandardCharsets.UTF_8);
            CommandSpec sub = spec.subcommand(subName.toLowerCase(Locale.ROOT));
            if (sub == null) {
                return reject(node, session, Errors.unknownSubcommand(spec.name(), subName));
            }
            spec = sub;
        }
        if (!spec.arityAccepts(argv.length)) {
            return reject(node, session, spec, Errors.wrongArity(spec.fullName()));
        }
        // processCommand: with requirepass set, only no_auth commands (AUTH, HELLO, QUIT) run before AUTH.
        if (!session.isMasterLink() && !node.config().requirePass().isEmpty() && !session.authenticated()
                && !spec.has(CommandFlag.NO_AUTH)) {
            return reject(node, session, spec, Errors.NOAUTH);
        }
        if (session.inMulti() && spec.has(CommandFlag.NO_MULTI)) {
            return reject(node, session, spec, Reply.err("Command not allowed inside a transaction"));
        }
        session.recordCommand(spec.fullName(), now);
        boolean exec = session.inMulti() && spec.name().equals("exec");

        int slot = -1;
        if (!session.isMasterLink() && (spec.hasKeys() || exec)) {
            Route route = exec ? routeTransaction(node, session, session.queued())
                    : QueryRouter.route(node, session, spec, argv);
            if (route instanceof Route.Redirect redirect) {
                node.stats().rejectedCalls++;
                node.stats().countRejected(spec.fullName());
                if (!session.inMulti()) {
                    session.setAsking(false);
                }
                // processCommand: a refused EXEC ends the transaction; a refused queued command dooms it.
                if (exec) {
                    session.discardTransaction();
                } else {
                    session.flagTransaction();
                }
                cluster.events().emit(new ClusterEvent.Redirected(now, node.id(), session.id(), spec.fullName(),
                        redirect.kind(), redirect.slot(),
                        redirect.target() == null ? null : redirect.target().id(),
                        redirect.target() == null ? null : redirect.target().address()));
                return redirect.toError();
            }
            slot = ((Route.Serve) route).slot();
        }

        // EXEC counts as a write when a queued command writes (processCommand's is_write_command).
        boolean write = spec.has(CommandFlag.WRITE)
                || exec && session.queued().stream().anyMatch(q -> q.spec().has(CommandFlag.WRITE));
        // A master paused for a coordinated CLUSTER FAILOVER holds its writers (pauseClients with
        // CLIENT_PAUSE_WRITE); when it lets them go the command is processed again, so after the
        // switch it is redirected to the new master instead of being lost.
        if (write && !session.isMasterLink() && node.isMaster()
                && node.state().failover().pausedUntil > now) {
            return new Reply.Blocked(() -> node.isMaster() && node.state().failover().pausedUntil > cluster.now()
                    ? null : process(node, session, argv));
        }
        // processCommand: "Don't accept write commands if this is a read only slave" (after routing,
        // so a keyed write is redirected to the master first).
        if (write && !session.isMasterLink() && node.state().myself().isReplica()) {
            return reject(node, session, Errors.READONLY_REPLICA);
        }
        if (session.inMulti() && !TransactionCommands.runsInsideMulti(spec)) {
            // queueMultiCommand; the ASKING flag stays for the whole transaction (resetClient)
            session.queue(spec, argv);
            return TransactionCommands.QUEUED;
        }
        return call(node, session, spec, argv, slot);
    }

    /**
     * call(): runs one command that passed every check, then clears ASKING, counts it, publishes it
     * and replicates it.
     */
    private Reply call(ClusterNode node, ClientSession session, CommandSpec spec, byte[][] argv, int slot) {
        long now = cluster.now();
        CommandContext ctx = new CommandContext(cluster, node, session, spec, this);
        Reply reply = spec.handler().handle(ctx, argv);
        // resetClient: the ASKING flag lasts for one command, unless the command was ASKING itself,
        // or a transaction is being queued or executed.
        if (!spec.fullName().equals("asking") && !session.inTransaction()) {
            session.setAsking(false);
        }
        node.stats().commandsProcessed++;
        node.stats().countCall(spec.fullName());
        if (reply instanceof Reply.Error) {
            node.stats().countFailed(spec.fullName()); // failed_calls: executed, answered an error
        }
        cluster.events().emit(new ClusterEvent.CommandExecuted(now, node.id(), session.id(), spec.fullName(), slot,
                reply instanceof Reply.Error));
        if (spec.has(CommandFlag.WRITE) && !(reply instanceof Reply.Error) && node.isMaster()
                && !session.isMasterLink()) {
            byte[][] propagated = ctx.propagation() != null ? ctx.propagation() : argv;
            if (propagated.length > 0) {
                cluster.replicate(node, propagated);
            }
        }
        return reply;
    }

    /**
     * getNodeByQuery for EXEC: the keys of every queued command together must be in one slot served
     * here (checked again, as the slot may have moved since they were queued).
     */
    private static Route routeTransaction(ClusterNode node, ClientSession session, List<ClientSession.Queued> queued) {
        int slot = -1;
        for (ClientSession.Queued q : queued) {
            if (!q.spec().hasKeys() || q.spec().keyIndexes(q.argv()).length == 0) {
                continue;
            }
            Route route = QueryRouter.route(node, session, q.spec(), q.argv());
            if (route instanceof Route.Redirect) {
                return route;
            }
            int commandSlot = ((Route.Serve) route).slot();
            if (slot >= 0 && commandSlot != slot) {
                return new Route.Redirect(org.slotscope.engine.event.RedirectKind.CROSS_SLOT, slot, null);
            }
            slot = commandSlot;
        }
        return new Route.Serve(slot);
    }

    /**
     * execCommand: the queued commands one after the other, their replies in one array. A command
     * that would block (DEBUG SLEEP) makes EXEC answer when it is done, as Redis's whole EXEC waits.
     */
    Reply execTransaction(ClusterNode node, ClientSession session, List<ClientSession.Queued> queued) {
        List<Reply> replies = new ArrayList<>(queued.size());
        session.setExecutingTransaction(true);
        try {
            for (ClientSession.Queued q : queued) {
                Route route = QueryRouter.route(node, session, q.spec(), q.argv());
                int slot = route instanceof Route.Serve serve ? serve.slot() : -1;
                replies.add(call(node, session, q.spec(), q.argv(), slot));
            }
        } finally {
            session.setExecutingTransaction(false);
        }
        if (replies.stream().noneMatch(r -> r instanceof Reply.Blocked)) {
            return Reply.array(replies);
        }
        return new Reply.Blocked(() -> {
            List<Reply> ready = new ArrayList<>(replies.size());
            for (Reply r : replies) {
                Reply now = r instanceof Reply.Blocked blocked ? blocked.poll().get() : r;
                if (now == null) {
                    return null;
                }
                ready.add(now);
            }
            return Reply.array(ready);
        });
    }

    /**
     * rejectCommand: refused before execution. The ASKING flag does not survive it (resetClient)
     * outside a transaction; inside one, the transaction is doomed (flagTransaction).
     */
    private Reply reject(ClusterNode node, ClientSession session, Reply.Error error) {
        node.stats().rejectedCalls++;
        if (!session.inMulti()) {
            session.setAsking(false);
        }
        session.flagTransaction();
        return error;
    }

    /** Rejected after lookup: INFO commandstats counts it as rejected_calls of that command. */
    private Reply reject(ClusterNode node, ClientSession session, CommandSpec spec, Reply.Error error) {
        node.stats().countRejected(spec.fullName());
        return reject(node, session, error);
    }

    /** Only for names that are no command, so the commands' path pays nothing for it. */
    private static boolean crossProtocolAttack(byte[] name) {
        return CommandTable.equalsIgnoringAsciiCase("post", name) || CommandTable.equalsIgnoringAsciiCase("host:", name);
    }
}
