package org.slotscope.engine.command;

import static org.slotscope.engine.command.CommandFlag.ALLOW_BUSY;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.SKIP_SLOWLOG;
import static org.slotscope.engine.command.CommandFlag.STALE;

/**
 * MULTI / EXEC / DISCARD (multi.c, Redis 7.0). Between MULTI and EXEC the dispatcher checks each
 * command as processCommand does (lookup, arity, routing) and queues it with +QUEUED; a command
 * refused on the way flags the transaction, and EXEC then aborts it. EXEC routes all the queued keys
 * once more and runs the commands one after the other, nothing else in between. WATCH is not
 * simulated. redis-cli --cluster fix gives a slot its owner inside MULTI, which is why this exists.
 */
final class TransactionCommands {
    static final Reply QUEUED = new Reply.SimpleString("QUEUED");

    private TransactionCommands() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("multi", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .group("transactions").summary("Mark the start of a transaction block")
                .handler(TransactionCommands::multi));
        table.register(CommandSpec.command("exec", 1).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                .group("transactions").summary("Execute all commands issued after MULTI")
                .handler(TransactionCommands::exec));
        table.register(CommandSpec.command("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .group("transactions").summary("Discard all commands issued after MULTI")
                .handler(TransactionCommands::discard));
    }

    /** The commands that run at once even inside MULTI (processCommand's list, without WATCH / RESET). */
    static boolean runsInsideMulti(CommandSpec spec) {
        return switch (spec.name()) {
            case "exec", "discard", "multi", "quit" -> true;
            default -> false;
        };
    }

    private static Reply multi(CommandContext ctx, byte[][] argv) {
        if (ctx.session().inMulti()) {
            return Reply.err("MULTI calls can not be nested");
        }
        ctx.session().startMulti();
        return Reply.ok();
    }

    private static Reply discard(CommandContext ctx, byte[][] argv) {
        if (!ctx.session().inMulti()) {
            return Reply.err("DISCARD without MULTI");
        }
        ctx.session().discardTransaction();
        return Reply.ok();
    }

    private static Reply exec(CommandContext ctx, byte[][] argv) {
        ClientSession session = ctx.session();
        if (!session.inMulti()) {
            return Reply.err("EXEC without MULTI");
        }
        if (session.dirtyExec()) {
            session.discardTransaction();
            return Reply.error("EXECABORT Transaction discarded because of previous errors.");
        }
        java.util.List<ClientSession.Queued> queued = session.queued();
        session.discardTransaction();
        return ctx.dispatcher().execTransaction(ctx.node(), session, queued);
    }
}
