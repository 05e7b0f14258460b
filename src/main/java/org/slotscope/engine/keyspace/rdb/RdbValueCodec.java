package org.slotscope.engine.keyspace.rdb;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import org.slotscope.engine.keyspace.HashValue;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.ListValue;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.SetValue;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.keyspace.ZSetValue;

/**
 * The DUMP payload format (cluster.c createDumpPayload / verifyDumpPayload): the object as
 * rdbSaveObjectType + rdbSaveObject write it, then the RDB version (2 bytes, little endian), then
 * the CRC64 of everything before it (8 bytes, little endian).
 *
 * <p>DUMP writes the plain encodings Redis 7.0 loads: STRING (int-encoded and LZF like Redis),
 * LIST, SET, ZSET_2 and HASH. RESTORE reads those and every compact encoding Redis 7.0 (and the
 * ziplist-era RDB versions it still loads) writes for the five types.
 */
public final class RdbValueCodec {
    private static final int FOOTER_SIZE = 10;

    private RdbValueCodec() {
    }

    /** DUMP with rdbcompression yes, the default. */
    public static byte[] dump(RedisValue value) {
        return dump(value, true);
    }

    public static byte[] dump(RedisValue value, boolean compress) {
        RdbOutput out = new RdbOutput(compress);
        writeObject(out, value);
        // createDumpPayload: RDB version, then CRC64 over type + object + version
        out.writeLittleEndian(RdbType.RDB_VERSION, 2);
        byte[] body = out.toByteArray();
        long crc = Crc64.crc64(0, body);
        byte[] payload = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            payload[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return payload;
    }

    private static void writeObject(RdbOutput out, RedisValue value) {
        if (value instanceof StringValue s) {
            out.writeByte(RdbType.STRING);
            out.writeString(s.value());
        } else if (value instanceof ListValue list) {
            out.writeByte(RdbType.LIST);
            out.writeLength(list.size());
            for (byte[] element : list.elements()) {
                out.writeString(element);
            }
        } else if (value instanceof SetValue set) {
            out.writeByte(RdbType.SET);
            List<Key> members = set.members();
            out.writeLength(members.size());
            for (Key member : members) {
                out.writeString(member.bytes());
            }
        } else if (value instanceof ZSetValue zset) {
            out.writeByte(RdbType.ZSET_2);
            List<ZSetValue.Entry> entries = zset.inOrder();
            out.writeLength(entries.size());
            // rdbSaveObject saves a skiplist from the tail, so loading inserts at the head cheaply.
            for (int i = entries.size() - 1; i >= 0; i--) {
                out.writeString(entries.get(i).member().bytes());
                out.writeBinaryDouble(entries.get(i).score());
            }
        } else if (value instanceof HashValue hash) {
            out.writeByte(RdbType.HASH);
            out.writeLength(hash.size());
            for (var e : hash.fields().entrySet()) {
                out.writeString(e.getKey().bytes());
                out.writeString(e.getValue());
            }
        } else {
            throw new IllegalArgumentException("unknown value type " + value.getClass());
        }
    }

    /**
     * verifyDumpPayload: at least the 10 byte footer, a version not newer than ours, a matching
     * CRC64 (Redis 7.0 has no "no checksum" escape: a zero CRC is checked like any other).
     */
    public static void verifyDumpPayload(byte[] payload) throws DumpPayloadException {
        if (payload.length < FOOTER_SIZE) {
            throw new DumpPayloadException(DumpPayloadException.Reason.VERSION_OR_CHECKSUM, "payload too short");
        }
        int footer = payload.length - FOOTER_SIZE;
        int version = (payload[footer] & 0xff) | ((payload[footer + 1] & 0xff) << 8);
        if (version > RdbType.RDB_VERSION) {
            throw new DumpPayloadException(DumpPayloadException.Reason.VERSION_OR_CHECKSUM,
                    "RDB version " + version + " is newer than " + RdbType.RDB_VERSION);
        }
        long expected = Listpack.le(payload, footer + 2, 8);
        if (Crc64.crc64(0, payload, 0, payload.length - 8) != expected) {
            throw new DumpPayloadException(DumpPayloadException.Reason.VERSION_OR_CHECKSUM, "checksum mismatch");
        }
    }

    /** verifyDumpPayload, then rdbLoadObjectType + rdbLoadObject. */
    public static RedisValue restore(byte[] payload) throws DumpPayloadException {
        verifyDumpPayload(payload);
        // restoreCommand reads the object from the whole argument, footer included (rioInitWithBuffer
        // on argv[3]): an object whose lengths run into the footer still loads, as on Redis.
        RdbInput in = new RdbInput(payload, 0, payload.length);
        int type = in.readUnsignedByte();
        return readObject(type, in);
    }

    private static RedisValue readObject(int type, RdbInput in) throws DumpPayloadException {
        switch (type) {
            case RdbType.STRING:
                return new StringValue(in.readString());
            case RdbType.LIST:
                return readPlainList(in);
            case RdbType.LIST_ZIPLIST:
                return list(Ziplist.decode(in.readString()));
            case RdbType.LIST_QUICKLIST:
            case RdbType.LIST_QUICKLIST_2:
                return readQuicklist(type, in);
            case RdbType.SET:
                return readPlainSet(in);
            case RdbType.SET_INTSET:
                return set(Intset.decode(in.readString()));
            case RdbType.SET_LISTPACK:
                return set(Listpack.decode(in.readString()));
            case RdbType.ZSET:
            case RdbType.ZSET_2:
                return readPlainZset(type, in);
            case RdbType.ZSET_ZIPLIST:
                return zset(Ziplist.decode(in.readString()));
            case RdbType.ZSET_LISTPACK:
                return zset(Listpack.decode(in.readString()));
            case RdbType.HASH:
                return readPlainHash(in);
            case RdbType.HASH_ZIPLIST:
                return hash(Ziplist.decode(in.readString()));
            case RdbType.HASH_LISTPACK:
                return hash(Listpack.decode(in.readString()));
            default:
                // Streams, modules and the zipmap of Redis 2.x have no model in the simulator.
                throw DumpPayloadException.badFormat("unsupported object type " + type);
        }
    }

    private static RedisValue readPlainList(RdbInput in) throws DumpPayloadException {
        int len = in.readCount();
        ListValue list = new ListValue();
        for (int i = 0; i < len; i++) {
            list.elements().addLast(in.readString());
        }
        return nonEmpty(list, list.size());
    }

    /**
     * RDB_TYPE_LIST_QUICKLIST(_2): a node count, then per node (version 2 only) its container,
     * PLAIN (one element stored as is) or PACKED (a listpack; a ziplist in version 1). Empty
     * packed nodes are skipped, as rdbLoadObject does; a node with an empty blob is corrupt.
     */
    private static RedisValue readQuicklist(int type, RdbInput in) throws DumpPayloadException {
        int nodes = in.readCount();
        ArrayDeque<byte[]> elements = new ArrayDeque<>();
        for (int i = 0; i < nodes; i++) {
            long container = RdbType.QUICKLIST_NODE_CONTAINER_PACKED;
            if (type == RdbType.LIST_QUICKLIST_2) {
                container = in.readLength();
                if (container != RdbType.QUICKLIST_NODE_CONTAINER_PACKED
                        && container != RdbType.QUICKLIST_NODE_CONTAINER_PLAIN) {
                    throw DumpPayloadException.badFormat("Quicklist integrity check failed.");
                }
            }
            byte[] data = in.readString();
            if (data.length == 0) {
                throw DumpPayloadException.badFormat("empty quicklist node");
            }
            if (container == RdbType.QUICKLIST_NODE_CONTAINER_PLAIN) {
                elements.addLast(data);
            } else {
                elements.addAll(type == RdbType.LIST_QUICKLIST_2 ? Listpack.decode(data) : Ziplist.decode(data));
            }
        }
        return list(elements);
    }

    private static RedisValue readPlainSet(RdbInput in) throws DumpPayloadException {
        int len = in.readCount();
        SetValue set = new SetValue();
        for (int i = 0; i < len; i++) {
            addSetMember(set, new Key(in.readString()));
        }
        return nonEmpty(set, set.size());
    }

    private static RedisValue readPlainZset(int type, RdbInput in) throws DumpPayloadException {
        int len = in.readCount();
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < len; i++) {
            Key member = new Key(in.readString());
            double score = type == RdbType.ZSET_2 ? in.readBinaryDouble() : in.readTextDouble();
            addZsetEntry(zset, member, score);
        }
        return nonEmpty(zset, zset.size());
    }

    private static RedisValue readPlainHash(RdbInput in) throws DumpPayloadException {
        int len = in.readCount();
        HashValue hash = new HashValue();
        for (int i = 0; i < len; i++) {
            Key field = new Key(in.readString());
            byte[] value = in.readString();
            putHashField(hash, field, value);
        }
        return nonEmpty(hash, hash.size());
    }

    private static RedisValue list(Collection<byte[]> entries) throws DumpPayloadException {
        ListValue list = new ListValue();
        list.elements().addAll(entries);
        return nonEmpty(list, list.size());
    }

    private static RedisValue set(List<byte[]> entries) throws DumpPayloadException {
        SetValue set = new SetValue();
        for (byte[] member : entries) {
            addSetMember(set, new Key(member));
        }
        return nonEmpty(set, set.size());
    }

    /** A packed sorted set: member, score, member, score... with scores as text or integers. */
    private static RedisValue zset(List<byte[]> entries) throws DumpPayloadException {
        if (entries.size() % 2 != 0) {
            throw DumpPayloadException.badFormat("odd number of sorted set entries");
        }
        ZSetValue zset = new ZSetValue();
        for (int i = 0; i < entries.size(); i += 2) {
            addZsetEntry(zset, new Key(entries.get(i)), RdbInput.parseScore(entries.get(i + 1)));
        }
        return nonEmpty(zset, zset.size());
    }

    /** A packed hash: field, value, field, value... */
    private static RedisValue hash(List<byte[]> entries) throws DumpPayloadException {
        if (entries.size() % 2 != 0) {
            throw DumpPayloadException.badFormat("odd number of hash entries");
        }
        HashValue hash = new HashValue();
        for (int i = 0; i < entries.size(); i += 2) {
            putHashField(hash, new Key(entries.get(i)), entries.get(i + 1));
        }
        return nonEmpty(hash, hash.size());
    }

    private static void addSetMember(SetValue set, Key member) throws DumpPayloadException {
        if (!set.add(member)) {
            throw DumpPayloadException.badFormat("Duplicate set members detected");
        }
    }

    private static void addZsetEntry(ZSetValue zset, Key member, double score) throws DumpPayloadException {
        if (Double.isNaN(score)) {
            throw DumpPayloadException.badFormat("Zset with NAN score detected");
        }
        if (!zset.put(member, score)) {
            throw DumpPayloadException.badFormat("Duplicate zset fields detected");
        }
    }

    /**
     * Redis 7.0 only finds duplicate fields in a small hash under sanitize-dump-payload; the
     * simulator's hash cannot hold two equal fields, so it always refuses them rather than drop one.
     */
    private static void putHashField(HashValue hash, Key field, byte[] value) throws DumpPayloadException {
        if (hash.fields().putIfAbsent(field, value) != null) {
            throw DumpPayloadException.badFormat("Duplicate hash fields detected");
        }
    }

    /** rdbLoadObject refuses empty collections ("emptykey"): a key never holds an empty one. */
    private static RedisValue nonEmpty(RedisValue value, int size) throws DumpPayloadException {
        if (size == 0) {
            throw DumpPayloadException.badFormat("empty collection");
        }
        return value;
    }
}
