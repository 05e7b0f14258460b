package org.slotscope.engine.command.collections;

/**
 * An inclusive [start, end] range of positions in a list or sorted set, after Redis's rank-range
 * rules shared by lrangeCommand, ltrimCommand and zrangeGenericCommand's rank form (t_list.c,
 * t_zset.c): a negative index counts from the tail, start is clamped to 0, end to the last
 * element, and start &gt; end or start past the end is an empty range.
 */
record RankRange(int start, int end) {
    private static final RankRange EMPTY = new RankRange(0, -1);

    static RankRange of(long start, long end, long length) {
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= length) {
            return EMPTY;
        }
        if (end >= length) {
            end = length - 1;
        }
        return new RankRange((int) start, (int) end);
    }

    boolean isEmpty() {
        return end < start;
    }

    int count() {
        return end - start + 1;
    }
}
