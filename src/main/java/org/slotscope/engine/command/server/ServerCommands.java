package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.ADMIN;
import static org.slotscope.engine.command.CommandFlag.ALLOW_BUSY;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.NO_AUTH;
import static org.slotscope.engine.command.CommandFlag.NO_MULTI;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

/**
 * The server and connection commands of Redis 7.0 (server.c, networking.c, cluster.c):
 * PING, ECHO, SELECT, QUIT, TIME, ASKING, READONLY, READWRITE, SHUTDOWN, AUTH, HELLO here; INFO,
 * CONFIG, COMMAND, CLIENT and FUNCTION in their own classes. Arity and flags are Redis 7.0.15's
 * (checked with COMMAND INFO on a real server).
 */
public final class ServerCommands {

    /** The version the nodes announce: Redis 7.0.15's, because tools parse redis_version and HELLO's version. */
    public static final String REDIS_VERSION = "7.0.15";

    private ServerCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("ping", -1).flags(FAST).group("connection")
                .summary("Ping the server").handler(ServerCommands::ping));
        table.register(CommandSpec.command("echo", 2).flags(LOADING, STALE, FAST).group("connection")
                .summary("Echo the given string").handler((ctx, argv) -> Reply.bulk(argv[1])));
        table.register(CommandSpec.command("select", 2).flags(LOADING, STALE, FAST).group("connection")
                .summary("Change the selected database for the current connection").handler(ServerCommands::select));
        table.register(CommandSpec.command("quit", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .group("connection").summary("Close the connection").handler(ServerCommands::quit));
        table.register(CommandSpec.command("time", 1).flags(LOADING, STALE, FAST).group("server")
                .summary("Return the current server time").handler(ServerCommands::time));
        table.register(CommandSpec.command("asking", 1).flags(FAST).group("cluster")
                .summary("Sent by cluster clients after an -ASK redirect").handler(ServerCommands::asking));
        table.register(CommandSpec.command("readonly", 1).flags(LOADING, STALE, FAST).group("cluster")
                .summary("Enables read queries for a connection to a cluster replica node")
                .handler(ServerCommands::readonly));
        table.register(CommandSpec.command("readwrite", 1).flags(LOADING, STALE, FAST).group("cluster")
                .summary("Disables read queries for a connection to a cluster replica node")
                .handler(ServerCommands::readwrite));
        table.register(CommandSpec.command("shutdown", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY)
                .group("server").summary("Synchronously save the dataset to disk and then shut down the server")
                .handler(ServerCommands::shutdown));
        table.register(CommandSpec.command("auth", -2).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .group("connection").summary("Authenticate to the server").handler(ServerCommands::auth));
        table.register(CommandSpec.command("hello", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .group("connection").summary("Handshake with Redis").handler(ServerCommands::hello));
        table.register(CommandSpec.command("role", 1).flags(NOSCRIPT, LOADING, STALE, FAST)
                .group("server").summary("Return the role of the instance in the context of replication")
                .handler(ServerCommands::role));
        table.register(CommandSpec.command("wait", 3).flags(NOSCRIPT).group("generic")
                .summary("Wait for the synchronous replication of all the write commands sent in the context of the current connection")
                .handler(ServerCommands::waitCommand));
        table.register(CommandSpec.command("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server")
                .summary("A container for debugging commands")
                .subcommand(CommandSpec.command("sleep", 3).summary("Stop the server for the given seconds")
                        .handler(ServerCommands::debugSleep)));
        InfoCommand.register(table);
        ConfigCommand.register(table);
        CommandCommand.register(table);
        ClientCommand.register(table);
        FunctionCommand.register(table);
    }

    /** pingCommand: PONG, or the argument as a bulk string. */
    static Reply ping(CommandContext ctx, byte[][] argv) {
        if (argv.length > 2) {
            return Errors.wrongArity("ping");
        }
        return argv.length == 1 ? Reply.PONG : Reply.bulk(argv[1]);
    }

    /** selectCommand: parse as an int first, then refuse any db but 0 in cluster mode. */
    static Reply select(CommandContext ctx, byte[][] argv) {
        OptionalLong id = Args.parseLong(argv[1]);
        if (id.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (id.getAsLong() < Integer.MIN_VALUE || id.getAsLong() > Integer.MAX_VALUE) {
            return Reply.err("value is out of range, value must between -2147483648 and 2147483647");
        }
        if (id.getAsLong() != 0) {
            return Reply.err("SELECT is not allowed in cluster mode");
        }
        ctx.session().setDb(0);
        return Reply.ok();
    }

    /** quitCommand: OK, then the connection closes once the reply is written. */
    static Reply quit(CommandContext ctx, byte[][] argv) {
        ctx.session().requestClose();
        return Reply.ok();
    }

    /** timeCommand: [unix seconds, microseconds], here from the virtual clock. */
    static Reply time(CommandContext ctx, byte[][] argv) {
        long micros = epochMicros(ctx, ctx.now());
        return Reply.bulkStrings(List.of(Long.toString(micros / 1_000_000), Long.toString(micros % 1_000_000)));
    }

    /** The virtual time as microseconds since the Unix epoch. */
    static long epochMicros(CommandContext ctx, long virtualMillis) {
        return ctx.cluster().toUnixMillis(virtualMillis) * 1000;
    }

    /**
     * waitCommand (replication.c): block until {@code numreplicas} replicas acknowledged the stream
     * up to now, or until the timeout (0 = forever); reply with how many did.
     */
    static Reply waitCommand(CommandContext ctx, byte[][] argv) {
        org.slotscope.engine.node.KnownNode myself = ctx.state().myself();
        if (myself.isReplica()) {
            return Reply.err("WAIT cannot be used with replica instances. Please also note that since Redis 4.0 "
                    + "if a replica is configured to be writable (which is not the default) writes to replicas are "
                    + "just local and are not propagated.");
        }
        java.util.OptionalLong wanted = Args.parseLong(argv[1]);
        java.util.OptionalLong timeout = Args.parseLong(argv[2]);
        if (wanted.isEmpty() || timeout.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        if (timeout.getAsLong() < 0) {
            return Reply.err("timeout is negative");
        }
        long target = myself.replOffset();
        long deadline = timeout.getAsLong() == 0 ? Long.MAX_VALUE : ctx.now() + timeout.getAsLong();
        java.util.function.Supplier<Reply> poll = () -> {
            int acked = 0;
            for (org.slotscope.engine.node.KnownNode replica : ctx.state().replicasOf(myself)) {
                if (replica.replOffset() >= target) {
                    acked++;
                }
            }
            return acked >= wanted.getAsLong() || ctx.now() >= deadline ? Reply.integer(acked) : null;
        };
        Reply now = poll.get();
        if (now == null && ctx.session().inTransaction()) {
            // "If the client is in MULTI context, just reply with the current number of acks": no blocking
            int acked = 0;
            for (org.slotscope.engine.node.KnownNode replica : ctx.state().replicasOf(myself)) {
                if (replica.replOffset() >= target) {
                    acked++;
                }
            }
            return Reply.integer(acked);
        }
        return now != null ? now : new Reply.Blocked(poll);
    }

    /** DEBUG SLEEP seconds: the node stops doing anything, then answers OK. */
    static Reply debugSleep(CommandContext ctx, byte[][] argv) {
        java.util.OptionalDouble seconds = Args.parseDouble(argv[2]);
        if (seconds.isEmpty() || seconds.getAsDouble() < 0 || Double.isInfinite(seconds.getAsDouble())) {
            return Errors.NOT_FLOAT;
        }
        long millis = (long) (seconds.getAsDouble() * 1000);
        ctx.cluster().freeze(ctx.node(), millis);
        long until = ctx.node().frozenUntil();
        return new Reply.Blocked(() -> ctx.now() >= until ? Reply.OK : null);
    }

    /**
     * roleCommand (replication.c): ["master", offset, [[ip, "port", "offset"], ...]] or
     * ["slave", master ip, master port, link state, offset].
     */
    static Reply role(CommandContext ctx, byte[][] argv) {
        org.slotscope.engine.node.KnownNode myself = ctx.state().myself();
        if (myself.isMaster() || myself.master() == null) {
            List<Reply> replicas = new java.util.ArrayList<>();
            for (org.slotscope.engine.node.KnownNode replica : ctx.state().replicasOf(myself)) {
                if (!replica.isFailing()) {
                    replicas.add(Reply.array(Reply.bulk(replica.ip()), Reply.bulk(String.valueOf(replica.port())),
                            Reply.bulk(String.valueOf(replica.replOffset()))));
                }
            }
            return Reply.array(Reply.bulk("master"), Reply.integer(myself.replOffset()), Reply.array(replicas));
        }
        org.slotscope.engine.node.KnownNode master = myself.master();
        // replication states as ROLE names them: connect (no link), sync (full resync), connected
        String linkState = ctx.node().syncingFrom() != null ? "sync"
                : master.linkConnected() && !master.isFailing() ? "connected" : "connect";
        return Reply.array(Reply.bulk("slave"), Reply.bulk(master.ip()), Reply.integer(master.port()),
                Reply.bulk(linkState), Reply.integer(myself.replOffset()));
    }

    /** askingCommand (cluster.c): the next command may touch an IMPORTING slot. The dispatcher clears it after. */
    static Reply asking(CommandContext ctx, byte[][] argv) {
        ctx.session().setAsking(true);
        return Reply.ok();
    }

    /** readonlyCommand: reads of the master's slots may be served by this replica. */
    static Reply readonly(CommandContext ctx, byte[][] argv) {
        ctx.session().setReadonly(true);
        return Reply.ok();
    }

    static Reply readwrite(CommandContext ctx, byte[][] argv) {
        ctx.session().setReadonly(false);
        return Reply.ok();
    }

    /**
     * shutdownCommand: the options are parsed as Redis parses them, then the node stops. A real
     * server sends no reply (the connection just closes); in-process there is nothing to close,
     * so the reply is null ("no reply") and the session is marked to be closed. ABORT answers the
     * error a real server gives when no shutdown is in progress. SAVE/NOSAVE change nothing: the
     * simulator has no persistence.
     */
    static Reply shutdown(CommandContext ctx, byte[][] argv) {
        boolean abort = false;
        boolean save = false;
        boolean nosave = false;
        for (int i = 1; i < argv.length; i++) {
            String option = Args.lower(argv[i]);
            switch (option) {
                case "nosave" -> nosave = true;
                case "save" -> save = true;
                case "now", "force" -> {
                }
                case "abort" -> abort = true;
                default -> {
                    return Errors.SYNTAX;
                }
            }
        }
        if ((abort && argv.length != 2) || (save && nosave)) {
            return Errors.SYNTAX;
        }
        if (abort) {
            return Reply.err("No shutdown in progress.");
        }
        ctx.session().requestClose();
        ctx.cluster().stopNode(ctx.node(), "SHUTDOWN");
        return null;
    }

    /**
     * authCommand (acl.c, 7.0): AUTH password checks the default user; AUTH user password also
     * accepts "default". Without requirepass the default user is "nopass": any password works for
     * AUTH default x, while the one-argument form is refused as a configuration mistake.
     */
    static Reply auth(CommandContext ctx, byte[][] argv) {
        if (argv.length > 3) {
            return Errors.SYNTAX;
        }
        String requirePass = ctx.node().config().requirePass();
        if (argv.length == 2) {
            if (requirePass.isEmpty()) {
                return Reply.err("AUTH <password> called without any password configured for the default user. "
                        + "Are you sure your configuration is correct?");
            }
            return checkPassword(ctx.session(), requirePass, "default", Args.text(argv[1]));
        }
        return checkPassword(ctx.session(), requirePass, Args.text(argv[1]), Args.text(argv[2]));
    }

    private static Reply checkPassword(ClientSession session, String requirePass, String user, String password) {
        if (user.equals("default") && (requirePass.isEmpty() || requirePass.equals(password))) {
            session.setAuthenticated(true);
            return Reply.ok();
        }
        return WRONGPASS;
    }

    static final Reply.Error WRONGPASS = Reply.error("WRONGPASS invalid username-password pair or user is disabled.");

    /**
     * helloCommand (networking.c, 7.0): [protover [AUTH user pass] [SETNAME name]]. Options are
     * validated before anything changes; the reply is the server's map (a flat array in RESP2).
     */
    static Reply hello(CommandContext ctx, byte[][] argv) {
        ClientSession session = ctx.session();
        int protocol = session.protocol();
        if (argv.length >= 2) {
            OptionalLong ver = Args.parseLong(argv[1]);
            if (ver.isEmpty()) {
                return Reply.err("Protocol version is not an integer or out of range");
            }
            if (ver.getAsLong() < 2 || ver.getAsLong() > 3) {
                return Reply.error("NOPROTO unsupported protocol version");
            }
            protocol = (int) ver.getAsLong();
        }
        String user = null;
        String pass = null;
        String name = null;
        for (int i = 2; i < argv.length; i++) {
            int more = argv.length - i - 1;
            if (Args.is(argv[i], "auth") && more >= 2) {
                user = Args.text(argv[i + 1]);
                pass = Args.text(argv[i + 2]);
                i += 2;
            } else if (Args.is(argv[i], "setname") && more >= 1) {
                name = Args.text(argv[i + 1]);
                if (!ClientCommand.validName(name)) {
                    return ClientCommand.BAD_NAME;
                }
                i += 1;
            } else {
                return Reply.err("Syntax error in HELLO option '" + Args.text(argv[i]) + "'");
            }
        }
        if (user != null) {
            Reply authReply = checkPassword(session, ctx.node().config().requirePass(), user, pass);
            if (authReply.isError()) {
                return authReply;
            }
        }
        if (!ctx.node().config().requirePass().isEmpty() && !session.authenticated()) {
            return Reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
                    + "HELLO AUTH <user> <pass> option can be used to authenticate the client and select "
                    + "the RESP protocol version at the same time");
        }
        if (name != null) {
            session.setName(name);
        }
        session.setProtocol(protocol);
        return helloMap(ctx.node(), session);
    }

    static Reply helloMap(ClusterNode node, ClientSession session) {
        List<Reply> map = new ArrayList<>();
        map.add(Reply.bulk("server"));
        map.add(Reply.bulk("redis"));
        map.add(Reply.bulk("version"));
        map.add(Reply.bulk(REDIS_VERSION));
        map.add(Reply.bulk("proto"));
        map.add(Reply.integer(session.protocol()));
        map.add(Reply.bulk("id"));
        map.add(Reply.integer(session.id()));
        map.add(Reply.bulk("mode"));
        map.add(Reply.bulk("cluster"));
        map.add(Reply.bulk("role"));
        map.add(Reply.bulk(node.isMaster() ? "master" : "replica"));
        map.add(Reply.bulk("modules"));
        map.add(Reply.EMPTY_ARRAY);
        return Reply.map(map);
    }
}
