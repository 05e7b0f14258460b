package org.slotscope.engine.command.collections;

import static org.slotscope.engine.command.CommandFlag.DENYOOM;
import static org.slotscope.engine.command.CommandFlag.FAST;
import static org.slotscope.engine.command.CommandFlag.READONLY;
import static org.slotscope.engine.command.CommandFlag.WRITE;
import static org.slotscope.engine.command.TypedLookup.guarded;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.command.TypedLookup;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ListValue;

/** The list commands: t_list.c (Redis 7.0). */
public final class ListCommands {
    private ListCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("lpush", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("list")
                .summary("Prepend one or multiple elements to a list")
                .handler(guarded(ListCommands::lpushCommand)));
        table.register(CommandSpec.command("rpush", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("list")
                .summary("Append one or multiple elements to a list")
                .handler(guarded(ListCommands::rpushCommand)));
        table.register(CommandSpec.command("lpushx", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("list")
                .summary("Prepend an element to a list, only if the list exists")
                .handler(guarded(ListCommands::lpushxCommand)));
        table.register(CommandSpec.command("rpushx", -3).flags(WRITE, DENYOOM, FAST).keys(1, 1, 1).group("list")
                .summary("Append an element to a list, only if the list exists")
                .handler(guarded(ListCommands::rpushxCommand)));
        table.register(CommandSpec.command("lpop", -2).flags(WRITE, FAST).keys(1, 1, 1).group("list")
                .summary("Remove and get the first elements in a list")
                .handler(guarded(ListCommands::lpopCommand)));
        table.register(CommandSpec.command("rpop", -2).flags(WRITE, FAST).keys(1, 1, 1).group("list")
                .summary("Remove and get the last elements in a list")
                .handler(guarded(ListCommands::rpopCommand)));
        table.register(CommandSpec.command("lrange", 4).flags(READONLY).keys(1, 1, 1).group("list")
                .summary("Get a range of elements from a list")
                .handler(guarded(ListCommands::lrangeCommand)));
        table.register(CommandSpec.command("llen", 2).flags(READONLY, FAST).keys(1, 1, 1).group("list")
                .summary("Get the length of a list")
                .handler(guarded(ListCommands::llenCommand)));
        table.register(CommandSpec.command("lindex", 3).flags(READONLY).keys(1, 1, 1).group("list")
                .summary("Get an element from a list by its index")
                .handler(guarded(ListCommands::lindexCommand)));
        table.register(CommandSpec.command("lset", 4).flags(WRITE, DENYOOM).keys(1, 1, 1).group("list")
                .summary("Set the value of an element in a list by its index")
                .handler(guarded(ListCommands::lsetCommand)));
        table.register(CommandSpec.command("lrem", 4).flags(WRITE).keys(1, 1, 1).group("list")
                .summary("Remove elements from a list")
                .handler(guarded(ListCommands::lremCommand)));
        table.register(CommandSpec.command("ltrim", 4).flags(WRITE).keys(1, 1, 1).group("list")
                .summary("Trim a list to the specified range")
                .handler(guarded(ListCommands::ltrimCommand)));
    }

    static Reply lpushCommand(CommandContext ctx, byte[][] argv) {
        return pushGenericCommand(ctx, argv, true, false);
    }

    static Reply rpushCommand(CommandContext ctx, byte[][] argv) {
        return pushGenericCommand(ctx, argv, false, false);
    }

    static Reply lpushxCommand(CommandContext ctx, byte[][] argv) {
        return pushGenericCommand(ctx, argv, true, true);
    }

    static Reply rpushxCommand(CommandContext ctx, byte[][] argv) {
        return pushGenericCommand(ctx, argv, false, true);
    }

    /** pushGenericCommand: creates the list unless it is a PUSHX; replies with the new length. */
    private static Reply pushGenericCommand(CommandContext ctx, byte[][] argv, boolean head, boolean onlyExisting) {
        Key key = new Key(argv[1]);
        if (onlyExisting && TypedLookup.writeAs(ctx, key, ListValue.class) == null) {
            return Reply.ZERO;
        }
        ListValue list = TypedLookup.writeOrCreate(ctx, key, ListValue.class, ListValue::new);
        ArrayDeque<byte[]> elements = list.elements();
        for (int j = 2; j < argv.length; j++) {
            if (head) {
                elements.addFirst(argv[j]);
            } else {
                elements.addLast(argv[j]);
            }
        }
        return Reply.integer(elements.size());
    }

    static Reply lpopCommand(CommandContext ctx, byte[][] argv) {
        return popGenericCommand(ctx, argv, true);
    }

    static Reply rpopCommand(CommandContext ctx, byte[][] argv) {
        return popGenericCommand(ctx, argv, false);
    }

    /**
     * popGenericCommand: without a count, one element or nil; with a count, an array (a null array
     * when the key is missing, an empty one for count 0). The list is deleted when emptied.
     */
    private static Reply popGenericCommand(CommandContext ctx, byte[][] argv, boolean head) {
        if (argv.length > 3) {
            return Errors.wrongArity(ctx.spec().fullName());
        }
        boolean hasCount = argv.length == 3;
        long count = 0;
        if (hasCount) {
            count = TypedLookup.positiveLongArg(argv[2]);
        }
        Key key = new Key(argv[1]);
        ListValue list = TypedLookup.writeAs(ctx, key, ListValue.class);
        if (list == null) {
            return hasCount ? Reply.NIL_ARRAY : Reply.NIL;
        }
        ArrayDeque<byte[]> elements = list.elements();
        if (!hasCount) {
            byte[] popped = head ? elements.pollFirst() : elements.pollLast();
            TypedLookup.deleteIfEmpty(ctx, key, elements.size());
            return Reply.bulk(popped);
        }
        if (count == 0) {
            return Reply.EMPTY_ARRAY;
        }
        int n = (int) Math.min(count, elements.size());
        List<Reply> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Reply.bulk(head ? elements.pollFirst() : elements.pollLast()));
        }
        TypedLookup.deleteIfEmpty(ctx, key, elements.size());
        return new Reply.ArrayReply(out);
    }

    /** lrangeCommand: inclusive indexes, negative from the tail, clamped to the list. */
    static Reply lrangeCommand(CommandContext ctx, byte[][] argv) {
        long start = TypedLookup.longArg(argv[2]);
        long end = TypedLookup.longArg(argv[3]);
        ListValue list = TypedLookup.readAs(ctx, new Key(argv[1]), ListValue.class);
        if (list == null) {
            return Reply.EMPTY_ARRAY;
        }
        RankRange range = RankRange.of(start, end, list.size());
        if (range.isEmpty()) {
            return Reply.EMPTY_ARRAY;
        }
        List<Reply> out = new ArrayList<>(range.count());
        Iterator<byte[]> it = list.elements().iterator();
        for (int i = 0; i < range.start(); i++) {
            it.next();
        }
        for (int i = 0; i < range.count(); i++) {
            out.add(Reply.bulk(it.next()));
        }
        return new Reply.ArrayReply(out);
    }

    static Reply llenCommand(CommandContext ctx, byte[][] argv) {
        ListValue list = TypedLookup.readAs(ctx, new Key(argv[1]), ListValue.class);
        return Reply.integer(list == null ? 0 : list.size());
    }

    /** lindexCommand: nil when the index is outside the list. */
    static Reply lindexCommand(CommandContext ctx, byte[][] argv) {
        ListValue list = TypedLookup.readAs(ctx, new Key(argv[1]), ListValue.class);
        if (list == null) {
            return Reply.NIL;
        }
        long index = TypedLookup.longArg(argv[2]);
        int at = position(index, list.size());
        return at < 0 ? Reply.NIL : Reply.bulk(elementAt(list.elements(), at));
    }

    /** lsetCommand: "no such key" before the index is even parsed, as Redis checks. */
    static Reply lsetCommand(CommandContext ctx, byte[][] argv) {
        ListValue list = TypedLookup.writeAs(ctx, new Key(argv[1]), ListValue.class);
        if (list == null) {
            return Errors.NO_SUCH_KEY;
        }
        long index = TypedLookup.longArg(argv[2]);
        int at = position(index, list.size());
        if (at < 0) {
            return Reply.err("index out of range");
        }
        ArrayDeque<byte[]> elements = list.elements();
        byte[][] all = elements.toArray(new byte[0][]);
        all[at] = argv[3];
        elements.clear();
        for (byte[] e : all) {
            elements.addLast(e);
        }
        return Reply.ok();
    }

    /** A Redis list index (negative from the tail) as a 0-based position, or -1 when outside. */
    private static int position(long index, int size) {
        long at = index < 0 ? size + index : index;
        return at < 0 || at >= size ? -1 : (int) at;
    }

    private static byte[] elementAt(ArrayDeque<byte[]> elements, int at) {
        if (at < elements.size() / 2) {
            Iterator<byte[]> it = elements.iterator();
            for (int i = 0; i < at; i++) {
                it.next();
            }
            return it.next();
        }
        Iterator<byte[]> it = elements.descendingIterator();
        for (int i = elements.size() - 1; i > at; i--) {
            it.next();
        }
        return it.next();
    }

    /** lremCommand: count > 0 from the head, < 0 from the tail, 0 all; deletes an emptied list. */
    static Reply lremCommand(CommandContext ctx, byte[][] argv) {
        long toRemove = TypedLookup.longArg(argv[2]);
        Key key = new Key(argv[1]);
        ListValue list = TypedLookup.writeAs(ctx, key, ListValue.class);
        if (list == null) {
            return Reply.ZERO;
        }
        byte[] target = argv[3];
        Iterator<byte[]> it = toRemove < 0 ? list.elements().descendingIterator() : list.elements().iterator();
        long limit = Math.abs(toRemove == Long.MIN_VALUE ? Long.MAX_VALUE : toRemove);
        long removed = 0;
        while (it.hasNext() && (limit == 0 || removed < limit)) {
            if (java.util.Arrays.equals(it.next(), target)) {
                it.remove();
                removed++;
            }
        }
        TypedLookup.deleteIfEmpty(ctx, key, list.size());
        return Reply.integer(removed);
    }

    /** ltrimCommand: keeps [start, end]; an empty result deletes the key. */
    static Reply ltrimCommand(CommandContext ctx, byte[][] argv) {
        long start = TypedLookup.longArg(argv[2]);
        long end = TypedLookup.longArg(argv[3]);
        Key key = new Key(argv[1]);
        ListValue list = TypedLookup.writeAs(ctx, key, ListValue.class);
        if (list == null) {
            return Reply.ok();
        }
        int length = list.size();
        RankRange range = RankRange.of(start, end, length);
        int ltrim;
        int rtrim;
        if (range.isEmpty()) {
            ltrim = length;
            rtrim = 0;
        } else {
            ltrim = range.start();
            rtrim = length - range.end() - 1;
        }
        ArrayDeque<byte[]> elements = list.elements();
        for (int i = 0; i < ltrim; i++) {
            elements.pollFirst();
        }
        for (int i = 0; i < rtrim; i++) {
            elements.pollLast();
        }
        TypedLookup.deleteIfEmpty(ctx, key, elements.size());
        return Reply.ok();
    }
}
