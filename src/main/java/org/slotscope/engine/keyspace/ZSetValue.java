package org.slotscope.engine.keyspace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;

/** A sorted set: a member->score map plus members ordered by (score, member) as Redis's skiplist. */
public final class ZSetValue implements RedisValue {
    public record Entry(Key member, double score) {
    }

    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::score).thenComparing(Entry::member);

    private final HashMap<Key, Double> scores;
    private final TreeSet<Entry> ordered;

    public ZSetValue() {
        this.scores = new HashMap<>();
        this.ordered = new TreeSet<>(ORDER);
    }

    private ZSetValue(ZSetValue other) {
        this.scores = new HashMap<>(other.scores);
        this.ordered = new TreeSet<>(other.ordered);
    }

    /** Sets the score; returns true when the member is new. */
    public boolean put(Key member, double score) {
        Double old = scores.put(member, score);
        if (old != null) {
            ordered.remove(new Entry(member, old));
        }
        ordered.add(new Entry(member, score));
        return old == null;
    }

    public boolean remove(Key member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        ordered.remove(new Entry(member, old));
        return true;
    }

    public Double score(Key member) {
        return scores.get(member);
    }

    public int size() {
        return scores.size();
    }

    /** Entries by rank, lowest score first. */
    public List<Entry> inOrder() {
        return new ArrayList<>(ordered);
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public RedisValue deepCopy() {
        return new ZSetValue(this);
    }

    @Override
    public long approximateSize() {
        long size = 0;
        for (Key k : scores.keySet()) {
            size += k.length() + 8;
        }
        return size;
    }
}
