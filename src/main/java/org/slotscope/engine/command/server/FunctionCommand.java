package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.ALLOW_BUSY;
import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.WRITE;

import java.util.Arrays;
import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;

/**
 * FUNCTION LIST / DUMP / RESTORE / FLUSH / STATS (functions.c, Redis 7.0) for a server that has no
 * function libraries: the simulator runs no Lua. They exist because redis-cli --cluster add-node
 * copies the functions of an existing node to the new one (FUNCTION DUMP there, FUNCTION RESTORE
 * here), and that must succeed.
 */
public final class FunctionCommand {
    /**
     * What FUNCTION DUMP returns on a real 7.0.15 server with no libraries: no entries, then the
     * RDB version (10, little-endian) and the CRC64 of the preceding bytes, as in a DUMP payload.
     */
    static final byte[] EMPTY_DUMP = {0x0a, 0x00, 0x5d, (byte) 0x9b, 0x5c, 0x40, 0x0f, 0x7f, (byte) 0xa2,
        (byte) 0xda};

    private FunctionCommand() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("function", -2).group("scripting")
                .summary("A container for function commands")
                .subcommand(CommandSpec.command("restore", -3).flags(WRITE, DENYOOM, NOSCRIPT)
                        .summary("Restore all the functions on the given payload").handler(FunctionCommand::restore))
                .subcommand(CommandSpec.command("stats", 2).flags(NOSCRIPT, ALLOW_BUSY)
                        .summary("Return information about the function currently running (name, description, duration)")
                        .handler(FunctionCommand::stats))
                .subcommand(CommandSpec.command("dump", 2).flags(NOSCRIPT)
                        .summary("Dump all functions into a serialized binary payload")
                        .handler((ctx, argv) -> Reply.bulk(EMPTY_DUMP.clone())))
                .subcommand(CommandSpec.command("flush", -2).flags(WRITE, NOSCRIPT)
                        .summary("Deleting all functions").handler(FunctionCommand::flush))
                .subcommand(CommandSpec.command("list", -2).flags(NOSCRIPT)
                        .summary("List information about all the functions").handler(FunctionCommand::list)));
    }

    /** functionListCommand: WITHCODE and LIBRARYNAME pattern are checked; the list is always empty. */
    static Reply list(CommandContext ctx, byte[][] argv) {
        for (int i = 2; i < argv.length; i++) {
            if (Args.is(argv[i], "withcode")) {
                continue;
            }
            if (Args.is(argv[i], "libraryname")) {
                if (i + 1 >= argv.length) {
                    return Reply.err("library name argument was not given");
                }
                i++;
                continue;
            }
            return Reply.err("Unknown argument " + Args.text(argv[i]));
        }
        return Reply.EMPTY_ARRAY;
    }

    /**
     * functionRestoreCommand: only a payload without libraries can be restored here (the simulator
     * cannot run functions); any other payload is refused as unreadable, loading nothing.
     */
    static Reply restore(CommandContext ctx, byte[][] argv) {
        if (argv.length > 4) {
            return Reply.err("unknown subcommand or wrong number of arguments for 'restore'. Try FUNCTION HELP.");
        }
        if (argv.length == 4) {
            String policy = Args.lower(argv[3]);
            if (!policy.equals("flush") && !policy.equals("append") && !policy.equals("replace")) {
                return Reply.err("Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
            }
        }
        if (!Arrays.equals(argv[2], EMPTY_DUMP)) {
            return Reply.err("DUMP payload version or checksum are wrong");
        }
        return Reply.ok();
    }

    static Reply flush(CommandContext ctx, byte[][] argv) {
        if (argv.length > 3 || (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async"))) {
            return Reply.err("FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        return Reply.ok();
    }

    static Reply stats(CommandContext ctx, byte[][] argv) {
        Reply lua = Reply.map(List.of(Reply.bulk("libraries_count"), Reply.ZERO, Reply.bulk("functions_count"),
                Reply.ZERO));
        return Reply.map(List.of(Reply.bulk("running_script"), Reply.NIL, Reply.bulk("engines"),
                Reply.map(List.of(Reply.bulk("LUA"), lua))));
    }
}
