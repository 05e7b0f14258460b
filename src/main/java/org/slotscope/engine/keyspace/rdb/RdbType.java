package org.slotscope.engine.keyspace.rdb;

/** Object type bytes of the RDB format (rdb.h RDB_TYPE_*), and the related constants. */
public final class RdbType {
    private RdbType() {
    }

    public static final int STRING = 0;
    public static final int LIST = 1;
    public static final int SET = 2;
    public static final int ZSET = 3;
    public static final int HASH = 4;
    public static final int ZSET_2 = 5;
    public static final int MODULE = 6;
    public static final int MODULE_2 = 7;
    public static final int HASH_ZIPMAP = 9;
    public static final int LIST_ZIPLIST = 10;
    public static final int SET_INTSET = 11;
    public static final int ZSET_ZIPLIST = 12;
    public static final int HASH_ZIPLIST = 13;
    public static final int LIST_QUICKLIST = 14;
    public static final int STREAM_LISTPACKS = 15;
    public static final int HASH_LISTPACK = 16;
    public static final int ZSET_LISTPACK = 17;
    public static final int LIST_QUICKLIST_2 = 18;
    public static final int STREAM_LISTPACKS_2 = 19;
    public static final int SET_LISTPACK = 20;

    /** RDB_VERSION of Redis 7.0: what DUMP writes and the newest RESTORE accepts. */
    public static final int RDB_VERSION = 10;

    /** quicklist.h QUICKLIST_NODE_CONTAINER_*: a node holding one big element, or a listpack. */
    public static final int QUICKLIST_NODE_CONTAINER_PLAIN = 1;
    public static final int QUICKLIST_NODE_CONTAINER_PACKED = 2;

    // rdbLoadLen: the two top bits of the first byte
    static final int RDB_6BITLEN = 0;
    static final int RDB_14BITLEN = 1;
    static final int RDB_32BITLEN = 0x80;
    static final int RDB_64BITLEN = 0x81;
    static final int RDB_ENCVAL = 3;

    // RDB_ENCVAL kinds
    static final int RDB_ENC_INT8 = 0;
    static final int RDB_ENC_INT16 = 1;
    static final int RDB_ENC_INT32 = 2;
    static final int RDB_ENC_LZF = 3;
}
