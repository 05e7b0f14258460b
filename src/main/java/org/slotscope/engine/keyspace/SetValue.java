package org.slotscope.engine.keyspace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * A set. Members live in an array plus an index, so SPOP and SRANDMEMBER pick a random member
 * in O(1) instead of walking a hash table.
 */
public final class SetValue implements RedisValue {
    private final ArrayList<Key> members;
    private final HashMap<Key, Integer> positions;

    public SetValue() {
        this.members = new ArrayList<>();
        this.positions = new HashMap<>();
    }

    private SetValue(SetValue other) {
        this.members = new ArrayList<>(other.members);
        this.positions = new HashMap<>(other.positions);
    }

    public boolean add(Key member) {
        if (positions.containsKey(member)) {
            return false;
        }
        positions.put(member, members.size());
        members.add(member);
        return true;
    }

    public boolean remove(Key member) {
        Integer at = positions.remove(member);
        if (at == null) {
            return false;
        }
        Key last = members.remove(members.size() - 1);
        if (at < members.size()) {
            members.set(at, last);
            positions.put(last, at);
        }
        return true;
    }

    public boolean contains(Key member) {
        return positions.containsKey(member);
    }

    public Key memberAt(int index) {
        return members.get(index);
    }

    public int size() {
        return members.size();
    }

    public List<Key> members() {
        return List.copyOf(members);
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public RedisValue deepCopy() {
        return new SetValue(this);
    }

    @Override
    public long approximateSize() {
        long size = 0;
        for (Key k : members) {
            size += k.length();
        }
        return size;
    }
}
