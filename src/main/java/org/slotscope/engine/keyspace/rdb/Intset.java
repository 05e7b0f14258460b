package org.slotscope.engine.keyspace.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an intset (intset.c), the encoding of small all-integer sets: encoding (uint32 LE: 2, 4
 * or 8 bytes per element), length (uint32 LE), then the sorted elements, little endian.
 */
public final class Intset {
    private static final int HEADER_SIZE = 8;

    private Intset() {
    }

    public static List<byte[]> decode(byte[] is) throws DumpPayloadException {
        if (is.length < HEADER_SIZE) {
            throw DumpPayloadException.badFormat("intset too short");
        }
        long encoding = Listpack.le(is, 0, 4);
        long length = Listpack.le(is, 4, 4);
        // intsetValidateIntegrity: a known width, and exactly the bytes the header announces.
        if (encoding != 2 && encoding != 4 && encoding != 8) {
            throw DumpPayloadException.badFormat("Intset integrity check failed.");
        }
        int width = (int) encoding;
        if (HEADER_SIZE + length * width != is.length) {
            throw DumpPayloadException.badFormat("Intset integrity check failed.");
        }
        List<byte[]> out = new ArrayList<>((int) length);
        int shift = 64 - 8 * width;
        for (int i = 0; i < length; i++) {
            long v = Listpack.le(is, HEADER_SIZE + i * width, width);
            out.add(RdbInput.decimal((v << shift) >> shift));
        }
        return out;
    }
}
