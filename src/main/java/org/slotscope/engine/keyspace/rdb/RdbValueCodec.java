package org.slotscope.engine.keyspace.rdb;

import org.slotscope.engine.keyspace.RedisValue;

/** Placeholder until the RDB codec lands: DUMP payloads. */
public final class RdbValueCodec {
    private RdbValueCodec() {
    }

    public static byte[] dump(RedisValue value) {
        throw new UnsupportedOperationException("RDB codec not merged yet");
    }
}
