package org.slotscope.engine.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A binary-safe key (or set member, hash field): Redis strings are bytes, not text. */
public final class Key implements Comparable<Key> {
    private final byte[] bytes;
    private final int hash;

    public Key(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** For bytes whose {@link Arrays#hashCode} is already known (a key read back from a {@link SlotTable}). */
    Key(byte[] bytes, int hash) {
        this.bytes = bytes;
        this.hash = hash;
    }

    public static Key of(String text) {
        return new Key(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Key other && hash == other.hash && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Byte order, unsigned, as Redis's memcmp-based comparisons. */
    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
