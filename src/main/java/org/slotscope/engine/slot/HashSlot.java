package org.slotscope.engine.slot;

import java.nio.charset.StandardCharsets;

/**
 * Key to hash slot, as in the Redis Cluster specification ("Keys distribution model"):
 * {@code HASH_SLOT = CRC16(key) mod 16384}, where only the part between the first '{' and the
 * next '}' is hashed when that part is non-empty (keyHashSlot in cluster.c).
 */
public final class HashSlot {
    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        // CRC16-CCITT XMODEM: polynomial 0x1021, initial value 0, no reflection.
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private HashSlot() {
    }

    public static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    public static int crc16(byte[] bytes) {
        return crc16(bytes, 0, bytes.length);
    }

    public static int of(byte[] key) {
        int open = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') {
                open = i;
                break;
            }
        }
        if (open >= 0) {
            for (int close = open + 1; close < key.length; close++) {
                if (key[close] == '}') {
                    if (close == open + 1) {
                        break; // "{}" : hash the whole key
                    }
                    return crc16(key, open + 1, close) & (SLOTS - 1);
                }
            }
        }
        return crc16(key) & (SLOTS - 1);
    }

    public static int of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash tag of a key, or null when the whole key is hashed. */
    public static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open < 0) {
            return null;
        }
        int close = key.indexOf('}', open + 1);
        if (close <= open + 1) {
            return null;
        }
        return key.substring(open + 1, close);
    }

    public static boolean isValid(long slot) {
        return slot >= 0 && slot < SLOTS;
    }
}
