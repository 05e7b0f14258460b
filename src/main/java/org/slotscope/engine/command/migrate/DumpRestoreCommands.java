package org.slotscope.engine.command.migrate;

import java.util.Arrays;
import java.util.OptionalLong;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.rdb.DumpPayloadException;
import org.slotscope.engine.keyspace.rdb.RdbValueCodec;

/**
 * DUMP, RESTORE and RESTORE-ASKING (cluster.c dumpCommand / restoreCommand). The payload is the
 * one Redis 7.0 writes, so a value can be dumped on the simulator and restored on a real server,
 * and the other way round. RESTORE-ASKING is RESTORE with the ASKING flag: MIGRATE sends it so
 * the importing node accepts the key without a prior ASKING.
 */
public final class DumpRestoreCommands {
    static final Reply.Error BUSYKEY = Reply.error("BUSYKEY Target key name already exists.");
    static final Reply.Error INVALID_TTL = Reply.err("Invalid TTL value, must be >= 0");
    static final Reply.Error INVALID_IDLETIME = Reply.err("Invalid IDLETIME value, must be >= 0");
    static final Reply.Error INVALID_FREQ = Reply.err("Invalid FREQ value, must be >= 0 and <= 255");
    static final Reply.Error PAYLOAD_VERSION_OR_CHECKSUM = Reply.err("DUMP payload version or checksum are wrong");
    static final Reply.Error BAD_DATA_FORMAT = Reply.err("Bad data format");

    private static final String RESTORE_SUMMARY =
            "Create a key using the provided serialized value, previously obtained using DUMP.";

    private DumpRestoreCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("dump", 2).flags(CommandFlag.READONLY).keys(1, 1, 1).group("generic")
                .summary("Return a serialized version of the value stored at the specified key.")
                .handler(DumpRestoreCommands::dump));
        table.register(CommandSpec.command("restore", -4).flags(CommandFlag.WRITE, CommandFlag.DENYOOM)
                .keys(1, 1, 1).group("generic").summary(RESTORE_SUMMARY)
                .handler(DumpRestoreCommands::restore));
        table.register(CommandSpec.command("restore-asking", -4)
                .flags(CommandFlag.WRITE, CommandFlag.DENYOOM, CommandFlag.ASKING)
                .keys(1, 1, 1).group("server").summary("An internal command for migrating keys in a cluster")
                .handler(DumpRestoreCommands::restore));
    }

    /** dumpCommand: nil for a missing key, else the serialized value. */
    static Reply dump(CommandContext ctx, byte[][] argv) {
        RedisValue value = ctx.keyspace().get(new Key(argv[1]));
        if (value == null) {
            return Reply.NIL;
        }
        return Reply.bulk(RdbValueCodec.dump(value));
    }

    /**
     * restoreCommand, checks in Redis's order: options (syntax, IDLETIME / FREQ ranges), then the
     * key must be absent unless REPLACE, then the TTL, then the payload's footer, then its object.
     * Nothing is touched before all of them pass, so a bad RESTORE never loses the existing value.
     */
    static Reply restore(CommandContext ctx, byte[][] argv) {
        boolean replace = false;
        boolean absTtl = false;
        long lruIdle = -1;
        long lfuFreq = -1;
        for (int j = 4; j < argv.length; j++) {
            int additional = argv.length - j - 1;
            if (Args.is(argv[j], "replace")) {
                replace = true;
            } else if (Args.is(argv[j], "absttl")) {
                absTtl = true;
            } else if (Args.is(argv[j], "idletime") && additional >= 1 && lfuFreq == -1) {
                OptionalLong idle = Args.parseLong(argv[j + 1]);
                if (idle.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (idle.getAsLong() < 0) {
                    return INVALID_IDLETIME;
                }
                lruIdle = idle.getAsLong();
                j++;
            } else if (Args.is(argv[j], "freq") && additional >= 1 && lruIdle == -1) {
                OptionalLong freq = Args.parseLong(argv[j + 1]);
                if (freq.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                if (freq.getAsLong() < 0 || freq.getAsLong() > 255) {
                    return INVALID_FREQ;
                }
                lfuFreq = freq.getAsLong();
                j++;
            } else {
                return Errors.SYNTAX;
            }
        }

        Key key = new Key(argv[1]);
        Keyspace keyspace = ctx.keyspace();
        if (!replace && keyspace.get(key) != null) {
            return BUSYKEY;
        }

        OptionalLong parsedTtl = Args.parseLong(argv[2]);
        if (parsedTtl.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long ttl = parsedTtl.getAsLong();
        if (ttl < 0) {
            return INVALID_TTL;
        }

        RedisValue value;
        try {
            value = RdbValueCodec.restore(argv[3]);
        } catch (DumpPayloadException e) {
            return e.reason() == DumpPayloadException.Reason.VERSION_OR_CHECKSUM
                    ? PAYLOAD_VERSION_OR_CHECKSUM : BAD_DATA_FORMAT;
        }

        boolean deleted = replace && keyspace.delete(key);
        // The keyspace keeps expiry on the virtual clock; ABSTTL is a UNIX time in milliseconds.
        if (ttl != 0) {
            ttl = absTtl ? ctx.cluster().toVirtualMillis(ttl) : ttl + ctx.now();
        }
        // checkAlreadyExpired: a TTL already in the past restores nothing (a replica, fed by its
        // master, applies what it is told instead).
        boolean isReplica = !ctx.node().isMaster();
        if (ttl != 0 && ttl <= ctx.now() && !isReplica) {
            ctx.propagateAs(deleted ? new byte[][] {Args.bytes("DEL"), argv[1]} : new byte[0][]);
            return Reply.ok();
        }

        keyspace.set(key, value);
        if (ttl != 0) {
            keyspace.setExpireAt(key, ttl);
            if (!absTtl) {
                // Propagate the TTL as an absolute time, so replicas expire the key at the same instant.
                byte[][] rewritten = Arrays.copyOf(argv, argv.length + 1);
                rewritten[2] = Args.bytes(ctx.cluster().toUnixMillis(ttl));
                rewritten[argv.length] = Args.bytes("ABSTTL");
                ctx.propagateAs(rewritten);
            }
        }
        // IDLETIME and FREQ feed Redis's eviction clock (objectSetLRUOrLFU); the simulator does
        // not evict, so they are validated and otherwise have no effect.
        return Reply.ok();
    }
}
