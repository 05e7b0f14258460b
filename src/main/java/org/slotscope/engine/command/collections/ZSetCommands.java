package org.slotscope.engine.command.collections;

import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ZSetValue;

/**
 * The sorted set commands: t_zset.c (Redis 7.0). Scores are replied as doubles (RESP3 {@code ,} and
 * RESP2 bulk strings in %.17g style); WITHSCORES pairs are nested arrays in RESP3, flat in RESP2.
 */
public final class ZSetCommands {
    private static final Reply.Error NOT_A_FLOAT_RANGE = Reply.err("min or max is not a float");
    private static final Reply.Error NAN_RESULT = Reply.err("resulting score is not a number (NaN)");

    private ZSetCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("zadd", -4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Add one or more members to a sorted set, or update its score if it already exists")
                .handler(guarded(ZSetCommands::zaddCommand)));
        table.register(CommandSpec.command("zrange", -4).flags(READONLY).keys(1, 1, 1).group("sorted-set")
                .summary("Return a range of members in a sorted set")
                .handler(guarded(ZSetCommands::zrangeCommand)));
        table.register(CommandSpec.command("zrevrange", -4).flags(READONLY).keys(1, 1, 1).group("sorted-set")
                .summary("Return a range of members in a sorted set, by index, with scores ordered from high to low")
                .handler(guarded(ZSetCommands::zrevrangeCommand)));
        table.register(CommandSpec.command("zrangebyscore", -4).flags(READONLY).keys(1, 1, 1).group("sorted-set")
                .summary("Return a range of members in a sorted set, by score")
                .handler(guarded(ZSetCommands::zrangebyscoreCommand)));
        table.register(CommandSpec.command("zrem", -3).flags(WRITE, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Remove one or more members from a sorted set")
                .handler(guarded(ZSetCommands::zremCommand)));
        table.register(CommandSpec.command("zcard", 2).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Get the number of members in a sorted set")
                .handler(guarded(ZSetCommands::zcardCommand)));
        table.register(CommandSpec.command("zscore", 3).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Get the score associated with the given member in a sorted set")
                .handler(guarded(ZSetCommands::zscoreCommand)));
        table.register(CommandSpec.command("zmscore", -3).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Get the score associated with the given members in a sorted set")
                .handler(guarded(ZSetCommands::zmscoreCommand)));
        table.register(CommandSpec.command("zincrby", 4).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Increment the score of a member in a sorted set")
                .handler(guarded(ZSetCommands::zincrbyCommand)));
        table.register(CommandSpec.command("zrank", 3).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Determine the index of a member in a sorted set")
                .handler(guarded(ZSetCommands::zrankCommand)));
        table.register(CommandSpec.command("zrevrank", 3).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Determine the index of a member in a sorted set, with scores ordered from high to low")
                .handler(guarded(ZSetCommands::zrevrankCommand)));
        table.register(CommandSpec.command("zcount", 4).flags(READONLY, FAST).keys(1, 1, 1).group("sorted-set")
                .summary("Count the members in a sorted set with scores within the given values")
                .handler(guarded(ZSetCommands::zcountCommand)));
    }

    // ---- ZADD / ZINCRBY -----------------------------------------------------------------------------

    static Reply zaddCommand(CommandContext ctx, byte[][] argv) {
        return zaddGenericCommand(ctx, argv, false);
    }

    static Reply zincrbyCommand(CommandContext ctx, byte[][] argv) {
        return zaddGenericCommand(ctx, argv, true);
    }

    /**
     * zaddGenericCommand: options, then an even number of score/member arguments; every score is
     * parsed before anything changes, so a bad score leaves the set untouched.
     */
    private static Reply zaddGenericCommand(CommandContext ctx, byte[][] argv, boolean incr) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        int scoreIndex = 2;
        for (; scoreIndex < argv.length; scoreIndex++) {
            String opt = Args.lower(argv[scoreIndex]);
            if (opt.equals("nx")) {
                nx = true;
            } else if (opt.equals("xx")) {
                xx = true;
            } else if (opt.equals("ch")) {
                ch = true;
            } else if (opt.equals("incr")) {
                incr = true;
            } else if (opt.equals("gt")) {
                gt = true;
            } else if (opt.equals("lt")) {
                lt = true;
            } else {
                break;
            }
        }
        int elements = argv.length - scoreIndex;
        if (elements % 2 != 0 || elements == 0) {
            return Errors.SYNTAX;
        }
        elements /= 2;
        if (nx && xx) {
            return Reply.err("XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            return Reply.err("GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) {
            return Reply.err("INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = TypedLookup.doubleArg(argv[scoreIndex + j * 2]);
        }
        Key key = new Key(argv[1]);
        // zaddGenericCommand: XX never creates the key
        ZSetValue zset = xx ? TypedLookup.writeAs(ctx, key, ZSetValue.class)
                : TypedLookup.writeOrCreate(ctx, key, ZSetValue.class, ZSetValue::new);
        long added = 0;
        long updated = 0;
        long processed = 0;
        double score = 0;
        if (zset != null) {
            for (int j = 0; j < elements; j++) {
                Key member = new Key(argv[scoreIndex + 1 + j * 2]);
                score = scores[j];
                // zsetAdd
                Double current = zset.score(member);
                if (current != null) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            TypedLookup.deleteIfEmpty(ctx, key, zset.size());
                            return NAN_RESULT;
                        }
                    }
                    if ((lt && score >= current) || (gt && score <= current)) {
                        continue;
                    }
                    if (score != current) {
                        zset.put(member, score);
                        updated++;
                    }
                    processed++;
                } else if (!xx) {
                    zset.put(member, score);
                    added++;
                    processed++;
                }
            }
            TypedLookup.deleteIfEmpty(ctx, key, zset.size());
        }
        if (incr) {
            return processed > 0 ? new Reply.DoubleReply(score) : Reply.NIL;
        }
        return Reply.integer(ch ? added + updated : added);
    }

    // ---- reads --------------------------------------------------------------------------------------

    static Reply zcardCommand(CommandContext ctx, byte[][] argv) {
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        return Reply.integer(zset == null ? 0 : zset.size());
    }

    static Reply zscoreCommand(CommandContext ctx, byte[][] argv) {
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        Double score = zset == null ? null : zset.score(new Key(argv[2]));
        return score == null ? Reply.NIL : new Reply.DoubleReply(score);
    }

    static Reply zmscoreCommand(CommandContext ctx, byte[][] argv) {
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            Double score = zset == null ? null : zset.score(new Key(argv[j]));
            out.add(score == null ? Reply.NIL : new Reply.DoubleReply(score));
        }
        return new Reply.ArrayReply(out);
    }

    static Reply zrankCommand(CommandContext ctx, byte[][] argv) {
        return zrankGenericCommand(ctx, argv, false);
    }

    static Reply zrevrankCommand(CommandContext ctx, byte[][] argv) {
        return zrankGenericCommand(ctx, argv, true);
    }

    private static Reply zrankGenericCommand(CommandContext ctx, byte[][] argv, boolean reverse) {
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        Key member = new Key(argv[2]);
        if (zset == null || zset.score(member) == null) {
            return Reply.NIL;
        }
        List<ZSetValue.Entry> ordered = zset.inOrder();
        for (int rank = 0; rank < ordered.size(); rank++) {
            if (ordered.get(rank).member().equals(member)) {
                return Reply.integer(reverse ? ordered.size() - 1 - rank : rank);
            }
        }
        return Reply.NIL;
    }

    static Reply zcountCommand(CommandContext ctx, byte[][] argv) {
        ScoreRange range = ScoreRange.parse(argv[2], argv[3]);
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        if (zset == null) {
            return Reply.ZERO;
        }
        long count = 0;
        for (ZSetValue.Entry e : zset.inOrder()) {
            if (range.contains(e.score())) {
                count++;
            } else if (!range.belowMin(e.score())) {
                break;
            }
        }
        return Reply.integer(count);
    }

    static Reply zremCommand(CommandContext ctx, byte[][] argv) {
        Key key = new Key(argv[1]);
        ZSetValue zset = TypedLookup.writeAs(ctx, key, ZSetValue.class);
        if (zset == null) {
            return Reply.ZERO;
        }
        long removed = 0;
        for (int j = 2; j < argv.length; j++) {
            if (zset.remove(new Key(argv[j]))) {
                removed++;
            }
        }
        TypedLookup.deleteIfEmpty(ctx, key, zset.size());
        return Reply.integer(removed);
    }

    // ---- ranges -------------------------------------------------------------------------------------

    /** zslParseRange: "(" makes a bound exclusive; strtod numbers, "inf" included, NaN refused. */
    private record ScoreRange(double min, double max, boolean minExclusive, boolean maxExclusive) {
        static ScoreRange parse(byte[] min, byte[] max) {
            boolean minEx = min.length > 0 && min[0] == '(';
            boolean maxEx = max.length > 0 && max[0] == '(';
            OptionalDouble lo = Args.parseDouble(minEx ? java.util.Arrays.copyOfRange(min, 1, min.length) : min);
            OptionalDouble hi = Args.parseDouble(maxEx ? java.util.Arrays.copyOfRange(max, 1, max.length) : max);
            if (lo.isEmpty() || hi.isEmpty()) {
                throw TypedLookup.abort(NOT_A_FLOAT_RANGE);
            }
            return new ScoreRange(lo.getAsDouble(), hi.getAsDouble(), minEx, maxEx);
        }

        boolean belowMin(double score) {
            return minExclusive ? score <= min : score < min;
        }

        boolean aboveMax(double score) {
            return maxExclusive ? score >= max : score > max;
        }

        boolean contains(double score) {
            return !belowMin(score) && !aboveMax(score);
        }
    }

    /** zslParseLexRange: "-" / "+" for the ends, "[" inclusive, "(" exclusive, else an error. */
    private record LexRange(Key min, Key max, boolean minExclusive, boolean maxExclusive,
            boolean minInfinite, boolean maxInfinite, boolean minPlusInf, boolean maxMinusInf) {
        static LexRange parse(byte[] min, byte[] max) {
            Item lo = Item.parse(min);
            Item hi = Item.parse(max);
            return new LexRange(lo.value, hi.value, lo.exclusive, hi.exclusive, lo.minusInf, hi.plusInf,
                    lo.plusInf, hi.minusInf);
        }

        private record Item(Key value, boolean exclusive, boolean minusInf, boolean plusInf) {
            static Item parse(byte[] arg) {
                if (arg.length == 1 && arg[0] == '+') {
                    return new Item(null, false, false, true);
                }
                if (arg.length == 1 && arg[0] == '-') {
                    return new Item(null, false, true, false);
                }
                if (arg.length >= 1 && (arg[0] == '(' || arg[0] == '[')) {
                    return new Item(new Key(java.util.Arrays.copyOfRange(arg, 1, arg.length)), arg[0] == '(',
                            false, false);
                }
                throw TypedLookup.abort(Reply.err("min or max not valid string range item"));
            }
        }

        boolean belowMin(Key member) {
            if (minPlusInf) {
                return true;
            }
            if (minInfinite) {
                return false;
            }
            int c = member.compareTo(min);
            return minExclusive ? c <= 0 : c < 0;
        }

        boolean aboveMax(Key member) {
            if (maxMinusInf) {
                return true;
            }
            if (maxInfinite) {
                return false;
            }
            int c = member.compareTo(max);
            return maxExclusive ? c >= 0 : c > 0;
        }
    }

    private enum RangeType { AUTO, RANK, SCORE, LEX }

    static Reply zrangeCommand(CommandContext ctx, byte[][] argv) {
        return zrangeGenericCommand(ctx, argv, RangeType.AUTO, null);
    }

    static Reply zrevrangeCommand(CommandContext ctx, byte[][] argv) {
        return zrangeGenericCommand(ctx, argv, RangeType.RANK, Boolean.TRUE);
    }

    static Reply zrangebyscoreCommand(CommandContext ctx, byte[][] argv) {
        return zrangeGenericCommand(ctx, argv, RangeType.SCORE, Boolean.FALSE);
    }

    /**
     * zrangeGenericCommand (7.0): parse the options (REV / BYSCORE / BYLEX only where the command
     * leaves them open), check conflicts with Redis's messages, parse the range, then look the key up.
     * {@code reverse} null means "ZRANGE decides with REV".
     */
    private static Reply zrangeGenericCommand(CommandContext ctx, byte[][] argv, RangeType type, Boolean reverse) {
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean hasLimit = false;
        boolean directionOpen = reverse == null;
        boolean rev = reverse != null && reverse;
        for (int j = 4; j < argv.length; j++) {
            int left = argv.length - j - 1;
            if (Args.is(argv[j], "withscores")) {
                withScores = true;
            } else if (Args.is(argv[j], "limit") && left >= 2) {
                offset = TypedLookup.longArg(argv[j + 1]);
                limit = TypedLookup.longArg(argv[j + 2]);
                hasLimit = true;
                j += 2;
            } else if (directionOpen && Args.is(argv[j], "rev")) {
                rev = true;
            } else if (type == RangeType.AUTO && Args.is(argv[j], "bylex")) {
                type = RangeType.LEX;
            } else if (type == RangeType.AUTO && Args.is(argv[j], "byscore")) {
                type = RangeType.SCORE;
            } else {
                return Errors.SYNTAX;
            }
        }
        if (type == RangeType.AUTO) {
            type = RangeType.RANK;
        }
        if (hasLimit && type == RangeType.RANK) {
            return Reply.err("syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && type == RangeType.LEX) {
            return Reply.err("syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // a reversed BYSCORE / BYLEX range is written max first
        byte[] minArg = rev && type != RangeType.RANK ? argv[3] : argv[2];
        byte[] maxArg = rev && type != RangeType.RANK ? argv[2] : argv[3];
        long start = 0;
        long end = 0;
        ScoreRange scoreRange = null;
        LexRange lexRange = null;
        switch (type) {
            case RANK -> {
                start = TypedLookup.longArg(minArg);
                end = TypedLookup.longArg(maxArg);
            }
            case SCORE -> scoreRange = ScoreRange.parse(minArg, maxArg);
            default -> lexRange = LexRange.parse(minArg, maxArg);
        }
        ZSetValue zset = TypedLookup.readAs(ctx, new Key(argv[1]), ZSetValue.class);
        if (zset == null) {
            return Reply.EMPTY_ARRAY;
        }
        List<ZSetValue.Entry> ordered = zset.inOrder();
        if (rev) {
            Collections.reverse(ordered);
        }
        List<ZSetValue.Entry> picked = new ArrayList<>();
        if (type == RangeType.RANK) {
            RankRange range = RankRange.of(start, end, ordered.size());
            if (!range.isEmpty()) {
                picked = ordered.subList(range.start(), range.end() + 1);
            }
        } else {
            // genericZrangebyscoreCommand / genericZrangebylexCommand: skip to the range, skip
            // 'offset' matches, then take up to 'limit' (negative: all). A negative offset yields
            // nothing, as the C loop "while (offset--)" runs off the end of the list.
            if (offset < 0 || (offset > 0 && offset >= ordered.size())) {
                return Reply.EMPTY_ARRAY;
            }
            for (ZSetValue.Entry e : ordered) {
                boolean before;
                boolean after;
                if (type == RangeType.SCORE) {
                    before = rev ? scoreRange.aboveMax(e.score()) : scoreRange.belowMin(e.score());
                    after = rev ? scoreRange.belowMin(e.score()) : scoreRange.aboveMax(e.score());
                } else {
                    before = rev ? lexRange.aboveMax(e.member()) : lexRange.belowMin(e.member());
                    after = rev ? lexRange.belowMin(e.member()) : lexRange.aboveMax(e.member());
                }
                if (before) {
                    continue;
                }
                if (after || limit == 0) {
                    break;
                }
                if (offset > 0) {
                    offset--;
                    continue;
                }
                picked.add(e);
                if (limit > 0) {
                    limit--;
                }
            }
        }
        return rangeReply(ctx, picked, withScores);
    }

    private static Reply rangeReply(CommandContext ctx, List<ZSetValue.Entry> entries, boolean withScores) {
        boolean resp3 = ctx.session().protocol() >= 3;
        List<Reply> out = new ArrayList<>(withScores && !resp3 ? entries.size() * 2 : entries.size());
        for (ZSetValue.Entry e : entries) {
            Reply member = Reply.bulk(e.member().bytes());
            if (!withScores) {
                out.add(member);
            } else if (resp3) {
                out.add(Reply.array(member, new Reply.DoubleReply(e.score())));
            } else {
                out.add(member);
                out.add(new Reply.DoubleReply(e.score()));
            }
        }
        return new Reply.ArrayReply(out);
    }
}
