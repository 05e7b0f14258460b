package org.slotscope.engine.command.collections;

import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.time.SeededRandom;

/**
 * The set commands: t_set.c (Redis 7.0). Random choices come from the cluster's seeded random, so
 * SPOP and SRANDMEMBER are reproducible from the seed; which member they pick differs from Redis.
 */
public final class SetCommands {
    private static final byte[] SREM = Args.bytes("SREM");
    private static final byte[] DEL = Args.bytes("DEL");
    private static final Reply EMPTY_SET = new Reply.SetReply(List.of());

    private SetCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("sadd", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("set")
                .summary("Add one or more members to a set")
                .handler(guarded(SetCommands::saddCommand)));
        table.register(CommandSpec.command("srem", -3).flags(WRITE, FAST).keys(1, 1, 1).group("set")
                .summary("Remove one or more members from a set")
                .handler(guarded(SetCommands::sremCommand)));
        table.register(CommandSpec.command("smembers", 2).flags(READONLY).keys(1, 1, 1).group("set")
                .summary("Get all the members in a set")
                .handler(guarded(SetCommands::smembersCommand)));
        table.register(CommandSpec.command("scard", 2).flags(READONLY, FAST).keys(1, 1, 1).group("set")
                .summary("Get the number of members in a set")
                .handler(guarded(SetCommands::scardCommand)));
        table.register(CommandSpec.command("sismember", 3).flags(READONLY, FAST).keys(1, 1, 1).group("set")
                .summary("Determine if a given value is a member of a set")
                .handler(guarded(SetCommands::sismemberCommand)));
        table.register(CommandSpec.command("smismember", -3).flags(READONLY, FAST).keys(1, 1, 1).group("set")
                .summary("Returns the membership associated with the given elements for a set")
                .handler(guarded(SetCommands::smismemberCommand)));
        table.register(CommandSpec.command("spop", -2).flags(WRITE, FAST).keys(1, 1, 1).group("set")
                .summary("Remove and return one or multiple random members from a set")
                .handler(guarded(SetCommands::spopCommand)));
        table.register(CommandSpec.command("srandmember", -2).flags(READONLY).keys(1, 1, 1).group("set")
                .summary("Get one or multiple random members from a set")
                .handler(guarded(SetCommands::srandmemberCommand)));
        table.register(CommandSpec.command("sinter", -2).flags(READONLY).keys(1, -1, 1).group("set")
                .summary("Intersect multiple sets")
                .handler(guarded(SetCommands::sinterCommand)));
        table.register(CommandSpec.command("sunion", -2).flags(READONLY).keys(1, -1, 1).group("set")
                .summary("Add multiple sets")
                .handler(guarded(SetCommands::sunionCommand)));
        table.register(CommandSpec.command("sdiff", -2).flags(READONLY).keys(1, -1, 1).group("set")
                .summary("Subtract multiple sets")
                .handler(guarded(SetCommands::sdiffCommand)));
    }

    static Reply saddCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        SetValue set = TypedLookup.writeOrCreate(ctx, key, SetValue.class, SetValue::new);
        long added = 0;
        for (int j = 2; j < argv.length; j++) {
            if (set.add(new Key(argv[j]))) {
                added++;
            }
        }
        return Reply.integer(added);
    }

    static Reply sremCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        SetValue set = TypedLookup.writeAs(ctx, key, SetValue.class);
        if (set == null) {
            return Reply.ZERO;
        }
        long removed = 0;
        for (int j = 2; j < argv.length && set.size() > 0; j++) {
            if (set.remove(new Key(argv[j]))) {
                removed++;
            }
        }
        TypedLookup.deleteIfEmpty(ctx, key, set.size());
        return Reply.integer(removed);
    }

    /** SMEMBERS is SINTER of one key in Redis 7.0: a RESP3 set reply. */
    static Reply smembersCommand(CommandContext ctx, byte[][] argv) {
        SetValue set = TypedLookup.readAs(ctx, new Key(argv[1]), SetValue.class);
        return set == null ? EMPTY_SET : setReply(set.members());
    }

    static Reply scardCommand(CommandContext ctx, byte[][] argv) {
        SetValue set = TypedLookup.readAs(ctx, new Key(argv[1]), SetValue.class);
        return Reply.integer(set == null ? 0 : set.size());
    }

    static Reply sismemberCommand(CommandContext ctx, byte[][] argv) {
        SetValue set = TypedLookup.readAs(ctx, new Key(argv[1]), SetValue.class);
        return set != null && set.contains(new Key(argv[2])) ? Reply.ONE : Reply.ZERO;
    }

    static Reply smismemberCommand(CommandContext ctx, byte[][] argv) {
        SetValue set = TypedLookup.readAs(ctx, new Key(argv[1]), SetValue.class);
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            out.add(set != null && set.contains(new Key(argv[j])) ? Reply.ONE : Reply.ZERO);
        }
        return new Reply.ArrayReply(out);
    }

    /**
     * spopCommand: one random member, propagated as SREM of that member (replicas must remove the
     * same one, not draw their own).
     */
    static Reply spopCommand(CommandContext ctx, byte[][] argv) {
        if (argv.length == 3) {
            return spopWithCountCommand(ctx, argv);
        } else if (argv.length > 3) {
            return Errors.SYNTAX;
        }
        Key key = new Key(argv[1]);
        SetValue set = TypedLookup.writeAs(ctx, key, SetValue.class);
        if (set == null) {
            return Reply.NIL;
        }
        Key member = set.memberAt(ctx.cluster().random().nextInt(set.size()));
        set.remove(member);
        TypedLookup.deleteIfEmpty(ctx, key, set.size());
        ctx.propagateAs(new byte[][] {SREM, argv[1], member.bytes()});
        return Reply.bulk(member.bytes());
    }

    /**
     * spopWithCountCommand: the whole set (propagated as DEL) when count >= size, else count random
     * members (propagated as one SREM of them; Redis sends SREMs in batches of up to 1024 members,
     * with the same effect).
     */
    private static Reply spopWithCountCommand(CommandContext ctx, byte[][] argv) {
        long count = TypedLookup.positiveLongArg(argv[2]);
        Key key = new Key(argv[1]);
        SetValue set = TypedLookup.writeAs(ctx, key, SetValue.class);
        if (set == null || count == 0) {
            return EMPTY_SET;
        }
        if (count >= set.size()) {
            List<Key> all = set.members();
            ctx.keyspace().delete(key);
            ctx.propagateAs(new byte[][] {DEL, argv[1]});
            return setReply(all);
        }
        SeededRandom random = ctx.cluster().random();
        List<Key> popped = new ArrayList<>((int) count);
        byte[][] propagated = new byte[(int) count + 2][];
        propagated[0] = SREM;
        propagated[1] = argv[1];
        for (int i = 0; i < count; i++) {
            Key member = set.memberAt(random.nextInt(set.size()));
            set.remove(member);
            popped.add(member);
            propagated[i + 2] = member.bytes();
        }
        ctx.propagateAs(propagated);
        return setReply(popped);
    }

    /**
     * srandmemberCommand / srandmemberWithCountCommand: a positive count gives distinct members, a
     * negative one may repeat; always an array (not a set) in 7.0.
     */
    static Reply srandmemberCommand(CommandContext ctx, byte[][] argv) {
        if (argv.length > 3) {
            return Errors.SYNTAX;
        }
        Key key = new Key(argv[1]);
        SeededRandom random = ctx.cluster().random();
        if (argv.length == 2) {
            SetValue set = TypedLookup.readAs(ctx, key, SetValue.class);
            return set == null ? Reply.NIL : Reply.bulk(set.memberAt(random.nextInt(set.size())).bytes());
        }
        long l = TypedLookup.longArg(argv[2]);
        if (l == Long.MIN_VALUE) {
            return Reply.err("value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        boolean unique = l >= 0;
        long count = Math.abs(l);
        SetValue set = TypedLookup.readAs(ctx, key, SetValue.class);
        if (set == null || count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        int size = set.size();
        List<Reply> out = new ArrayList<>();
        if (!unique) {
            for (long i = 0; i < count; i++) {
                out.add(Reply.bulk(set.memberAt(random.nextInt(size)).bytes()));
            }
        } else if (count >= size) {
            for (Key member : set.members()) {
                out.add(Reply.bulk(member.bytes()));
            }
        } else {
            // a partial Fisher-Yates shuffle over the positions: count distinct members
            int[] positions = new int[size];
            for (int i = 0; i < size; i++) {
                positions[i] = i;
            }
            for (int i = 0; i < count; i++) {
                int pick = i + random.nextInt(size - i);
                int t = positions[i];
                positions[i] = positions[pick];
                positions[pick] = t;
                out.add(Reply.bulk(set.memberAt(positions[i]).bytes()));
            }
        }
        return new Reply.ArrayReply(out);
    }

    /** sinterGenericCommand: every key is type-checked first; a missing key makes the result empty. */
    static Reply sinterCommand(CommandContext ctx, byte[][] argv) {
        List<SetValue> sets = lookupSets(ctx, argv);
        SetValue smallest = null;
        for (SetValue set : sets) {
            if (set == null) {
                return EMPTY_SET;
            }
            if (smallest == null || set.size() < smallest.size()) {
                smallest = set;
            }
        }
        List<Key> out = new ArrayList<>();
        for (Key member : smallest.members()) {
            boolean inAll = true;
            for (SetValue set : sets) {
                if (set != smallest && !set.contains(member)) {
                    inAll = false;
                    break;
                }
            }
            if (inAll) {
                out.add(member);
            }
        }
        return setReply(out);
    }

    static Reply sunionCommand(CommandContext ctx, byte[][] argv) {
        LinkedHashSet<Key> union = new LinkedHashSet<>();
        for (SetValue set : lookupSets(ctx, argv)) {
            if (set != null) {
                union.addAll(set.members());
            }
        }
        return setReply(new ArrayList<>(union));
    }

    /** sunionDiffGenericCommand (SET_OP_DIFF): members of the first set in none of the others. */
    static Reply sdiffCommand(CommandContext ctx, byte[][] argv) {
        List<SetValue> sets = lookupSets(ctx, argv);
        if (sets.get(0) == null) {
            return EMPTY_SET;
        }
        List<Key> out = new ArrayList<>();
        for (Key member : sets.get(0).members()) {
            boolean elsewhere = false;
            for (int i = 1; i < sets.size() && !elsewhere; i++) {
                elsewhere = sets.get(i) != null && sets.get(i).contains(member);
            }
            if (!elsewhere) {
                out.add(member);
            }
        }
        return setReply(out);
    }

    private static List<SetValue> lookupSets(CommandContext ctx, byte[][] argv) {
        List<SetValue> sets = new ArrayList<>(argv.length - 1);
        for (int j = 1; j < argv.length; j++) {
            sets.add(TypedLookup.readAs(ctx, new Key(argv[j]), SetValue.class));
        }
        return sets;
    }

    private static Reply setReply(List<Key> members) {
        List<Reply> out = new ArrayList<>(members.size());
        for (Key member : members) {
            out.add(Reply.bulk(member.bytes()));
        }
        return new Reply.SetReply(out);
    }
}
