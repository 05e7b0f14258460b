package org.slotscope.engine.command.collections;

import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.LongDouble;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;

/** The hash commands: t_hash.c (Redis 7.0). Fields keep insertion order, as a small (listpack) hash. */
public final class HashCommands {
    private static final byte[] HSET = Args.bytes("HSET");
    private static final Reply EMPTY_MAP = new Reply.MapReply(List.of());

    private HashCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("hset", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("hash")
                .summary("Set the string value of a hash field")
                .handler(guarded(HashCommands::hsetCommand)));
        table.register(CommandSpec.command("hmset", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("hash")
                .summary("Set multiple hash fields to multiple values")
                .handler(guarded(HashCommands::hmsetCommand)));
        table.register(CommandSpec.command("hget", 3).flags(READONLY, FAST).keys(1, 1, 1).group("hash")
                .summary("Get the value of a hash field")
                .handler(guarded(HashCommands::hgetCommand)));
        table.register(CommandSpec.command("hmget", -3).flags(READONLY, FAST).keys(1, 1, 1).group("hash")
                .summary("Get the values of all the given hash fields")
                .handler(guarded(HashCommands::hmgetCommand)));
        table.register(CommandSpec.command("hdel", -3).flags(WRITE, FAST).keys(1, 1, 1).group("hash")
                .summary("Delete one or more hash fields")
                .handler(guarded(HashCommands::hdelCommand)));
        table.register(CommandSpec.command("hgetall", 2).flags(READONLY).keys(1, 1, 1).group("hash")
                .summary("Get all the fields and values in a hash")
                .handler(guarded(HashCommands::hgetallCommand)));
        table.register(CommandSpec.command("hlen", 2).flags(READONLY, FAST).keys(1, 1, 1).group("hash")
                .summary("Get the number of fields in a hash")
                .handler(guarded(HashCommands::hlenCommand)));
        table.register(CommandSpec.command("hexists", 3).flags(READONLY, FAST).keys(1, 1, 1).group("hash")
                .summary("Determine if a hash field exists")
                .handler(guarded(HashCommands::hexistsCommand)));
        table.register(CommandSpec.command("hkeys", 2).flags(READONLY).keys(1, 1, 1).group("hash")
                .summary("Get all the fields in a hash")
                .handler(guarded(HashCommands::hkeysCommand)));
        table.register(CommandSpec.command("hvals", 2).flags(READONLY).keys(1, 1, 1).group("hash")
                .summary("Get all the values in a hash")
                .handler(guarded(HashCommands::hvalsCommand)));
        table.register(CommandSpec.command("hincrby", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("hash")
                .summary("Increment the integer value of a hash field by the given number")
                .handler(guarded(HashCommands::hincrbyCommand)));
        table.register(CommandSpec.command("hincrbyfloat", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("hash")
                .summary("Increment the float value of a hash field by the given amount")
                .handler(guarded(HashCommands::hincrbyfloatCommand)));
        table.register(CommandSpec.command("hsetnx", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("hash")
                .summary("Set the value of a hash field, only if the field does not exist")
                .handler(guarded(HashCommands::hsetnxCommand)));
        table.register(CommandSpec.command("hstrlen", 3).flags(READONLY, FAST).keys(1, 1, 1).group("hash")
                .summary("Get the length of the value of a hash field")
                .handler(guarded(HashCommands::hstrlenCommand)));
    }

    /** hashTypeLookupWriteOrCreate: the hash at key, created (and stored) when absent. */
    private static HashValue lookupWriteOrCreate(CommandContext ctx, Key key) {
        return TypedLookup.writeOrCreate(ctx, key, HashValue.class, HashValue::new);
    }

    /** hsetCommand: field/value pairs; replies with how many fields are new. */
    static Reply hsetCommand(CommandContext ctx, byte[][] argv) {
        if (argv.length % 2 == 1) {
            return Errors.wrongArity(ctx.spec().fullName());
        }
        HashValue hash = lookupWriteOrCreate(ctx, new Key(argv[1]));
        LinkedHashMap<Key, byte[]> fields = hash.fields();
        long created = 0;
        for (int j = 2; j < argv.length; j += 2) {
            if (fields.put(new Key(argv[j]), argv[j + 1]) == null) {
                created++;
            }
        }
        return Reply.integer(created);
    }

    /** HMSET is HSET replying OK (hsetCommand checks the command name in Redis). */
    static Reply hmsetCommand(CommandContext ctx, byte[][] argv) {
        Reply reply = hsetCommand(ctx, argv);
        return reply.isError() ? reply : Reply.ok();
    }

    static Reply hsetnxCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = lookupWriteOrCreate(ctx, new Key(argv[1]));
        return hash.fields().putIfAbsent(new Key(argv[2]), argv[3]) == null ? Reply.ONE : Reply.ZERO;
    }

    static Reply hgetCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        return hash == null ? Reply.NIL : Reply.bulk(hash.fields().get(new Key(argv[2])));
    }

    static Reply hmgetCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            out.add(hash == null ? Reply.NIL : Reply.bulk(hash.fields().get(new Key(argv[j]))));
        }
        return new Reply.ArrayReply(out);
    }

    /** hdelCommand: deletes the key with its last field. */
    static Reply hdelCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        HashValue hash = TypedLookup.writeAs(ctx, key, HashValue.class);
        if (hash == null) {
            return Reply.ZERO;
        }
        long deleted = 0;
        for (int j = 2; j < argv.length && hash.size() > 0; j++) {
            if (hash.fields().remove(new Key(argv[j])) != null) {
                deleted++;
            }
        }
        TypedLookup.deleteIfEmpty(ctx, key, hash.size());
        return Reply.integer(deleted);
    }

    static Reply hlenCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        return Reply.integer(hash == null ? 0 : hash.size());
    }

    static Reply hexistsCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        return hash != null && hash.fields().containsKey(new Key(argv[2])) ? Reply.ONE : Reply.ZERO;
    }

    static Reply hstrlenCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        byte[] value = hash == null ? null : hash.fields().get(new Key(argv[2]));
        return Reply.integer(value == null ? 0 : value.length);
    }

    static Reply hkeysCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        if (hash == null) {
            return Reply.EMPTY_ARRAY;
        }
        List<Reply> out = new ArrayList<>(hash.size());
        for (Key field : hash.fields().keySet()) {
            out.add(Reply.bulk(field.bytes()));
        }
        return new Reply.ArrayReply(out);
    }

    static Reply hvalsCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        if (hash == null) {
            return Reply.EMPTY_ARRAY;
        }
        List<Reply> out = new ArrayList<>(hash.size());
        for (byte[] value : hash.fields().values()) {
            out.add(Reply.bulk(value));
        }
        return new Reply.ArrayReply(out);
    }

    /** genericHgetallCommand: a RESP3 map (flattened pairs in RESP2). */
    static Reply hgetallCommand(CommandContext ctx, byte[][] argv) {
        HashValue hash = TypedLookup.readAs(ctx, new Key(argv[1]), HashValue.class);
        if (hash == null) {
            return EMPTY_MAP;
        }
        List<Reply> out = new ArrayList<>(hash.size() * 2);
        for (Map.Entry<Key, byte[]> e : hash.fields().entrySet()) {
            out.add(Reply.bulk(e.getKey().bytes()));
            out.add(Reply.bulk(e.getValue()));
        }
        return new Reply.MapReply(out);
    }

    /** hincrbyCommand: the field must hold a string2ll integer; overflow is refused. */
    static Reply hincrbyCommand(CommandContext ctx, byte[][] argv) {
        long increment = TypedLookup.longArg(argv[3]);
        HashValue hash = lookupWriteOrCreate(ctx, new Key(argv[1]));
        Key field = new Key(argv[2]);
        byte[] current = hash.fields().get(field);
        long value = 0;
        if (current != null) {
            OptionalLong parsed = Args.parseLong(current);
            if (parsed.isEmpty()) {
                return Reply.err("hash value is not an integer");
            }
            value = parsed.getAsLong();
        }
        if (Args.incrWouldOverflow(value, increment)) {
            return Errors.OVERFLOW;
        }
        value += increment;
        hash.fields().put(field, Args.bytes(value));
        return Reply.integer(value);
    }

    /**
     * hincrbyfloatCommand: long double arithmetic like INCRBYFLOAT; propagated as HSET of the
     * resulting text so replicas cannot round differently.
     */
    static Reply hincrbyfloatCommand(CommandContext ctx, byte[][] argv) {
        if (LongDouble.isInfinite(argv[3])) {
            return Reply.err("value is NaN or Infinity");
        }
        BigDecimal increment = LongDouble.parse(argv[3]);
        if (increment == null) {
            return Errors.NOT_FLOAT;
        }
        Key key = new Key(argv[1]);
        HashValue hash = lookupWriteOrCreate(ctx, key);
        Key field = new Key(argv[2]);
        byte[] current = hash.fields().get(field);
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            value = LongDouble.parse(current);
            if (value == null) {
                TypedLookup.deleteIfEmpty(ctx, key, hash.size());
                return LongDouble.isInfinite(current) ? Reply.err("increment would produce NaN or Infinity")
                        : Reply.err("hash value is not a float");
            }
        }
        BigDecimal sum = LongDouble.add(value, increment);
        if (sum == null) {
            TypedLookup.deleteIfEmpty(ctx, key, hash.size());
            return Reply.err("increment would produce NaN or Infinity");
        }
        byte[] text = Args.bytes(LongDouble.format(sum));
        hash.fields().put(field, text);
        ctx.propagateAs(new byte[][] {HSET, argv[1], argv[2], text});
        return Reply.bulk(text);
    }
}
