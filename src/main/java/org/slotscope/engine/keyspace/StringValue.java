package org.slotscope.engine.keyspace;

/** A string value. Immutable: updates store a new one, so a DUMP snapshot stays valid. */
public record StringValue(byte[] value) implements RedisValue {
    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public RedisValue deepCopy() {
        return this;
    }

    @Override
    public long approximateSize() {
        return value.length;
    }
}
