package org.slotscope.engine.keyspace;

import java.util.ArrayDeque;

/** A list: push and pop at both ends in O(1). */
public final class ListValue implements RedisValue {
    private final ArrayDeque<byte[]> elements;

    public ListValue() {
        this.elements = new ArrayDeque<>();
    }

    private ListValue(ArrayDeque<byte[]> elements) {
        this.elements = elements;
    }

    public ArrayDeque<byte[]> elements() {
        return elements;
    }

    public int size() {
        return elements.size();
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public RedisValue deepCopy() {
        return new ListValue(new ArrayDeque<>(elements));
    }

    @Override
    public long approximateSize() {
        long size = 0;
        for (byte[] e : elements) {
            size += e.length;
        }
        return size;
    }
}
