package org.slotscope.engine.command.strings;

import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.LongDouble;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.command.keys.KeyCommands;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.keyspace.StringValue;

/** The string commands: t_string.c (Redis 7.0). */
public final class StringCommands {
    /** proto-max-bulk-len's default: the largest string SETRANGE / APPEND may build. */
    static final long PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    private static final byte[] SET = Args.bytes("SET");
    private static final byte[] PXAT = Args.bytes("PXAT");
    private static final byte[] KEEPTTL = Args.bytes("KEEPTTL");
    private static final byte[] DEL = Args.bytes("DEL");
    private static final byte[] PEXPIREAT = Args.bytes("PEXPIREAT");
    private static final byte[] PERSIST = Args.bytes("PERSIST");
    private static final byte[][] NOTHING = new byte[0][];
    private static final byte[] EMPTY = new byte[0];

    // parseExtendedStringArgumentsOrReply flags (server.h OBJ_*)
    private static final int OBJ_NX = 1;
    private static final int OBJ_XX = 1 << 1;
    private static final int OBJ_EX = 1 << 2;
    private static final int OBJ_PX = 1 << 3;
    private static final int OBJ_KEEPTTL = 1 << 4;
    private static final int OBJ_GET = 1 << 5;
    private static final int OBJ_EXAT = 1 << 6;
    private static final int OBJ_PXAT = 1 << 7;
    private static final int OBJ_PERSIST = 1 << 8;
    private static final int ANY_EXPIRE = OBJ_EX | OBJ_PX | OBJ_EXAT | OBJ_PXAT;

    private StringCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("get", 2).flags(READONLY, FAST).keys(1, 1, 1).group("string")
                .summary("Get the value of a key")
                .handler(guarded(StringCommands::getCommand)));
        table.register(CommandSpec.command("set", -3).flags(WRITE, DENYOOM).keys(1, 1, 1).group("string")
                .summary("Set the string value of a key")
                .handler(guarded(StringCommands::setCommand)));
        table.register(CommandSpec.command("setnx", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Set the value of a key, only if the key does not exist")
                .handler(guarded(StringCommands::setnxCommand)));
        table.register(CommandSpec.command("setex", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).group("string")
                .summary("Set the value and expiration of a key")
                .handler(guarded(StringCommands::setexCommand)));
        table.register(CommandSpec.command("psetex", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).group("string")
                .summary("Set the value and expiration in milliseconds of a key")
                .handler(guarded(StringCommands::psetexCommand)));
        table.register(CommandSpec.command("getset", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Set the string value of a key and return its old value")
                .handler(guarded(StringCommands::getsetCommand)));
        table.register(CommandSpec.command("getdel", 2).flags(WRITE, FAST).keys(1, 1, 1).group("string")
                .summary("Get the value of a key and delete the key")
                .handler(guarded(StringCommands::getdelCommand)));
        table.register(CommandSpec.command("getex", -2).flags(WRITE, FAST).keys(1, 1, 1).group("string")
                .summary("Get the value of a key and optionally set its expiration")
                .handler(guarded(StringCommands::getexCommand)));
        table.register(CommandSpec.command("mget", -2).flags(READONLY, FAST).keys(1, -1, 1).group("string")
                .summary("Get the values of all the given keys")
                .handler(guarded(StringCommands::mgetCommand)));
        table.register(CommandSpec.command("mset", -3).flags(WRITE, DENYOOM).keys(1, -1, 2).group("string")
                .summary("Set multiple keys to multiple values")
                .handler(guarded(StringCommands::msetCommand)));
        table.register(CommandSpec.command("msetnx", -3).flags(WRITE, DENYOOM).keys(1, -1, 2).group("string")
                .summary("Set multiple keys to multiple values, only if none of the keys exist")
                .handler(guarded(StringCommands::msetnxCommand)));
        table.register(CommandSpec.command("incr", 2).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Increment the integer value of a key by one")
                .handler(guarded(StringCommands::incrCommand)));
        table.register(CommandSpec.command("incrby", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Increment the integer value of a key by the given amount")
                .handler(guarded(StringCommands::incrbyCommand)));
        table.register(CommandSpec.command("decr", 2).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Decrement the integer value of a key by one")
                .handler(guarded(StringCommands::decrCommand)));
        table.register(CommandSpec.command("decrby", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Decrement the integer value of a key by the given number")
                .handler(guarded(StringCommands::decrbyCommand)));
        table.register(CommandSpec.command("incrbyfloat", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Increment the float value of a key by the given amount")
                .handler(guarded(StringCommands::incrbyfloatCommand)));
        table.register(CommandSpec.command("append", 3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("string")
                .summary("Append a value to a key")
                .handler(guarded(StringCommands::appendCommand)));
        table.register(CommandSpec.command("strlen", 2).flags(READONLY, FAST).keys(1, 1, 1).group("string")
                .summary("Get the length of the value stored in a key")
                .handler(guarded(StringCommands::strlenCommand)));
        table.register(CommandSpec.command("getrange", 4).flags(READONLY).keys(1, 1, 1).group("string")
                .summary("Get a substring of the string stored at a key")
                .handler(guarded(StringCommands::getrangeCommand)));
        table.register(CommandSpec.command("setrange", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).group("string")
                .summary("Overwrite part of a string at key starting at the specified offset")
                .handler(guarded(StringCommands::setrangeCommand)));
    }

    // ---- GET / SET ----------------------------------------------------------------------------------

    /** getGenericCommand: nil when absent, WRONGTYPE when not a string. */
    static Reply getCommand(CommandContext ctx, byte[][] argv) {
        StringValue value = TypedLookup.readAs(ctx, new Key(argv[1]), StringValue.class);
        return value == null ? Reply.NIL : Reply.bulk(value.value());
    }

    /** The options SET and GETEX parsed: flags plus the argv index of the expire argument (or -1). */
    private record StringOptions(int flags, int expireIndex) {
    }

    /**
     * parseExtendedStringArgumentsOrReply (7.0): the same option repeated is accepted (EX 10 EX 20,
     * NX NX), conflicting ones are a syntax error, and NX + GET is allowed since 7.0.
     */
    private static StringOptions parseExtendedStringArguments(byte[][] argv, boolean forSet) {
        int flags = 0;
        int expireIndex = -1;
        for (int j = forSet ? 3 : 2; j < argv.length; j++) {
            String opt = Args.lower(argv[j]);
            boolean hasNext = j + 1 < argv.length;
            if (opt.equals("nx") && (flags & OBJ_XX) == 0 && forSet) {
                flags |= OBJ_NX;
            } else if (opt.equals("xx") && (flags & OBJ_NX) == 0 && forSet) {
                flags |= OBJ_XX;
            } else if (opt.equals("get") && forSet) {
                flags |= OBJ_GET;
            } else if (opt.equals("keepttl") && (flags & (OBJ_PERSIST | ANY_EXPIRE)) == 0 && forSet) {
                flags |= OBJ_KEEPTTL;
            } else if (opt.equals("persist") && !forSet && (flags & (ANY_EXPIRE | OBJ_KEEPTTL)) == 0) {
                flags |= OBJ_PERSIST;
            } else if (opt.equals("ex") && hasNext
                    && (flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EXAT | OBJ_PX | OBJ_PXAT)) == 0) {
                flags |= OBJ_EX;
                expireIndex = ++j;
            } else if (opt.equals("px") && hasNext
                    && (flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_EXAT | OBJ_PXAT)) == 0) {
                flags |= OBJ_PX;
                expireIndex = ++j;
            } else if (opt.equals("exat") && hasNext
                    && (flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_PX | OBJ_PXAT)) == 0) {
                flags |= OBJ_EXAT;
                expireIndex = ++j;
            } else if (opt.equals("pxat") && hasNext
                    && (flags & (OBJ_KEEPTTL | OBJ_PERSIST | OBJ_EX | OBJ_EXAT | OBJ_PX)) == 0) {
                flags |= OBJ_PXAT;
                expireIndex = ++j;
            } else {
                throw TypedLookup.abort(Errors.SYNTAX);
            }
        }
        return new StringOptions(flags, expireIndex);
    }

    /**
     * getExpireMillisecondsOrReply: the absolute expiry in simulated UNIX milliseconds. Zero or negative
     * times and overflows are "invalid expire time in '<command>' command".
     */
    private static long expireMilliseconds(CommandContext ctx, byte[] arg, int flags) {
        long ms = TypedLookup.longArg(arg);
        boolean seconds = (flags & (OBJ_EX | OBJ_EXAT)) != 0;
        if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
            throw TypedLookup.abort(KeyCommands.invalidExpireTime(ctx.spec().name()));
        }
        if (seconds) {
            ms *= 1000;
        }
        if ((flags & (OBJ_EX | OBJ_PX)) != 0) {
            ms += ctx.unixTimeMillis();
        }
        if (ms <= 0) {
            throw TypedLookup.abort(KeyCommands.invalidExpireTime(ctx.spec().name()));
        }
        return ms;
    }

    static Reply setCommand(CommandContext ctx, byte[][] argv) {
        StringOptions options = parseExtendedStringArguments(argv, true);
        return setGenericCommand(ctx, options.flags(), argv[1], argv[2],
                options.expireIndex() < 0 ? null : argv[options.expireIndex()], Reply.OK, Reply.NIL);
    }

    static Reply setnxCommand(CommandContext ctx, byte[][] argv) {
        return setGenericCommand(ctx, OBJ_NX, argv[1], argv[2], null, Reply.ONE, Reply.ZERO);
    }

    static Reply setexCommand(CommandContext ctx, byte[][] argv) {
        return setGenericCommand(ctx, OBJ_EX, argv[1], argv[3], argv[2], Reply.OK, Reply.NIL);
    }

    static Reply psetexCommand(CommandContext ctx, byte[][] argv) {
        return setGenericCommand(ctx, OBJ_PX, argv[1], argv[3], argv[2], Reply.OK, Reply.NIL);
    }

    /**
     * setGenericCommand (7.0): validate the expire, GET's old value (WRONGTYPE stops everything), NX /
     * XX condition, store (dropping the TTL unless KEEPTTL), then the expire. A command with an
     * expire propagates as SET key value PXAT absolute-ms, so replicas expire at the same instant.
     */
    private static Reply setGenericCommand(CommandContext ctx, int flags, byte[] keyBytes, byte[] value,
            byte[] expire, Reply okReply, Reply abortReply) {
        long milliseconds = expire == null ? 0 : expireMilliseconds(ctx, expire, flags);
        Key key = new Key(keyBytes);
        Reply getReply = null;
        if ((flags & OBJ_GET) != 0) {
            getReply = getCommand(ctx, new byte[][] {SET, keyBytes});
        }
        Keyspace keyspace = ctx.keyspace();
        boolean found = getReply != null ? getReply != Reply.NIL : TypedLookup.lookupKeyWrite(ctx, key) != null;
        if (((flags & OBJ_NX) != 0 && found) || ((flags & OBJ_XX) != 0 && !found)) {
            ctx.propagateAs(NOTHING);
            return getReply != null ? getReply : abortReply;
        }
        if ((flags & OBJ_KEEPTTL) != 0) {
            keyspace.put(key, new StringValue(value));
        } else {
            keyspace.set(key, new StringValue(value));
        }
        if (expire != null) {
            keyspace.setExpireAt(key, ctx.cluster().toVirtualMillis(milliseconds));
            ctx.propagateAs(new byte[][] {SET, keyBytes, value, PXAT, Args.bytes(milliseconds)});
        } else if (getReply != null) {
            ctx.propagateAs(withoutGet(ctx, keyBytes, value, flags));
        }
        return getReply != null ? getReply : okReply;
    }

    /** SET ... GET propagates without GET (replicas need no reply). */
    private static byte[][] withoutGet(CommandContext ctx, byte[] key, byte[] value, int flags) {
        List<byte[]> out = new ArrayList<>(List.of(SET, key, value));
        if ((flags & OBJ_NX) != 0) {
            out.add(Args.bytes("NX"));
        }
        if ((flags & OBJ_XX) != 0) {
            out.add(Args.bytes("XX"));
        }
        if ((flags & OBJ_KEEPTTL) != 0) {
            out.add(KEEPTTL);
        }
        return out.toArray(new byte[0][]);
    }

    /** GETSET: old value, then a plain SET (the TTL is dropped); propagates as SET. */
    static Reply getsetCommand(CommandContext ctx, byte[][] argv) {
        Reply old = getCommand(ctx, argv);
        ctx.keyspace().set(new Key(argv[1]), new StringValue(argv[2]));
        ctx.propagateAs(new byte[][] {SET, argv[1], argv[2]});
        return old;
    }

    /** GETDEL: the value, then the key is deleted; propagates as DEL. */
    static Reply getdelCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        StringValue value = TypedLookup.readAs(ctx, key, StringValue.class);
        if (value == null) {
            ctx.propagateAs(NOTHING);
            return Reply.NIL;
        }
        ctx.keyspace().delete(key);
        ctx.propagateAs(new byte[][] {DEL, argv[1]});
        return Reply.bulk(value.value());
    }

    /**
     * getexCommand: GET that may also set (propagated as PEXPIREAT, or DEL when an absolute time has
     * passed) or remove (PERSIST) the TTL. Without an option it changes nothing and propagates nothing.
     */
    static Reply getexCommand(CommandContext ctx, byte[][] argv) {
        StringOptions options = parseExtendedStringArguments(argv, false);
        Key key = new Key(argv[1]);
        ctx.propagateAs(NOTHING);
        StringValue value = TypedLookup.readAs(ctx, key, StringValue.class);
        if (value == null) {
            return Reply.NIL;
        }
        int flags = options.flags();
        Keyspace keyspace = ctx.keyspace();
        if (options.expireIndex() >= 0) {
            long milliseconds = expireMilliseconds(ctx, argv[options.expireIndex()], flags);
            if ((flags & (OBJ_EXAT | OBJ_PXAT)) != 0 && milliseconds <= ctx.unixTimeMillis() && !ctx.session().isMasterLink()) {
                keyspace.delete(key);
                ctx.propagateAs(new byte[][] {DEL, argv[1]});
            } else {
                keyspace.setExpireAt(key, ctx.cluster().toVirtualMillis(milliseconds));
                ctx.propagateAs(new byte[][] {PEXPIREAT, argv[1], Args.bytes(milliseconds)});
            }
        } else if ((flags & OBJ_PERSIST) != 0 && keyspace.persist(key)) {
            ctx.propagateAs(new byte[][] {PERSIST, argv[1]});
        }
        return Reply.bulk(value.value());
    }

    // ---- multi-key ----------------------------------------------------------------------------------

    /** mgetCommand: nil for a missing key or one of another type (no WRONGTYPE here). */
    static Reply mgetCommand(CommandContext ctx, byte[][] argv) {
        List<Reply> out = new ArrayList<>(argv.length - 1);
        for (int j = 1; j < argv.length; j++) {
            Object value = TypedLookup.lookupKeyRead(ctx, new Key(argv[j]));
            out.add(value instanceof StringValue s ? Reply.bulk(s.value()) : Reply.NIL);
        }
        return new Reply.ArrayReply(out);
    }

    static Reply msetCommand(CommandContext ctx, byte[][] argv) {
        return msetGenericCommand(ctx, argv, false);
    }

    static Reply msetnxCommand(CommandContext ctx, byte[][] argv) {
        return msetGenericCommand(ctx, argv, true);
    }

    /** msetGenericCommand: pairs only (else the arity error); MSETNX sets all or none. */
    private static Reply msetGenericCommand(CommandContext ctx, byte[][] argv, boolean nx) {
        if (argv.length % 2 == 0) {
            return Errors.wrongArity(ctx.spec().fullName());
        }
        Keyspace keyspace = ctx.keyspace();
        if (nx) {
            for (int j = 1; j < argv.length; j += 2) {
                if (TypedLookup.lookupKeyWrite(ctx, new Key(argv[j])) != null) {
                    ctx.propagateAs(NOTHING);
                    return Reply.ZERO;
                }
            }
        }
        for (int j = 1; j < argv.length; j += 2) {
            keyspace.set(new Key(argv[j]), new StringValue(argv[j + 1]));
        }
        return nx ? Reply.ONE : Reply.ok();
    }

    // ---- counters -----------------------------------------------------------------------------------

    static Reply incrCommand(CommandContext ctx, byte[][] argv) {
        return incrDecrCommand(ctx, argv[1], 1);
    }

    static Reply decrCommand(CommandContext ctx, byte[][] argv) {
        return incrDecrCommand(ctx, argv[1], -1);
    }

    static Reply incrbyCommand(CommandContext ctx, byte[][] argv) {
        return incrDecrCommand(ctx, argv[1], TypedLookup.longArg(argv[2]));
    }

    static Reply decrbyCommand(CommandContext ctx, byte[][] argv) {
        long decrement = TypedLookup.longArg(argv[2]);
        if (decrement == Long.MIN_VALUE) {
            return Reply.err("decrement would overflow");
        }
        return incrDecrCommand(ctx, argv[1], -decrement);
    }

    /** incrDecrCommand: the value must be a string2ll integer; overflow is refused, TTL kept. */
    private static Reply incrDecrCommand(CommandContext ctx, byte[] keyBytes, long increment) {
        Key key = new Key(keyBytes);
        StringValue current = TypedLookup.writeAs(ctx, key, StringValue.class);
        long value = current == null ? 0 : TypedLookup.longArg(current.value());
        if (Args.incrWouldOverflow(value, increment)) {
            return Errors.OVERFLOW;
        }
        value += increment;
        ctx.keyspace().put(key, new StringValue(Args.bytes(value)));
        return Reply.integer(value);
    }

    /**
     * incrbyfloatCommand: long double arithmetic (see LongDouble), TTL kept, propagated as
     * SET key value KEEPTTL so replicas store the exact same text.
     */
    static Reply incrbyfloatCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        StringValue current = TypedLookup.writeAs(ctx, key, StringValue.class);
        byte[] currentText = current == null ? Args.bytes("0") : current.value();
        boolean infinite = LongDouble.isInfinite(currentText) || LongDouble.isInfinite(argv[2]);
        BigDecimal value = LongDouble.parse(currentText);
        BigDecimal increment = LongDouble.parse(argv[2]);
        if ((value == null && !LongDouble.isInfinite(currentText))
                || (increment == null && !LongDouble.isInfinite(argv[2]))) {
            return Errors.NOT_FLOAT;
        }
        BigDecimal sum = infinite ? null : LongDouble.add(value, increment);
        if (sum == null) {
            return Reply.err("increment would produce NaN or Infinity");
        }
        byte[] text = Args.bytes(LongDouble.format(sum));
        ctx.keyspace().put(key, new StringValue(text));
        ctx.propagateAs(new byte[][] {SET, argv[1], text, KEEPTTL});
        return Reply.bulk(text);
    }

    // ---- byte ranges --------------------------------------------------------------------------------

    /** appendCommand: creates the key when absent; the TTL is kept. */
    static Reply appendCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        StringValue current = TypedLookup.writeAs(ctx, key, StringValue.class);
        if (current == null) {
            ctx.keyspace().set(key, new StringValue(argv[2]));
            return Reply.integer(argv[2].length);
        }
        byte[] old = current.value();
        checkStringLength(old.length, argv[2].length);
        byte[] joined = Arrays.copyOf(old, old.length + argv[2].length);
        System.arraycopy(argv[2], 0, joined, old.length, argv[2].length);
        ctx.keyspace().put(key, new StringValue(joined));
        return Reply.integer(joined.length);
    }

    /** checkStringLength: the sum may overflow a long (SETRANGE at offset 2^63-1), which is too big as well. */
    private static void checkStringLength(long length, long append) {
        long total = length + append;
        if (total > PROTO_MAX_BULK_LEN || total < length || total < append) {
            throw TypedLookup.abort(Reply.err("string exceeds maximum allowed size (proto-max-bulk-len)"));
        }
    }

    static Reply strlenCommand(CommandContext ctx, byte[][] argv) {
        StringValue value = TypedLookup.readAs(ctx, new Key(argv[1]), StringValue.class);
        return Reply.integer(value == null ? 0 : value.value().length);
    }

    /** getrangeCommand: inclusive, negative indexes from the end, clamped; "" when empty. */
    static Reply getrangeCommand(CommandContext ctx, byte[][] argv) {
        long start = TypedLookup.longArg(argv[2]);
        long end = TypedLookup.longArg(argv[3]);
        StringValue value = TypedLookup.readAs(ctx, new Key(argv[1]), StringValue.class);
        if (value == null) {
            return Reply.bulk(EMPTY);
        }
        byte[] s = value.value();
        long length = s.length;
        if (start < 0 && end < 0 && start > end) {
            return Reply.bulk(EMPTY);
        }
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            return Reply.bulk(EMPTY);
        }
        return Reply.bulk(Arrays.copyOfRange(s, (int) start, (int) end + 1));
    }

    /** setrangeCommand: pads with zero bytes; an empty value on a missing key creates nothing. */
    static Reply setrangeCommand(CommandContext ctx, byte[][] argv) {
        long offset = TypedLookup.longArg(argv[2]);
        if (offset < 0) {
            return Reply.err("offset is out of range");
        }
        byte[] patch = argv[3];
        Key key = new Key(argv[1]);
        StringValue current = TypedLookup.writeAs(ctx, key, StringValue.class);
        byte[] old = current == null ? EMPTY : current.value();
        if (patch.length == 0) {
            ctx.propagateAs(NOTHING);
            return Reply.integer(old.length);
        }
        checkStringLength(offset, patch.length);
        byte[] updated = Arrays.copyOf(old, (int) Math.max(old.length, offset + patch.length));
        System.arraycopy(patch, 0, updated, (int) offset, patch.length);
        if (current == null) {
            ctx.keyspace().set(key, new StringValue(updated));
        } else {
            ctx.keyspace().put(key, new StringValue(updated));
        }
        return Reply.integer(updated.length);
    }
}
