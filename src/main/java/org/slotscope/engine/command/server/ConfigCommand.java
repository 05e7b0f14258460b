package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.ADMIN;
import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.NOSCRIPT;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Glob;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;

/**
 * CONFIG GET / SET / RESETSTAT / REWRITE (config.c, Redis 7.0). The settings the simulator uses
 * live in {@link NodeConfig} and can be set; a few more are answered read-only with the values of a
 * node started with {@code --save "" --appendonly no}, because tools ask for them (redis-benchmark
 * sends CONFIG GET save and CONFIG GET appendonly).
 */
public final class ConfigCommand {
    /** How a value is parsed and checked; returns the error text of Redis, or null when accepted. */
    private interface Parser {
        String check(String value);
    }

    /** One parameter. {@code canonical} is shared by an alias and its name ("duplicate parameter"). */
    private record Param(String name, String canonical, Function<ClusterNode, String> getter, Parser parser,
                         BiConsumer<NodeConfig, String> setter, boolean immutable) {
        boolean settable() {
            return setter != null;
        }
    }

    /** The parameters, in the order a real 7.0.15 server lists them for CONFIG GET * (its dict order). */
    private static final Map<String, Param> PARAMS = new LinkedHashMap<>();

    static {
        fixed("replica-priority", "100");
        settable("cluster-replica-no-failover", "cluster-replica-no-failover", n -> yesNo(n.config().replicaNoFailover()),
                ConfigCommand::checkBool, (c, v) -> c.replicaNoFailover(parseBool(v)));
        fixed("slave-read-only", "yes");
        fixed("protected-mode", "yes");
        settable("proto-max-bulk-len", "proto-max-bulk-len", n -> Long.toString(n.config().protoMaxBulkLen()),
                v -> checkMemory(v, 1024 * 1024), (c, v) -> c.protoMaxBulkLen(parseMemory(v)));
        settable("cluster-allow-reads-when-down", "cluster-allow-reads-when-down",
                n -> yesNo(n.config().allowReadsWhenDown()), ConfigCommand::checkBool,
                (c, v) -> c.allowReadsWhenDown(parseBool(v)));
        fixed("cluster-announce-ip", "");
        settable("cluster-allow-replica-migration", "cluster-allow-replica-migration",
                n -> yesNo(n.config().allowReplicaMigration()), ConfigCommand::checkBool,
                (c, v) -> c.allowReplicaMigration(parseBool(v)));
        fixed("dbfilename", "dump.rdb");
        fixed("appendfilename", "appendonly.aof");
        fixed("save", "");
        fixed("maxmemory-policy", "noeviction");
        settable("cluster-replica-validity-factor", "cluster-replica-validity-factor",
                n -> Integer.toString(n.config().replicaValidityFactor()), v -> checkLong(v, 0, Integer.MAX_VALUE),
                (c, v) -> c.replicaValidityFactor((int) Long.parseLong(v)));
        immutable("cluster-config-file", n -> "nodes-" + n.port() + ".conf");
        fixed("hz", "10");
        immutable("cluster-enabled", n -> "yes");
        fixed("appendfsync", "everysec");
        immutable("databases", n -> "16");
        fixed("loglevel", "notice");
        fixed("bind", n -> n.host());
        fixed("port", n -> Integer.toString(n.port()));
        fixed("cluster-announce-bus-port", "0");
        fixed("cluster-announce-port", "0");
        fixed("cluster-announce-tls-port", "0");
        fixed("slave-announce-port", "0");
        fixed("timeout", "0");
        settable("requirepass", "requirepass", n -> n.config().requirePass(), v -> null, NodeConfig::requirePass);
        fixed("appendonly", "no");
        fixed("cluster-allow-pubsubshard-when-down", "yes");
        fixed("cluster-preferred-endpoint-type", "ip");
        alias("cluster-slave-validity-factor", "cluster-replica-validity-factor");
        fixed("cluster-link-sendbuf-limit", "0");
        settable("maxclients", "maxclients", n -> Integer.toString(n.config().maxClients()),
                ConfigCommand::checkMaxClients, (c, v) -> c.maxClients((int) Long.parseLong(v)));
        fixed("slaveof", ConfigCommand::replicaOf);
        fixed("replica-read-only", "yes");
        settable("cluster-node-timeout", "cluster-node-timeout", n -> Long.toString(n.config().nodeTimeout()),
                v -> checkLong(v, 0, Long.MAX_VALUE), (c, v) -> c.nodeTimeout(Long.parseLong(v)));
        immutable("cluster-port", n -> "0");
        fixed("masterauth", "");
        settable("cluster-migration-barrier", "cluster-migration-barrier",
                n -> Integer.toString(n.config().migrationBarrier()), v -> checkLong(v, 0, Integer.MAX_VALUE),
                (c, v) -> c.migrationBarrier((int) Long.parseLong(v)));
        settable("cluster-require-full-coverage", "cluster-require-full-coverage",
                n -> yesNo(n.config().requireFullCoverage()), ConfigCommand::checkBool,
                (c, v) -> c.requireFullCoverage(parseBool(v)));
        fixed("maxmemory", "0");
        immutable("daemonize", n -> "no");
        fixed("replicaof", ConfigCommand::replicaOf);
        alias("cluster-slave-no-failover", "cluster-replica-no-failover");
        fixed("cluster-announce-hostname", "");
        fixed("dir", "/");
    }

    private static void fixed(String name, String value) {
        fixed(name, n -> value);
    }

    private static void fixed(String name, Function<ClusterNode, String> getter) {
        PARAMS.put(name, new Param(name, name, getter, null, null, false));
    }

    private static void immutable(String name, Function<ClusterNode, String> getter) {
        PARAMS.put(name, new Param(name, name, getter, null, null, true));
    }

    private static void settable(String name, String canonical, Function<ClusterNode, String> getter, Parser parser,
                                 BiConsumer<NodeConfig, String> setter) {
        PARAMS.put(name, new Param(name, canonical, getter, parser, setter, false));
    }

    /**
     * A second name of a parameter listed before it, as config.c's alias field (standardConfig):
     * the same value and the same rules, and setting both in one CONFIG SET is a duplicate.
     */
    private static void alias(String name, String canonical) {
        Param param = PARAMS.get(canonical);
        PARAMS.put(name, new Param(name, canonical, param.getter(), param.parser(), param.setter(), param.immutable()));
    }

    private ConfigCommand() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("config", -2).group("server")
                .summary("A container for server configuration commands")
                .subcommand(CommandSpec.command("rewrite", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .summary("Rewrite the configuration file with the in memory configuration")
                        .handler(ConfigCommand::rewrite))
                .subcommand(CommandSpec.command("get", -3).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .summary("Get the values of configuration parameters").handler(ConfigCommand::get))
                .subcommand(CommandSpec.command("set", -4).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .summary("Set configuration parameters to the given values").handler(ConfigCommand::set))
                .subcommand(CommandSpec.command("resetstat", 2).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .summary("Reset the stats returned by INFO").handler(ConfigCommand::resetstat)));
    }

    /** configGetCommand (7.0): several patterns, one map; an exact name answers under the name as given. */
    static Reply get(CommandContext ctx, byte[][] argv) {
        Map<String, String> matches = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            String pattern = Args.text(argv[i]);
            if (pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
                Param param = PARAMS.get(pattern.toLowerCase(Locale.ROOT));
                if (param != null) {
                    matches.putIfAbsent(pattern, param.getter().apply(ctx.node()));
                }
                continue;
            }
            for (Param param : PARAMS.values()) {
                if (Glob.matches(pattern, param.name(), true)) {
                    matches.putIfAbsent(param.name(), param.getter().apply(ctx.node()));
                }
            }
        }
        List<Reply> out = new ArrayList<>();
        matches.forEach((name, value) -> {
            out.add(Reply.bulk(name));
            out.add(Reply.bulk(value));
        });
        return Reply.map(out);
    }

    /**
     * configSetCommand (7.0): name value pairs, all checked before any is applied, so a bad pair
     * changes nothing.
     */
    static Reply set(CommandContext ctx, byte[][] argv) {
        if (argv.length % 2 != 0) {
            return Reply.err("wrong number of arguments for 'config|set' command");
        }
        List<Param> params = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 2; i < argv.length; i += 2) {
            String name = Args.text(argv[i]);
            Param param = PARAMS.get(name.toLowerCase(Locale.ROOT));
            if (param == null) {
                return Reply.err("Unknown option or number of arguments for CONFIG SET - '" + name + "'");
            }
            if (param.immutable()) {
                return setFailed(name, "can't set immutable config");
            }
            if (!seen.add(param.canonical())) {
                return setFailed(name, "duplicate parameter");
            }
            String value = Args.text(argv[i + 1]);
            if (!param.settable()) {
                if (value.equalsIgnoreCase(param.getter().apply(ctx.node()))) {
                    continue; // setting the value it already has is harmless
                }
                return setFailed(name, "the SlotScope simulator does not support changing it");
            }
            String error = param.parser().check(value);
            if (error != null) {
                return setFailed(name, error);
            }
            params.add(param);
            values.add(value);
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).setter().accept(ctx.node().config(), values.get(i));
        }
        return Reply.ok();
    }

    private static Reply setFailed(String name, String why) {
        return Reply.err("CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }

    /** CONFIG RESETSTAT: the counters INFO stats / commandstats / errorstats print. */
    static Reply resetstat(CommandContext ctx, byte[][] argv) {
        ctx.node().stats().reset();
        return Reply.ok();
    }

    /**
     * A simulated node has no configuration file: its settings live in memory and survive as long
     * as the simulation (a saved run replays the CONFIG SETs), so there is nothing to rewrite and
     * the command succeeds. (A real server started without a config file answers
     * "ERR The server is running without a config file".)
     */
    static Reply rewrite(CommandContext ctx, byte[][] argv) {
        return Reply.ok();
    }

    private static String replicaOf(ClusterNode node) {
        KnownNode master = node.state().myself().master();
        return master == null ? "" : master.ip() + " " + master.port();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String checkBool(String value) {
        return value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no") ? null
                : "argument must be 'yes' or 'no'";
    }

    private static boolean parseBool(String value) {
        return value.equalsIgnoreCase("yes");
    }

    private static String checkLong(String value, long min, long max) {
        OptionalLong parsed = Args.parseLong(Args.bytes(value));
        if (parsed.isEmpty()) {
            return "argument couldn't be parsed into an integer";
        }
        if (parsed.getAsLong() < min || parsed.getAsLong() > max) {
            return "argument must be between " + min + " and " + max + " inclusive";
        }
        return null;
    }

    /**
     * maxclients is an unsigned int in Redis; above what the process can open it answers this
     * error. NodeConfig holds an int, so the simulator's limit is Integer.MAX_VALUE.
     */
    private static String checkMaxClients(String value) {
        String error = checkLong(value, 1, 4294967295L);
        if (error == null && Long.parseLong(value) > Integer.MAX_VALUE) {
            return "The operating system is not able to handle the specified number of clients, try with "
                    + Integer.MAX_VALUE;
        }
        return error;
    }

    private static String checkMemory(String value, long min) {
        long bytes = parseMemory(value);
        if (bytes < 0) {
            return "argument must be a memory value";
        }
        if (bytes < min) {
            return "argument must be between " + min + " and " + Long.MAX_VALUE + " inclusive";
        }
        return null;
    }

    /** memtoull (util.c): digits with an optional b, k, kb, m, mb, g, gb unit; -1 when malformed. */
    static long parseMemory(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"g", "1000000000"},
                {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        long multiplier = 1;
        String digits = lower;
        for (String[] unit : units) {
            if (lower.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                digits = lower.substring(0, lower.length() - unit[0].length());
                break;
            }
        }
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
