package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Glob;
import org.slotscope.engine.command.Reply;

/**
 * COMMAND, COMMAND COUNT / INFO / DOCS / LIST / GETKEYS / GETKEYSANDFLAGS (server.c, Redis 7.0),
 * generated from the simulator's own command table, in the reply shapes of 7.0.15.
 *
 * <p>What the table does not record comes from {@link RedisCommandReference} (Redis 7.0.15's own
 * replies) for the commands Redis has. For others it is derived the way Redis derives it or left out
 * the way Redis leaves out missing documentation: ACL categories come from the flags
 * (setImplicitACLCategories) plus the group; key specs are built from the legacy first/last/step
 * positions with RO/RW flags from READONLY/WRITE; COMMAND DOCS gives summary and group but no
 * since/complexity/arguments (Redis omits those fields too for commands without such docs).
 */
public final class CommandCommand {
    /** ACLCommandCategories order (acl.c): the order COMMAND INFO prints categories in. */
    private static final List<String> CATEGORY_ORDER = List.of("keyspace", "read", "write", "set", "sortedset",
            "list", "hash", "string", "bitmap", "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow",
            "blocking", "dangerous", "connection", "transaction", "scripting");

    /** The ACL category each command group implies (the groups whose commands carry one in Redis's JSON). */
    private static final Map<String, String> GROUP_CATEGORY = Map.ofEntries(
            Map.entry("generic", "keyspace"), Map.entry("string", "string"), Map.entry("list", "list"),
            Map.entry("set", "set"), Map.entry("sorted_set", "sortedset"), Map.entry("hash", "hash"),
            Map.entry("bitmap", "bitmap"), Map.entry("hyperloglog", "hyperloglog"), Map.entry("geo", "geo"),
            Map.entry("stream", "stream"), Map.entry("pubsub", "pubsub"), Map.entry("connection", "connection"),
            Map.entry("transactions", "transaction"), Map.entry("scripting", "scripting"));

    private CommandCommand() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("command", -1).flags(LOADING, STALE).group("server")
                .summary("Get array of Redis command details").handler(CommandCommand::all)
                .subcommand(CommandSpec.command("count", 2).flags(LOADING, STALE)
                        .summary("Get total number of Redis commands").handler(CommandCommand::count))
                .subcommand(CommandSpec.command("getkeysandflags", -4).flags(LOADING, STALE)
                        .summary("Extract keys and access flags given a full Redis command")
                        .handler((ctx, argv) -> getKeys(ctx, argv, true)))
                .subcommand(CommandSpec.command("docs", -2).flags(LOADING, STALE)
                        .summary("Get array of specific Redis command documentation").handler(CommandCommand::docs))
                .subcommand(CommandSpec.command("getkeys", -4).flags(LOADING, STALE)
                        .summary("Extract keys given a full Redis command")
                        .handler((ctx, argv) -> getKeys(ctx, argv, false)))
                .subcommand(CommandSpec.command("info", -2).flags(LOADING, STALE)
                        .summary("Get array of specific Redis command details, or all when no argument is given")
                        .handler(CommandCommand::info))
                .subcommand(CommandSpec.command("list", -2).flags(LOADING, STALE)
                        .summary("Get an array of Redis command names").handler(CommandCommand::list)));
    }

    /**
     * COMMAND with no subcommand. The dispatcher sends a bare COMMAND to the container, which
     * would be an arity error for other containers; here it means "every command".
     */
    static Reply all(CommandContext ctx, byte[][] argv) {
        List<Reply> out = new ArrayList<>();
        for (CommandSpec spec : ctx.cluster().commands().all()) {
            out.add(commandInfo(spec));
        }
        return Reply.array(out);
    }

    static Reply count(CommandContext ctx, byte[][] argv) {
        return Reply.integer(ctx.cluster().commands().size());
    }

    /** lookupCommandBySds: "get", or "config|get" for a subcommand. */
    static CommandSpec lookup(CommandTable table, String name) {
        String[] parts = name.toLowerCase(Locale.ROOT).split("\\|", -1);
        if (parts.length > 2) {
            return null;
        }
        CommandSpec spec = table.lookup(parts[0]);
        if (spec == null || parts.length == 1) {
            return spec;
        }
        return spec.subcommand(parts[1]);
    }

    /** COMMAND INFO [name ...]: nil for an unknown name, every command without names. */
    static Reply info(CommandContext ctx, byte[][] argv) {
        if (argv.length == 2) {
            return all(ctx, argv);
        }
        List<Reply> out = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = lookup(ctx.cluster().commands(), Args.text(argv[i]));
            out.add(spec == null ? Reply.NIL : commandInfo(spec));
        }
        return Reply.array(out);
    }

    /**
     * addReplyCommandInfo: the 10-element entry. Name, arity, flags and key positions are the
     * table's; ACL categories, tips and key specs are Redis 7.0.15's when it has the command (key
     * specs only when its key positions agree with the table's), derived otherwise.
     */
    static Reply commandInfo(CommandSpec spec) {
        List<Reply> flags = new ArrayList<>();
        for (CommandFlag flag : spec.flags()) {
            flags.add(Reply.simple(flag.redisName()));
        }
        Reply categories;
        Reply tips;
        Reply.ArrayReply reference = RedisCommandReference.get().info(spec.fullName());
        if (reference != null) {
            categories = reference.elements().get(6);
            tips = reference.elements().get(7);
        } else {
            List<Reply> derived = new ArrayList<>();
            for (String category : aclCategories(spec)) {
                derived.add(Reply.simple("@" + category));
            }
            categories = new Reply.SetReply(derived);
            tips = new Reply.SetReply(List.of());
        }
        Reply subcommands;
        if (spec.isContainer()) {
            List<Reply> subs = new ArrayList<>();
            for (CommandSpec sub : spec.subcommands().values()) {
                subs.add(commandInfo(sub));
            }
            subcommands = Reply.array(subs);
        } else {
            subcommands = new Reply.SetReply(List.of()); // Redis: an empty set, but an array when there are some
        }
        return Reply.array(Reply.bulk(spec.fullName()), Reply.integer(spec.arity()),
                new Reply.SetReply(flags), Reply.integer(spec.firstKey()), Reply.integer(spec.lastKey()),
                Reply.integer(spec.keyStep()), categories, tips, keySpecs(spec), subcommands);
    }

    /** The key specs: Redis's when its legacy key positions are the table's, else one derived spec. */
    static Reply.SetReply keySpecs(CommandSpec spec) {
        Reply.ArrayReply reference = RedisCommandReference.get().info(spec.fullName());
        if (reference != null && reference.elements().get(3).equals(Reply.integer(spec.firstKey()))
                && reference.elements().get(4).equals(Reply.integer(spec.lastKey()))
                && reference.elements().get(5).equals(Reply.integer(spec.keyStep()))
                && spec.hasKeys() == !((Reply.SetReply) reference.elements().get(8)).elements().isEmpty()) {
            return (Reply.SetReply) reference.elements().get(8);
        }
        Reply derived = keySpec(spec);
        return new Reply.SetReply(derived == null ? List.of() : List.of(derived));
    }

    /** setImplicitACLCategories (server.c) plus the category of the command's group, in acl.c's order. */
    static List<String> aclCategories(CommandSpec spec) {
        List<String> found = new ArrayList<>();
        // A container has no categories of its own in Redis's JSON, only the implicit @slow.
        if (!spec.isContainer() && GROUP_CATEGORY.containsKey(spec.group())) {
            found.add(GROUP_CATEGORY.get(spec.group()));
        }
        if (spec.has(CommandFlag.WRITE)) {
            found.add("write");
        }
        if (spec.has(CommandFlag.READONLY) && !"scripting".equals(spec.group())) {
            found.add("read");
        }
        if (spec.has(CommandFlag.ADMIN)) {
            found.add("admin");
            found.add("dangerous");
        }
        if (spec.has(CommandFlag.PUBSUB)) {
            found.add("pubsub");
        }
        if (spec.has(CommandFlag.FAST)) {
            found.add("fast");
        }
        if (spec.has(CommandFlag.BLOCKING)) {
            found.add("blocking");
        }
        if (!spec.has(CommandFlag.FAST)) {
            found.add("slow");
        }
        List<String> ordered = new ArrayList<>();
        for (String category : CATEGORY_ORDER) {
            if (found.contains(category)) {
                ordered.add(category);
            }
        }
        return ordered;
    }

    /**
     * One key spec from the legacy key positions (what populateCommandLegacyRangeSpec reverses), or an
     * "unknown" spec for movable keys. Null when the command takes no keys.
     */
    static Reply keySpec(CommandSpec spec) {
        if (!spec.hasKeys()) {
            return null;
        }
        List<Reply> flags = new ArrayList<>();
        if (spec.has(CommandFlag.WRITE)) {
            flags.add(Reply.simple("RW"));
            flags.add(Reply.simple("update"));
        } else if (spec.has(CommandFlag.READONLY)) {
            flags.add(Reply.simple("RO"));
            flags.add(Reply.simple("access"));
        }
        Reply beginSearch;
        Reply findKeys;
        if (spec.firstKey() > 0) {
            int lastKey = spec.lastKey() < 0 ? spec.lastKey() : spec.lastKey() - spec.firstKey();
            beginSearch = Reply.map(List.of(Reply.bulk("type"), Reply.bulk("index"), Reply.bulk("spec"),
                    Reply.map(List.of(Reply.bulk("index"), Reply.integer(spec.firstKey())))));
            findKeys = Reply.map(List.of(Reply.bulk("type"), Reply.bulk("range"), Reply.bulk("spec"),
                    Reply.map(List.of(Reply.bulk("lastkey"), Reply.integer(lastKey), Reply.bulk("keystep"),
                            Reply.integer(Math.max(1, spec.keyStep())), Reply.bulk("limit"), Reply.ZERO))));
        } else {
            beginSearch = Reply.map(List.of(Reply.bulk("type"), Reply.bulk("unknown"), Reply.bulk("spec"),
                    Reply.map(List.of())));
            findKeys = Reply.map(List.of(Reply.bulk("type"), Reply.bulk("unknown"), Reply.bulk("spec"),
                    Reply.map(List.of())));
        }
        return Reply.map(List.of(Reply.bulk("flags"), new Reply.SetReply(flags), Reply.bulk("begin_search"),
                beginSearch, Reply.bulk("find_keys"), findKeys));
    }

    /** COMMAND DOCS [name ...]: a map name -> docs; unknown names are skipped. */
    static Reply docs(CommandContext ctx, byte[][] argv) {
        Map<String, CommandSpec> wanted = new LinkedHashMap<>();
        if (argv.length == 2) {
            for (CommandSpec spec : ctx.cluster().commands().all()) {
                wanted.put(spec.fullName(), spec);
            }
        }
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = lookup(ctx.cluster().commands(), Args.text(argv[i]));
            if (spec != null) {
                wanted.put(spec.fullName(), spec);
            }
        }
        List<Reply> out = new ArrayList<>();
        for (CommandSpec spec : wanted.values()) {
            out.add(Reply.bulk(spec.fullName()));
            out.add(commandDocs(spec));
        }
        return Reply.map(out);
    }

    /**
     * addReplyCommandDocs: Redis 7.0.15's documentation of the command when it has one, else the
     * fields the table knows (summary, group). Subcommands are the table's.
     */
    static Reply commandDocs(CommandSpec spec) {
        List<Reply> doc = new ArrayList<>();
        Reply.MapReply reference = RedisCommandReference.get().docs(spec.fullName());
        if (reference != null) {
            List<Reply> kv = reference.keysAndValues();
            for (int i = 0; i + 1 < kv.size(); i += 2) {
                if (!kv.get(i).equals(Reply.bulk("subcommands"))) {
                    doc.add(kv.get(i));
                    doc.add(kv.get(i + 1));
                }
            }
        } else {
            if (!spec.summary().isEmpty()) {
                doc.add(Reply.bulk("summary"));
                doc.add(Reply.bulk(spec.summary()));
            }
            doc.add(Reply.bulk("group"));
            doc.add(Reply.bulk(spec.group()));
        }
        if (spec.isContainer()) {
            List<Reply> subs = new ArrayList<>();
            for (CommandSpec sub : spec.subcommands().values()) {
                subs.add(Reply.bulk(sub.fullName()));
                subs.add(commandDocs(sub));
            }
            doc.add(Reply.bulk("subcommands"));
            doc.add(Reply.map(subs));
        }
        return Reply.map(doc);
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names and subcommand names. */
    static Reply list(CommandContext ctx, byte[][] argv) {
        String filter = null;
        String value = null;
        if (argv.length == 5 && Args.is(argv[2], "filterby")) {
            filter = Args.lower(argv[3]);
            value = Args.text(argv[4]);
            if (!filter.equals("module") && !filter.equals("aclcat") && !filter.equals("pattern")) {
                return Reply.err("syntax error");
            }
        } else if (argv.length != 2) {
            return Reply.err("syntax error");
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : ctx.cluster().commands().all()) {
            addListed(spec, filter, value, names);
            for (CommandSpec sub : spec.subcommands().values()) {
                addListed(sub, filter, value, names);
            }
        }
        return Reply.bulkStrings(names);
    }

    private static void addListed(CommandSpec spec, String filter, String value, List<String> names) {
        boolean keep;
        if (filter == null) {
            keep = true;
        } else if (filter.equals("module")) {
            keep = false; // no modules in the simulator
        } else if (filter.equals("aclcat")) {
            keep = aclCategories(spec).contains(value.toLowerCase(Locale.ROOT));
        } else {
            keep = Glob.matches(value, spec.fullName(), true);
        }
        if (keep) {
            names.add(spec.fullName());
        }
    }

    /** getKeysSubcommandImpl: the keys a full command line names, with Redis's errors. */
    static Reply getKeys(CommandContext ctx, byte[][] argv, boolean withFlags) {
        byte[][] command = java.util.Arrays.copyOfRange(argv, 2, argv.length);
        CommandSpec spec = ctx.cluster().commands().lookup(Args.text(command[0]));
        if (spec != null && spec.isContainer()) {
            spec = command.length > 1 ? spec.subcommand(Args.lower(command[1])) : null;
        }
        if (spec == null) {
            return Reply.err("Invalid command specified");
        }
        if (!spec.hasKeys()) {
            return Reply.err("The command has no key arguments");
        }
        if (!spec.arityAccepts(command.length)) {
            return Reply.err("Invalid number of arguments specified for command");
        }
        int[] indexes = spec.keyIndexes(command);
        if (indexes.length == 0) {
            return Reply.err("Invalid arguments specified for command");
        }
        List<Reply> out = new ArrayList<>();
        List<Reply> specs = keySpecs(spec).elements();
        for (int index : indexes) {
            if (withFlags) {
                // The flags of the first key spec (Redis matches each key to the spec that found it).
                Reply flags = specs.isEmpty() ? new Reply.SetReply(List.of())
                        : RedisCommandReference.field((Reply.MapReply) specs.get(0), "flags");
                out.add(Reply.array(Reply.bulk(command[index]), flags));
            } else {
                out.add(Reply.bulk(command[index]));
            }
        }
        return Reply.array(out);
    }
}
