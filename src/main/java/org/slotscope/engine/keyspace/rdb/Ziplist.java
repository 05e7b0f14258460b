package org.slotscope.engine.keyspace.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ziplist (ziplist.c), the compact encoding RDB files before version 10 (Redis < 7.0) use
 * for small hashes, sorted sets and list nodes; Redis 7 still loads it and converts it.
 * Layout: zlbytes (uint32 LE), zltail (uint32 LE), zllen (uint16 LE), entries, 0xFF. An entry is
 * the previous entry's length (1 byte, or 0xFE + uint32 LE), an encoding, and the data.
 */
public final class Ziplist {
    private static final int HEADER_SIZE = 10;
    private static final int ZIP_END = 0xFF;
    private static final int ZIP_BIG_PREVLEN = 254;

    private Ziplist() {
    }

    public static List<byte[]> decode(byte[] zl) throws DumpPayloadException {
        // ziplistValidateIntegrity (shallow part): header size, tail offset and end marker.
        if (zl.length < HEADER_SIZE + 1) {
            throw DumpPayloadException.badFormat("ziplist too short");
        }
        long zlbytes = Listpack.le(zl, 0, 4);
        long zltail = Listpack.le(zl, 4, 4);
        int zllen = (int) Listpack.le(zl, 8, 2);
        if (zlbytes != zl.length || zltail > zl.length - 1 || (zl[zl.length - 1] & 0xff) != ZIP_END) {
            throw DumpPayloadException.badFormat("Ziplist integrity check failed.");
        }
        List<byte[]> out = new ArrayList<>(Math.min(zllen, zl.length));
        int last = zl.length - 1;
        int p = HEADER_SIZE;
        while (p < last) {
            int prevlenByte = zl[p] & 0xff;
            if (prevlenByte == ZIP_BIG_PREVLEN) {
                p += 5;
            } else if (prevlenByte == ZIP_END) {
                throw DumpPayloadException.badFormat("bad ziplist prevlen");
            } else {
                p += 1;
            }
            need(p, 1, last);
            int enc = zl[p] & 0xff;
            switch (enc & 0xC0) {
                case 0x00: { // 00pppppp: string of up to 63 bytes
                    int len = enc & 0x3F;
                    out.add(slice(zl, p + 1, len, last));
                    p += 1 + len;
                    break;
                }
                case 0x40: { // 01pppppp qqqqqqqq: 14 bit length, big endian
                    need(p, 2, last);
                    int len = ((enc & 0x3F) << 8) | (zl[p + 1] & 0xff);
                    out.add(slice(zl, p + 2, len, last));
                    p += 2 + len;
                    break;
                }
                case 0x80: { // 10000000 + 4 bytes big endian length
                    if (enc != 0x80) {
                        throw DumpPayloadException.badFormat("bad ziplist encoding");
                    }
                    need(p, 5, last);
                    long len = 0;
                    for (int i = 1; i <= 4; i++) {
                        len = (len << 8) | (zl[p + i] & 0xff);
                    }
                    if (len > last - p - 5) {
                        throw DumpPayloadException.badFormat("ziplist string past the end");
                    }
                    out.add(slice(zl, p + 5, (int) len, last));
                    p += 5 + (int) len;
                    break;
                }
                default:
                    p = readInteger(zl, p, enc, last, out);
                    break;
            }
        }
        if (zllen != 0xFFFF && zllen != out.size()) {
            throw DumpPayloadException.badFormat("ziplist count mismatch");
        }
        return out;
    }

    /** The 11xxxxxx integer encodings; returns the position after the entry. */
    private static int readInteger(byte[] zl, int p, int enc, int last, List<byte[]> out)
            throws DumpPayloadException {
        int size;
        switch (enc) {
            case 0xC0: // ZIP_INT_16B
                size = 2;
                break;
            case 0xD0: // ZIP_INT_32B
                size = 4;
                break;
            case 0xE0: // ZIP_INT_64B
                size = 8;
                break;
            case 0xF0: // ZIP_INT_24B
                size = 3;
                break;
            case 0xFE: // ZIP_INT_8B
                size = 1;
                break;
            default:
                if (enc >= 0xF1 && enc <= 0xFD) { // 1111xxxx: immediate 0..12 stored as xxxx - 1
                    out.add(RdbInput.decimal((enc & 0x0F) - 1));
                    return p + 1;
                }
                throw DumpPayloadException.badFormat("bad ziplist encoding " + enc);
        }
        need(p, 1 + size, last);
        long v = Listpack.le(zl, p + 1, size);
        int shift = 64 - 8 * size;
        out.add(RdbInput.decimal((v << shift) >> shift));
        return p + 1 + size;
    }

    private static void need(int p, int n, int last) throws DumpPayloadException {
        if (p + n > last) {
            throw DumpPayloadException.badFormat("ziplist entry past the end");
        }
    }

    private static byte[] slice(byte[] zl, int from, int len, int last) throws DumpPayloadException {
        if (from + len > last) {
            throw DumpPayloadException.badFormat("ziplist string past the end");
        }
        byte[] out = new byte[len];
        System.arraycopy(zl, from, out, 0, len);
        return out;
    }
}
