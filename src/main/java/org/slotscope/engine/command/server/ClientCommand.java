package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.ADMIN;
import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

/**
 * CLIENT ID / SETNAME / GETNAME / INFO / LIST (networking.c, Redis 7.0). Not implemented: KILL,
 * PAUSE, UNPAUSE, TRACKING, CACHING, REPLY, UNBLOCK, NO-EVICT, GETREDIR, TRACKINGINFO (they answer
 * "unknown subcommand").
 */
public final class ClientCommand {
    static final Reply.Error BAD_NAME = Reply.err("Client names cannot contain spaces, newlines or special characters.");

    private ClientCommand() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("client", -2).group("connection")
                .summary("A container for client connection commands")
                .subcommand(CommandSpec.command("getname", 2).flags(NOSCRIPT, LOADING, STALE)
                        .summary("Get the current connection name").handler(ClientCommand::getname))
                .subcommand(CommandSpec.command("setname", 3).flags(NOSCRIPT, LOADING, STALE)
                        .summary("Set the current connection name").handler(ClientCommand::setname))
                .subcommand(CommandSpec.command("info", 2).flags(NOSCRIPT, LOADING, STALE)
                        .summary("Returns information about the current client connection.")
                        .handler(ClientCommand::info))
                .subcommand(CommandSpec.command("id", 2).flags(NOSCRIPT, LOADING, STALE)
                        .summary("Returns the client ID for the current connection")
                        .handler((ctx, argv) -> Reply.integer(ctx.session().id())))
                .subcommand(CommandSpec.command("list", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .summary("Get the list of client connections").handler(ClientCommand::list)));
    }

    /** validateClientName: printable ASCII without spaces ('!' to '~'); the empty name clears it. */
    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    static Reply setname(CommandContext ctx, byte[][] argv) {
        String name = Args.text(argv[2]);
        if (!validName(name)) {
            return BAD_NAME;
        }
        ctx.session().setName(name);
        return Reply.ok();
    }

    static Reply getname(CommandContext ctx, byte[][] argv) {
        String name = ctx.session().name();
        return name.isEmpty() ? Reply.NIL : Reply.bulk(name);
    }

    static Reply info(CommandContext ctx, byte[][] argv) {
        return Reply.verbatim(clientInfoLine(ctx.node(), ctx.session(), ctx.now()) + "\n");
    }

    /** CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...]. */
    static Reply list(CommandContext ctx, byte[][] argv) {
        String type = null;
        Set<Long> ids = null;
        if (argv.length == 4 && Args.is(argv[2], "type")) {
            type = Args.lower(argv[3]);
            if (type.equals("slave")) {
                type = "replica";
            }
            if (!Set.of("normal", "master", "replica", "pubsub").contains(type)) {
                return Reply.err("Unknown client type '" + Args.text(argv[3]) + "'");
            }
        } else if (argv.length > 3 && Args.is(argv[2], "id")) {
            ids = new HashSet<>();
            for (int i = 3; i < argv.length; i++) {
                OptionalLong id = Args.parseLong(argv[i]);
                if (id.isEmpty() || id.getAsLong() <= 0) {
                    return Reply.err("Invalid client ID");
                }
                ids.add(id.getAsLong());
            }
        } else if (argv.length != 2) {
            return Reply.err("syntax error");
        }
        StringBuilder out = new StringBuilder();
        for (ClientSession session : ctx.node().clients()) {
            // Clients connected through the RESP server or the console are all "normal" clients.
            boolean typeMatches = type == null || type.equals("normal");
            if (typeMatches && (ids == null || ids.contains(session.id()))) {
                out.append(clientInfoLine(ctx.node(), session, ctx.now())).append('\n');
            }
        }
        return Reply.verbatim(out.toString());
    }

    /**
     * catClientInfoString (networking.c 7.0), field for field. Buffers and memory are the values of
     * an idle connection; fd is not a descriptor (there are no sockets in the engine) but a stable
     * per-client number.
     */
    static String clientInfoLine(ClusterNode node, ClientSession session, long now) {
        String flags = "";
        if (session.isMasterLink()) {
            flags += "M";
        }
        if (session.readonly()) {
            flags += "r";
        }
        if (flags.isEmpty()) {
            flags = "N";
        }
        return "id=" + session.id()
                + " addr=" + session.peerAddress()
                + " laddr=" + node.address()
                + " fd=" + (8 + session.id())
                + " name=" + session.name()
                + " age=" + Math.max(0, now - session.createdAt()) / 1000
                + " idle=" + Math.max(0, now - session.lastInteraction()) / 1000
                + " flags=" + flags
                + " db=" + session.db()
                + " sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0"
                + " obl=0 oll=0 omem=0 tot-mem=0 events=r"
                + " cmd=" + session.lastCommand()
                + " user=default redir=-1 resp=" + session.protocol();
    }
}
