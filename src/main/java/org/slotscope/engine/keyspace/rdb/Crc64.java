package org.slotscope.engine.keyspace.rdb;

/**
 * CRC-64 with the Jones polynomial, reflected, initial value 0 and no final xor: the checksum
 * Redis appends to RDB files and DUMP payloads (crc64.c, crc64_jones). The table is built from
 * the reflected polynomial 0x95ac9329ac4bc9b5 (0xad93d23594c935a9 bit-reversed).
 */
public final class Crc64 {
    private static final long REFLECTED_POLY = 0x95ac9329ac4bc9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc64() {
    }

    /** crc64(crc, data, len) as Redis calls it; start with 0. */
    public static long crc64(long crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    public static long crc64(long crc, byte[] data) {
        return crc64(crc, data, 0, data.length);
    }
}
