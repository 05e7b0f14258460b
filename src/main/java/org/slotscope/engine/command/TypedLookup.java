package org.slotscope.engine.command;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.node.ServerStats;

/**
 * Key lookups with Redis's type check and statistics (db.c lookupKeyRead / lookupKeyWrite,
 * checkType in object.c), shared by every data command family.
 *
 * <p>Redis's C code replies with an error and returns; here a handler throws {@link Abort} and the
 * {@link #guarded} wrapper turns it into the reply. A handler must therefore validate everything
 * before it mutates anything, exactly as Redis's commands do, so bad input loses no data.
 */
public final class TypedLookup {
    private TypedLookup() {
    }

    /** Ends a command early with an error reply. Carries no stack trace: it is control flow. */
    public static final class Abort extends RuntimeException {
        private final Reply.Error reply;

        public Abort(Reply.Error reply) {
            super(reply.message(), null, false, false);
            this.reply = reply;
        }

        public Reply.Error reply() {
            return reply;
        }
    }

    public static final Abort WRONGTYPE = new Abort(Errors.WRONGTYPE);
    private static final Abort NOT_INTEGER = new Abort(Errors.NOT_INTEGER);
    private static final Abort NOT_FLOAT = new Abort(Errors.NOT_FLOAT);
    private static final Abort MUST_BE_POSITIVE = new Abort(Errors.MUST_BE_POSITIVE);

    public static Abort abort(Reply.Error reply) {
        return new Abort(reply);
    }

    /** Wraps a handler so that an {@link Abort} becomes its error reply. */
    public static CommandHandler guarded(CommandHandler handler) {
        return (ctx, argv) -> {
            try {
                return handler.handle(ctx, argv);
            } catch (Abort abort) {
                return abort.reply();
            }
        };
    }

    /**
     * lookupKeyRead: the live value or null, counting keyspace_hits / keyspace_misses as Redis does
     * for every read lookup (writes, LOOKUP_WRITE, are not counted).
     */
    public static RedisValue lookupKeyRead(CommandContext ctx, Key key) {
        RedisValue value = ctx.keyspace().get(key);
        ServerStats stats = ctx.node().stats();
        if (value == null) {
            stats.keyspaceMisses++;
        } else {
            stats.keyspaceHits++;
        }
        return value;
    }

    /** lookupKeyWrite: the live value or null, without touching the hit/miss counters. */
    public static RedisValue lookupKeyWrite(CommandContext ctx, Key key) {
        return ctx.keyspace().get(key);
    }

    /** lookupKeyRead + checkType: null when absent, WRONGTYPE when it holds another type. */
    public static <T extends RedisValue> T readAs(CommandContext ctx, Key key, Class<T> type) {
        return checkType(lookupKeyRead(ctx, key), type);
    }

    /** lookupKeyWrite + checkType. */
    public static <T extends RedisValue> T writeAs(CommandContext ctx, Key key, Class<T> type) {
        return checkType(lookupKeyWrite(ctx, key), type);
    }

    /**
     * lookupKeyWrite + checkType, and when the key is absent a new empty value stored under it
     * (dbAdd), as hashTypeLookupWriteOrCreate, saddCommand, pushGenericCommand and
     * zaddGenericCommand each do for their type.
     */
    public static <T extends RedisValue> T writeOrCreate(CommandContext ctx, Key key, Class<T> type,
            Supplier<T> empty) {
        T value = writeAs(ctx, key, type);
        if (value == null) {
            value = empty.get();
            ctx.keyspace().set(key, value);
        }
        return value;
    }

    public static <T extends RedisValue> T checkType(RedisValue value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw WRONGTYPE;
        }
        return type.cast(value);
    }

    /** Deletes a collection key once its last element is gone: Redis never keeps empty aggregates. */
    public static void deleteIfEmpty(CommandContext ctx, Key key, int size) {
        if (size == 0) {
            ctx.keyspace().delete(key);
        }
    }

    /** getLongLongFromObjectOrReply: "value is not an integer or out of range". */
    public static long longArg(byte[] arg) {
        OptionalLong value = Args.parseLong(arg);
        if (value.isEmpty()) {
            throw NOT_INTEGER;
        }
        return value.getAsLong();
    }

    /**
     * getPositiveLongFromObjectOrReply (LPOP / RPOP / SPOP's count): a string2ll integer of 0 or
     * more; anything else, unparsable included, is "value is out of range, must be positive".
     */
    public static long positiveLongArg(byte[] arg) {
        OptionalLong value = Args.parseLong(arg);
        if (value.isEmpty() || value.getAsLong() < 0) {
            throw MUST_BE_POSITIVE;
        }
        return value.getAsLong();
    }

    /** getDoubleFromObjectOrReply: "value is not a valid float". */
    public static double doubleArg(byte[] arg) {
        OptionalDouble value = Args.parseDouble(arg);
        if (value.isEmpty()) {
            throw NOT_FLOAT;
        }
        return value.getAsDouble();
    }

    /** argv[from..] as keys. */
    public static Key key(byte[] arg) {
        return new Key(arg);
    }
}
