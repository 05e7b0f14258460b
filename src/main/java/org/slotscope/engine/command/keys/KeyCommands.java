package org.slotscope.engine.command.keys;

import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Glob;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.slot.HashSlot;

/** The keyspace ("generic") commands: db.c and expire.c. */
public final class KeyCommands {
    private static final byte[] PEXPIREAT = Args.bytes("PEXPIREAT");
    private static final byte[] DEL = Args.bytes("DEL");
    private static final byte[][] NOTHING = new byte[0][];

    private KeyCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("dbsize", 1).flags(READONLY, FAST).group("server")
                .summary("Return the number of keys in the selected database")
                .handler(guarded(KeyCommands::dbsizeCommand)));
        table.register(CommandSpec.command("flushall", -1).flags(WRITE).group("server")
                .summary("Remove all keys from all databases")
                .handler(guarded(KeyCommands::flushallCommand)));
        table.register(CommandSpec.command("flushdb", -1).flags(WRITE).group("server")
                .summary("Remove all keys from the current database")
                .handler(guarded(KeyCommands::flushdbCommand)));
        table.register(CommandSpec.command("keys", 2).flags(READONLY).group("generic")
                .summary("Find all keys matching the given pattern")
                .handler(guarded(KeyCommands::keysCommand)));
        table.register(CommandSpec.command("scan", -2).flags(READONLY).group("generic")
                .summary("Incrementally iterate the keys space")
                .handler(guarded(KeyCommands::scanCommand)));
        table.register(CommandSpec.command("exists", -2).flags(READONLY, FAST).keys(1, -1, 1).group("generic")
                .summary("Determine if a key exists")
                .handler(guarded(KeyCommands::existsCommand)));
        table.register(CommandSpec.command("del", -2).flags(WRITE).keys(1, -1, 1).group("generic")
                .summary("Delete a key")
                .handler(guarded(KeyCommands::delCommand)));
        table.register(CommandSpec.command("unlink", -2).flags(WRITE, FAST).keys(1, -1, 1).group("generic")
                .summary("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.")
                .handler(guarded(KeyCommands::unlinkCommand)));
        table.register(CommandSpec.command("type", 2).flags(READONLY, FAST).keys(1, 1, 1).group("generic")
                .summary("Determine the type stored at key")
                .handler(guarded(KeyCommands::typeCommand)));
        table.register(CommandSpec.command("expire", -3).flags(WRITE, FAST).keys(1, 1, 1).group("generic")
                .summary("Set a key's time to live in seconds")
                .handler(guarded(KeyCommands::expireCommand)));
        table.register(CommandSpec.command("pexpire", -3).flags(WRITE, FAST).keys(1, 1, 1).group("generic")
                .summary("Set a key's time to live in milliseconds")
                .handler(guarded(KeyCommands::pexpireCommand)));
        table.register(CommandSpec.command("expireat", -3).flags(WRITE, FAST).keys(1, 1, 1).group("generic")
                .summary("Set the expiration for a key as a UNIX timestamp")
                .handler(guarded(KeyCommands::expireatCommand)));
        table.register(CommandSpec.command("pexpireat", -3).flags(WRITE, FAST).keys(1, 1, 1).group("generic")
                .summary("Set the expiration for a key as a UNIX timestamp specified in milliseconds")
                .handler(guarded(KeyCommands::pexpireatCommand)));
        table.register(CommandSpec.command("ttl", 2).flags(READONLY, FAST).keys(1, 1, 1).group("generic")
                .summary("Get the time to live for a key in seconds")
                .handler(guarded(KeyCommands::ttlCommand)));
        table.register(CommandSpec.command("pttl", 2).flags(READONLY, FAST).keys(1, 1, 1).group("generic")
                .summary("Get the time to live for a key in milliseconds")
                .handler(guarded(KeyCommands::pttlCommand)));
        table.register(CommandSpec.command("persist", 2).flags(WRITE, FAST).keys(1, 1, 1).group("generic")
                .summary("Remove the expiration from a key")
                .handler(guarded(KeyCommands::persistCommand)));
        table.register(CommandSpec.command("rename", 3).flags(WRITE).keys(1, 2, 1).group("generic")
                .summary("Rename a key")
                .handler(guarded(KeyCommands::renameCommand)));
        table.register(CommandSpec.command("renamenx", 3).flags(WRITE, FAST).keys(1, 2, 1).group("generic")
                .summary("Rename a key, only if the new key does not exist")
                .handler(guarded(KeyCommands::renamenxCommand)));
        table.register(CommandSpec.command("touch", -2).flags(READONLY, FAST).keys(1, -1, 1).group("generic")
                .summary("Alters the last access time of a key(s). Returns the number of existing keys specified.")
                .handler(guarded(KeyCommands::touchCommand)));
    }

    // ---- db.c ---------------------------------------------------------------------------------------

    static Reply dbsizeCommand(CommandContext ctx, byte[][] argv) {
        // Like Redis, keys already expired but not yet collected still count.
        return Reply.integer(ctx.keyspace().size());
    }

    /**
     * getFlushCommandFlags: at most one argument, SYNC or ASYNC (both flush at once here). The
     * emptied keyspace is an event, as for CLUSTER RESET of a replica, so the view can show it.
     */
    private static Reply flush(CommandContext ctx, byte[][] argv) {
        if (argv.length > 2 || (argv.length == 2 && !Args.is(argv[1], "sync") && !Args.is(argv[1], "async"))) {
            return Errors.SYNTAX;
        }
        long removed = ctx.keyspace().flushAll();
        ctx.cluster().events().emit(new ClusterEvent.KeyspaceFlushed(ctx.now(), ctx.node().id(), removed));
        return Reply.ok();
    }

    static Reply flushallCommand(CommandContext ctx, byte[][] argv) {
        return flush(ctx, argv);
    }

    static Reply flushdbCommand(CommandContext ctx, byte[][] argv) {
        return flush(ctx, argv); // a cluster node has db 0 only
    }

    /** keysCommand: every key matching the glob, skipping (not deleting) logically expired keys. */
    static Reply keysCommand(CommandContext ctx, byte[][] argv) {
        byte[] pattern = argv[1];
        boolean allKeys = pattern.length == 1 && pattern[0] == '*';
        Keyspace keyspace = ctx.keyspace();
        long now = ctx.now();
        List<Reply> out = new ArrayList<>();
        for (Key key : keyspace.allKeys()) {
            if ((allKeys || Glob.matches(pattern, key.bytes(), false)) && !isLogicallyExpired(keyspace, key, now)) {
                out.add(Reply.bulk(key.bytes()));
            }
        }
        return new Reply.ArrayReply(out);
    }

    private static boolean isLogicallyExpired(Keyspace keyspace, Key key, long now) {
        long at = keyspace.expireAt(key);
        return at != -1 && at <= now;
    }

    /**
     * scanGenericCommand. Redis's cursor is a reverse-binary position in the hash table; here the
     * cursor is the next hash slot to visit and every page returns whole slots (Keyspace.scan). SCAN's
     * guarantee (a key present for the whole iteration is returned at least once) holds because a key
     * never changes slot: a key present throughout lives in one slot, and that slot is visited exactly
     * once, entirely, when the cursor passes it. Keys added to or removed from slots already visited
     * or not yet visited may or may not show up, which SCAN allows.
     */
    static Reply scanCommand(CommandContext ctx, byte[][] argv) {
        long cursor = parseScanCursor(argv[1]);
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int j = 2; j < argv.length; j++) {
            boolean hasValue = j + 1 < argv.length;
            if (Args.is(argv[j], "count") && hasValue) {
                count = TypedLookup.longArg(argv[j + 1]);
                if (count < 1) {
                    return Errors.SYNTAX;
                }
                j++;
            } else if (Args.is(argv[j], "match") && hasValue) {
                pattern = argv[j + 1];
                j++;
            } else if (Args.is(argv[j], "type") && hasValue) {
                type = Args.text(argv[j + 1]);
                j++;
            } else {
                return Errors.SYNTAX;
            }
        }
        Keyspace keyspace = ctx.keyspace();
        List<Reply> keys = new ArrayList<>();
        long next = 0;
        if (cursor < HashSlot.SLOTS) {
            Keyspace.ScanPage page = keyspace.scan(cursor, (int) Math.min(count, Integer.MAX_VALUE));
            next = page.nextCursor();
            boolean allKeys = pattern == null || (pattern.length == 1 && pattern[0] == '*');
            for (Key key : page.keys()) {
                if (!allKeys && !Glob.matches(pattern, key.bytes(), false)) {
                    continue;
                }
                if (type != null) {
                    RedisValue value = keyspace.get(key);
                    if (value == null || !value.typeName().equalsIgnoreCase(type)) {
                        continue;
                    }
                }
                keys.add(Reply.bulk(key.bytes()));
            }
        }
        return Reply.array(Reply.bulk(Long.toUnsignedString(next)), new Reply.ArrayReply(keys));
    }

    /**
     * parseScanCursorOrReply: strtoul semantics, so "-1" wraps to a huge cursor (an empty last page)
     * and anything that is not a number, or does not fit 64 bits, is an invalid cursor.
     */
    private static long parseScanCursor(byte[] arg) {
        String text = Args.text(arg);
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw TypedLookup.abort(Reply.err("invalid cursor"));
        }
        try {
            long value = Long.parseUnsignedLong(digits);
            long cursor = text.startsWith("-") ? -value : value;
            // compare unsigned: any cursor past the last slot ends the iteration
            return Long.compareUnsigned(cursor, HashSlot.SLOTS) >= 0 ? HashSlot.SLOTS : cursor;
        } catch (NumberFormatException e) {
            throw TypedLookup.abort(Reply.err("invalid cursor"));
        }
    }

    /** existsCommand: counts every argument that names a live key, repeats included. */
    static Reply existsCommand(CommandContext ctx, byte[][] argv) {
        long count = 0;
        for (int j = 1; j < argv.length; j++) {
            if (TypedLookup.lookupKeyRead(ctx, new Key(argv[j])) != null) {
                count++;
            }
        }
        return Reply.integer(count);
    }

    /** delGenericCommand: expired keys do not count as deleted. */
    private static Reply delete(CommandContext ctx, byte[][] argv) {
        Keyspace keyspace = ctx.keyspace();
        long deleted = 0;
        for (int j = 1; j < argv.length; j++) {
            Key key = new Key(argv[j]);
            if (keyspace.get(key) != null && keyspace.delete(key)) {
                deleted++;
            }
        }
        return Reply.integer(deleted);
    }

    static Reply delCommand(CommandContext ctx, byte[][] argv) {
        return delete(ctx, argv);
    }

    /** UNLINK frees memory in a background thread in Redis; the keyspace effect is DEL's. */
    static Reply unlinkCommand(CommandContext ctx, byte[][] argv) {
        return delete(ctx, argv);
    }

    static Reply typeCommand(CommandContext ctx, byte[][] argv) {
        RedisValue value = TypedLookup.lookupKeyRead(ctx, new Key(argv[1]));
        return Reply.simple(value == null ? "none" : value.typeName());
    }

    static Reply touchCommand(CommandContext ctx, byte[][] argv) {
        return existsCommand(ctx, argv); // no LRU/LFU clock to update in the simulator
    }

    static Reply renameCommand(CommandContext ctx, byte[][] argv) {
        return renameGenericCommand(ctx, argv, false);
    }

    static Reply renamenxCommand(CommandContext ctx, byte[][] argv) {
        return renameGenericCommand(ctx, argv, true);
    }

    /**
     * renameGenericCommand: the value moves with its TTL; an existing destination is overwritten
     * (RENAME) or left alone (RENAMENX). Both keys are in one slot: routing refused CROSSSLOT before.
     */
    private static Reply renameGenericCommand(CommandContext ctx, byte[][] argv, boolean nx) {
        Keyspace keyspace = ctx.keyspace();
        Key source = new Key(argv[1]);
        Key destination = new Key(argv[2]);
        RedisValue value = TypedLookup.lookupKeyWrite(ctx, source);
        if (value == null) {
            return Errors.NO_SUCH_KEY;
        }
        if (source.equals(destination)) {
            return nx ? Reply.ZERO : Reply.ok();
        }
        long expire = keyspace.expireAt(source);
        if (TypedLookup.lookupKeyWrite(ctx, destination) != null) {
            if (nx) {
                return Reply.ZERO;
            }
            keyspace.delete(destination);
        }
        keyspace.set(destination, value);
        if (expire != -1) {
            keyspace.setExpireAt(destination, expire);
        }
        keyspace.delete(source);
        return nx ? Reply.ONE : Reply.ok();
    }

    // ---- expire.c -----------------------------------------------------------------------------------

    static Reply expireCommand(CommandContext ctx, byte[][] argv) {
        return expireGenericCommand(ctx, argv, ctx.unixTimeMillis(), true);
    }

    static Reply pexpireCommand(CommandContext ctx, byte[][] argv) {
        return expireGenericCommand(ctx, argv, ctx.unixTimeMillis(), false);
    }

    static Reply expireatCommand(CommandContext ctx, byte[][] argv) {
        return expireGenericCommand(ctx, argv, 0, true);
    }

    static Reply pexpireatCommand(CommandContext ctx, byte[][] argv) {
        return expireGenericCommand(ctx, argv, 0, false);
    }

    /**
     * expireGenericCommand (Redis 7.0). Computes in simulated UNIX milliseconds (see
     * CommandContext.unixTimeMillis) and stores the expiry on the virtual clock. Propagates as PEXPIREAT with the absolute time (so replicas expire the key at the same
     * instant), or as DEL when the time is already past and the key was deleted.
     */
    private static Reply expireGenericCommand(CommandContext ctx, byte[][] argv, long basetime, boolean seconds) {
        int flags = parseExtendedExpireArguments(argv);
        long when = TypedLookup.longArg(argv[2]);
        String name = ctx.spec().name();
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                return invalidExpireTime(name);
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) {
            return invalidExpireTime(name);
        }
        when += basetime;
        ctx.propagateAs(NOTHING); // replaced below when the key changes (Redis propagates only if dirty)
        Key key = new Key(argv[1]);
        Keyspace keyspace = ctx.keyspace();
        if (TypedLookup.lookupKeyWrite(ctx, key) == null) {
            return Reply.ZERO;
        }
        if (flags != 0) {
            long current = toUnix(ctx, keyspace.expireAt(key));
            if ((flags & EXPIRE_NX) != 0 && current != -1) {
                return Reply.ZERO;
            }
            if ((flags & EXPIRE_XX) != 0 && current == -1) {
                return Reply.ZERO;
            }
            // GT: no TTL counts as an infinite TTL, so nothing is greater
            if ((flags & EXPIRE_GT) != 0 && (when <= current || current == -1)) {
                return Reply.ZERO;
            }
            if ((flags & EXPIRE_LT) != 0 && current != -1 && when >= current) {
                return Reply.ZERO;
            }
        }
        if (when <= ctx.unixTimeMillis() && !ctx.session().isMasterLink()) {
            // checkAlreadyExpired: delete now and propagate a DEL
            keyspace.delete(key);
            ctx.propagateAs(new byte[][] {DEL, argv[1]});
            return Reply.ONE;
        }
        keyspace.setExpireAt(key, ctx.cluster().toVirtualMillis(when));
        byte[][] propagated = argv.clone();
        propagated[0] = PEXPIREAT;
        propagated[2] = Args.bytes(when);
        ctx.propagateAs(propagated);
        return Reply.ONE;
    }

    /** A Keyspace expiry (virtual ms, or -1 for none) as simulated UNIX ms (-1 stays -1). */
    private static long toUnix(CommandContext ctx, long virtualMillis) {
        return virtualMillis == -1 ? -1 : ctx.cluster().toUnixMillis(virtualMillis);
    }

    private static final int EXPIRE_NX = 1;
    private static final int EXPIRE_XX = 2;
    private static final int EXPIRE_GT = 4;
    private static final int EXPIRE_LT = 8;

    /** parseExtendedExpireArgumentsOrReply: NX | XX | GT | LT after the time, with 7.0's messages. */
    private static int parseExtendedExpireArguments(byte[][] argv) {
        int flags = 0;
        for (int j = 3; j < argv.length; j++) {
            String opt = Args.lower(argv[j]);
            switch (opt) {
                case "nx" -> flags |= EXPIRE_NX;
                case "xx" -> flags |= EXPIRE_XX;
                case "gt" -> flags |= EXPIRE_GT;
                case "lt" -> flags |= EXPIRE_LT;
                default -> throw TypedLookup.abort(Reply.err("Unsupported option " + Args.text(argv[j])));
            }
        }
        if ((flags & EXPIRE_NX) != 0 && (flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) != 0) {
            throw TypedLookup.abort(Reply.err("NX and XX, GT or LT options at the same time are not compatible"));
        }
        if ((flags & EXPIRE_GT) != 0 && (flags & EXPIRE_LT) != 0) {
            throw TypedLookup.abort(Reply.err("GT and LT options at the same time are not compatible"));
        }
        return flags;
    }

    /** addReplyErrorExpireTime: names the command as the client typed it, lowercased. */
    public static Reply.Error invalidExpireTime(String commandName) {
        return Reply.err("invalid expire time in '" + commandName + "' command");
    }

    static Reply ttlCommand(CommandContext ctx, byte[][] argv) {
        return ttlGenericCommand(ctx, argv, false);
    }

    static Reply pttlCommand(CommandContext ctx, byte[][] argv) {
        return ttlGenericCommand(ctx, argv, true);
    }

    /** ttlGenericCommand: -2 no key, -1 no TTL, else the remaining time (seconds rounded). */
    private static Reply ttlGenericCommand(CommandContext ctx, byte[][] argv, boolean millis) {
        Key key = new Key(argv[1]);
        if (TypedLookup.lookupKeyRead(ctx, key) == null) {
            return Reply.integer(-2);
        }
        long expire = ctx.keyspace().expireAt(key);
        if (expire == -1) {
            return Reply.integer(-1);
        }
        long ttl = Math.max(0, expire - ctx.now());
        return Reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    static Reply persistCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        if (TypedLookup.lookupKeyWrite(ctx, key) == null || !ctx.keyspace().persist(key)) {
            ctx.propagateAs(NOTHING);
            return Reply.ZERO;
        }
        return Reply.ONE;
    }
}
