package org.slotscope.engine.keyspace;

/** A value stored under a key. The five types the simulator knows, as TYPE names them. */
public sealed interface RedisValue permits StringValue, ListValue, SetValue, HashValue, ZSetValue {
    /** The name TYPE replies with. */
    String typeName();

    /** An independent copy (MIGRATE COPY, replication, DUMP snapshots). */
    RedisValue deepCopy();

    /** A rough size in bytes of the payload, for INFO memory and the UI's key-density track. */
    long approximateSize();
}
