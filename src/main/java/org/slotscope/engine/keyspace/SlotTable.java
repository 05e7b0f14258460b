package org.slotscope.engine.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;
import org.slotscope.engine.bytes.Varint;

/**
 * One hash slot's keys and values, packed into a few arrays instead of a map entry, a key object,
 * its bytes, a value object and its bytes per key.
 *
 * <p>Why: a reshard creates every moved key anew on the target and on its replica. As five objects
 * per key, they all survived the next young collection and the collector copied them one by one;
 * those copies were the longest pauses of a 1M-key reshard (the window froze for them). Packed, a
 * slot's keys are a handful of arrays whatever their number.
 *
 * <p>Layout: entries are numbered in insertion order. Entry {@code e} has its key's hash in
 * {@code hashes[e]} and its record at {@code offsets[e]} in {@code data} (-1 once deleted). A record
 * is the key's length (varint) and bytes, then a value tag (varint): 0 means the value is the object
 * in {@code objects[e]} (lists, sets, hashes, sorted sets and long strings, which are mutable or big),
 * n > 0 means a string of n - 1 bytes that follow. {@code index} is an open-addressing table (linear
 * probing, at most half full) of entry numbers + 1. Deleted entries and replaced records leave holes
 * that {@link #compact} squeezes out once they are half of the table.
 */
final class SlotTable {
    /** Longer strings stay objects: no copy on every read, and a slot's data stays well under 2 GB. */
    static final int INLINE_STRING_MAX = 256;

    private int[] hashes = new int[4];
    private int[] offsets = new int[4];
    private Object[] objects; // only once a value needs it
    private byte[] data = new byte[64];
    private int[] index = new int[8];
    private int dataEnd;
    private int entries;
    private int live;
    private int deadBytes;

    int size() {
        return live;
    }

    /** The value, or null. A string is a fresh copy: its bytes live in {@code data}, which moves. */
    RedisValue get(Key key) {
        int e = find(key);
        return e < 0 ? null : valueOf(e);
    }

    /** Stores a value under a key; true when the key is new. */
    boolean put(Key key, RedisValue value) {
        int e = find(key);
        if (e >= 0) {
            replace(e, key.bytes(), value);
            return false;
        }
        if (entries == hashes.length) {
            if (live < entries / 2 + 1) {
                compact();
            }
            if (entries == hashes.length) {
                int grown = entries * 2;
                hashes = Arrays.copyOf(hashes, grown);
                offsets = Arrays.copyOf(offsets, grown);
                if (objects != null) {
                    objects = Arrays.copyOf(objects, grown);
                }
            }
        }
        e = entries++;
        hashes[e] = key.hashCode();
        offsets[e] = writeRecord(key.bytes(), e, value);
        live++;
        if (live * 2 > index.length) {
            rebuildIndex(index.length * 2);
        } else {
            insertIndex(e);
        }
        return true;
    }

    /** Removes a key; true when it was there. */
    boolean remove(Key key) {
        int at = slotOf(key);
        if (at < 0) {
            return false;
        }
        int e = index[at] - 1;
        deadBytes += recordLength(offsets[e]);
        offsets[e] = -1;
        if (objects != null) {
            objects[e] = null;
        }
        live--;
        deleteIndexAt(at);
        compactIfHalfWasted();
        return true;
    }

    /** Visits keys in insertion order, at most {@code limit} of them. */
    void forEachKey(int limit, Consumer<Key> visitor) {
        int seen = 0;
        for (int e = 0; e < entries && seen < limit; e++) {
            int off = offsets[e];
            if (off >= 0) {
                int len = Varint.read(data, off);
                int start = off + Varint.size(len);
                visitor.accept(new Key(Arrays.copyOfRange(data, start, start + len), hashes[e]));
                seen++;
            }
        }
    }

    private RedisValue valueOf(int e) {
        int tagAt = skipKey(offsets[e]);
        int tag = Varint.read(data, tagAt);
        if (tag == 0) {
            return (RedisValue) objects[e];
        }
        int start = tagAt + Varint.size(tag);
        return new StringValue(Arrays.copyOfRange(data, start, start + tag - 1));
    }

    /** A new value for entry {@code e}, whose key is {@code key} (the caller's bytes, no copy needed). */
    private void replace(int e, byte[] key, RedisValue value) {
        int off = offsets[e];
        int tagAt = skipKey(off);
        int tag = Varint.read(data, tagAt);
        if (tag != 0 && value instanceof StringValue s && s.value().length == tag - 1) {
            // Same length: overwrite in place, as Redis does for an embedded string of equal size.
            System.arraycopy(s.value(), 0, data, tagAt + Varint.size(tag), tag - 1);
            return;
        }
        deadBytes += recordLength(off);
        if (objects != null) {
            objects[e] = null;
        }
        offsets[e] = writeRecord(key, e, value);
        compactIfHalfWasted();
    }

    private void compactIfHalfWasted() {
        if (deadBytes > dataEnd / 2 && dataEnd > 256) {
            compact();
        }
    }

    /** Appends a record for entry {@code e} and returns its offset. */
    private int writeRecord(byte[] key, int e, RedisValue value) {
        byte[] inline = value instanceof StringValue s && s.value().length <= INLINE_STRING_MAX ? s.value() : null;
        int tag = inline == null ? 0 : inline.length + 1;
        int length = Varint.size(key.length) + key.length + Varint.size(tag) + (inline == null ? 0 : inline.length);
        ensureData(length);
        int off = dataEnd;
        int p = Varint.write(data, off, key.length);
        System.arraycopy(key, 0, data, p, key.length);
        p = Varint.write(data, p + key.length, tag);
        if (inline != null) {
            System.arraycopy(inline, 0, data, p, inline.length);
        } else {
            if (objects == null) {
                objects = new Object[hashes.length];
            }
            objects[e] = value;
        }
        dataEnd = off + length;
        return off;
    }

    /** Grows {@code data}; never compacts, since callers hold entry numbers that compacting changes. */
    private void ensureData(int more) {
        long needed = (long) dataEnd + more;
        if (needed <= data.length) {
            return;
        }
        long grown = Math.max(needed, data.length + (data.length >> 1));
        if (grown > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a hash slot cannot hold more than 2 GB of keys and short strings");
        }
        data = Arrays.copyOf(data, (int) grown);
    }

    /** Squeezes out deleted entries and dead records; entry order is kept. */
    private void compact() {
        byte[] packed = new byte[Math.max(64, dataEnd - deadBytes + ((dataEnd - deadBytes) >> 2))];
        int to = 0;
        int kept = 0;
        for (int e = 0; e < entries; e++) {
            int off = offsets[e];
            if (off < 0) {
                continue;
            }
            int len = recordLength(off);
            System.arraycopy(data, off, packed, to, len);
            hashes[kept] = hashes[e];
            offsets[kept] = to;
            if (objects != null) {
                objects[kept] = objects[e];
            }
            to += len;
            kept++;
        }
        if (objects != null) {
            Arrays.fill(objects, kept, entries, null);
        }
        if (kept * 4 < hashes.length && hashes.length > 4) {
            int shrunk = Math.max(4, kept * 2);
            hashes = Arrays.copyOf(hashes, shrunk);
            offsets = Arrays.copyOf(offsets, shrunk);
            if (objects != null) {
                objects = Arrays.copyOf(objects, shrunk);
            }
        }
        data = packed;
        dataEnd = to;
        deadBytes = 0;
        entries = kept;
        rebuildIndex(8);
    }

    private int find(Key key) {
        int at = slotOf(key);
        return at < 0 ? -1 : index[at] - 1;
    }

    /** The index position holding the key's entry, or -1. */
    private int slotOf(Key key) {
        int hash = key.hashCode();
        byte[] bytes = key.bytes();
        int mask = index.length - 1;
        for (int at = home(hash, mask); ; at = (at + 1) & mask) {
            int e = index[at] - 1;
            if (e < 0) {
                return -1;
            }
            if (hashes[e] == hash) {
                int off = offsets[e];
                int len = Varint.read(data, off);
                int start = off + Varint.size(len);
                if (Arrays.equals(data, start, start + len, bytes, 0, bytes.length)) {
                    return at;
                }
            }
        }
    }

    private void insertIndex(int e) {
        int mask = index.length - 1;
        int at = home(hashes[e], mask);
        while (index[at] != 0) {
            at = (at + 1) & mask;
        }
        index[at] = e + 1;
    }

    private void rebuildIndex(int capacity) {
        while (live * 2 > capacity) {
            capacity *= 2;
        }
        index = new int[capacity];
        for (int e = 0; e < entries; e++) {
            if (offsets[e] >= 0) {
                insertIndex(e);
            }
        }
    }

    /** Backward-shift deletion (linear probing needs no tombstones). */
    private void deleteIndexAt(int hole) {
        int mask = index.length - 1;
        index[hole] = 0;
        for (int at = (hole + 1) & mask; index[at] != 0; at = (at + 1) & mask) {
            int home = home(hashes[index[at] - 1], mask);
            // Move the entry into the hole unless its home lies cyclically in (hole, at].
            boolean stays = hole <= at ? hole < home && home <= at : hole < home || home <= at;
            if (!stays) {
                index[hole] = index[at];
                index[at] = 0;
                hole = at;
            }
        }
    }

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9; // Fibonacci hashing spreads Arrays.hashCode's similar low bits
        return (h ^ (h >>> 16)) & mask;
    }

    private int skipKey(int off) {
        int len = Varint.read(data, off);
        return off + Varint.size(len) + len;
    }

    private int recordLength(int off) {
        int tagAt = skipKey(off);
        int tag = Varint.read(data, tagAt);
        return tagAt + Varint.size(tag) + (tag == 0 ? 0 : tag - 1) - off;
    }
}
