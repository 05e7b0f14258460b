package org.slotscope.engine.keyspace;

import java.util.LinkedHashMap;

/**
 * A hash. Insertion order is kept, which is the order a small Redis hash (a listpack) replies in,
 * so HGETALL on the simulator reads like HGETALL on Redis.
 */
public final class HashValue implements RedisValue {
    private final LinkedHashMap<Key, byte[]> fields;

    public HashValue() {
        this.fields = new LinkedHashMap<>();
    }

    private HashValue(LinkedHashMap<Key, byte[]> fields) {
        this.fields = fields;
    }

    public LinkedHashMap<Key, byte[]> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public RedisValue deepCopy() {
        return new HashValue(new LinkedHashMap<>(fields));
    }

    @Override
    public long approximateSize() {
        long size = 0;
        for (var e : fields.entrySet()) {
            size += e.getKey().length() + e.getValue().length;
        }
        return size;
    }
}
