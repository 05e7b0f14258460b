package org.slotscope.engine.keyspace.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a listpack (listpack.c), the compact encoding of small hashes, sorted sets, (7.2) sets
 * and quicklist nodes. Layout: total bytes (uint32 LE), element count (uint16 LE, 65535 when
 * unknown), the entries, then 0xFF. An entry is an encoding byte and its data, followed by a
 * "backlen" of 1-5 bytes holding the length of encoding+data, so the list can be walked backwards.
 */
public final class Listpack {
    private static final int HEADER_SIZE = 6;
    private static final int EOF = 0xFF;
    private static final int NUMELE_UNKNOWN = 65535;

    private Listpack() {
    }

    /** Every entry in order; integer entries come back as their decimal text, as lpGet returns them. */
    public static List<byte[]> decode(byte[] lp) throws DumpPayloadException {
        // lpValidateIntegrity (shallow part): the header's size matches and the last byte is EOF.
        if (lp.length < HEADER_SIZE + 1) {
            throw DumpPayloadException.badFormat("listpack too short");
        }
        long totalBytes = le(lp, 0, 4);
        int count = (int) le(lp, 4, 2);
        if (totalBytes != lp.length || (lp[lp.length - 1] & 0xff) != EOF) {
            throw DumpPayloadException.badFormat("Listpack integrity check failed.");
        }
        List<byte[]> out = new ArrayList<>(count == NUMELE_UNKNOWN ? 16 : count);
        int p = HEADER_SIZE;
        int last = lp.length - 1;
        while (p < last) {
            int start = p;
            int b = lp[p] & 0xff;
            byte[] value;
            int encodedSize;
            if ((b & 0x80) == 0) { // 0xxxxxxx: 7 bit unsigned integer
                value = RdbInput.decimal(b & 0x7F);
                encodedSize = 1;
            } else if ((b & 0xC0) == 0x80) { // 10xxxxxx: string of up to 63 bytes
                int len = b & 0x3F;
                value = slice(lp, p + 1, len, last);
                encodedSize = 1 + len;
            } else if ((b & 0xE0) == 0xC0) { // 110xxxxx yyyyyyyy: 13 bit signed integer
                need(lp, p, 2, last);
                int v = ((b & 0x1F) << 8) | (lp[p + 1] & 0xff);
                value = RdbInput.decimal(v >= (1 << 12) ? v - (1 << 13) : v);
                encodedSize = 2;
            } else if ((b & 0xF0) == 0xE0) { // 1110xxxx yyyyyyyy: string of up to 4095 bytes
                need(lp, p, 2, last);
                int len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xff);
                value = slice(lp, p + 2, len, last);
                encodedSize = 2 + len;
            } else {
                switch (b) {
                    case 0xF0: { // 11110000 + uint32 LE length: long string
                        need(lp, p, 5, last);
                        long len = le(lp, p + 1, 4);
                        if (len > last - p - 5) {
                            throw DumpPayloadException.badFormat("listpack string past the end");
                        }
                        value = slice(lp, p + 5, (int) len, last);
                        encodedSize = 5 + (int) len;
                        break;
                    }
                    case 0xF1:
                        value = signedInt(lp, p, 2, last);
                        encodedSize = 3;
                        break;
                    case 0xF2:
                        value = signedInt(lp, p, 3, last);
                        encodedSize = 4;
                        break;
                    case 0xF3:
                        value = signedInt(lp, p, 4, last);
                        encodedSize = 5;
                        break;
                    case 0xF4:
                        value = signedInt(lp, p, 8, last);
                        encodedSize = 9;
                        break;
                    default:
                        throw DumpPayloadException.badFormat("invalid listpack encoding " + b);
                }
            }
            p = start + encodedSize + backlenSize(encodedSize);
            if (p > last) {
                throw DumpPayloadException.badFormat("listpack entry past the end");
            }
            out.add(value);
        }
        if (count != NUMELE_UNKNOWN && count != out.size()) {
            throw DumpPayloadException.badFormat("listpack count mismatch");
        }
        return out;
    }

    /** lpEncodeBacklen: how many bytes the back length of an entry of this size takes. */
    static int backlenSize(int l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }

    private static byte[] signedInt(byte[] lp, int p, int bytes, int last) throws DumpPayloadException {
        need(lp, p, 1 + bytes, last);
        long v = le(lp, p + 1, bytes);
        int shift = 64 - 8 * bytes;
        return RdbInput.decimal((v << shift) >> shift); // sign-extend, as lpGet's negstart/negmax
    }

    private static void need(byte[] lp, int p, int n, int last) throws DumpPayloadException {
        if (p + n > last) {
            throw DumpPayloadException.badFormat("listpack entry past the end");
        }
    }

    private static byte[] slice(byte[] lp, int from, int len, int last) throws DumpPayloadException {
        if (from + len > last) {
            throw DumpPayloadException.badFormat("listpack string past the end");
        }
        byte[] out = new byte[len];
        System.arraycopy(lp, from, out, 0, len);
        return out;
    }

    static long le(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
