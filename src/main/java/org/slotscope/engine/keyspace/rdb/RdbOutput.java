package org.slotscope.engine.keyspace.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes RDB primitives the way rdb.c saves them (rdbSaveLen, rdbSaveRawString, ...). */
final class RdbOutput {
    /** rdbSaveRawString tries integer encoding only for strings this short. */
    private static final int MAX_INT_ENCODABLE_LENGTH = 11;
    /** rdbSaveRawString compresses only strings longer than this (with rdbcompression yes). */
    private static final int MIN_COMPRESSIBLE_LENGTH = 21;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean compress;

    RdbOutput(boolean compress) {
        this.compress = compress;
    }

    void writeByte(int b) {
        out.write(b);
    }

    void writeBytes(byte[] b) {
        out.write(b, 0, b.length);
    }

    void writeLittleEndian(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private void writeBigEndian(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** rdbSaveLen: 6 bit, 14 bit, 32 bit or 64 bit length, the wider ones big endian. */
    void writeLength(long len) {
        if (len < (1 << 6)) {
            out.write((int) len);
        } else if (len < (1 << 14)) {
            out.write((int) ((len >> 8) | (RdbType.RDB_14BITLEN << 6)));
            out.write((int) (len & 0xff));
        } else if (len <= 0xFFFFFFFFL) {
            out.write(RdbType.RDB_32BITLEN);
            writeBigEndian(len, 4);
        } else {
            out.write(RdbType.RDB_64BITLEN);
            writeBigEndian(len, 8);
        }
    }

    /**
     * rdbSaveRawString: a short decimal integer in canonical form is written int-encoded
     * (rdbTryIntegerEncoding), a long string LZF-compressed when that saves at least 4 bytes
     * (rdbSaveLzfStringObject), anything else as length + bytes.
     */
    void writeString(byte[] s) {
        int len = s.length;
        if (len <= MAX_INT_ENCODABLE_LENGTH && writeIntegerEncoded(s)) {
            return;
        }
        if (compress && len >= MIN_COMPRESSIBLE_LENGTH) {
            // outlen = len-4: compression must save more than 4 bytes to be worth it
            byte[] compressed = Lzf.compress(s, len - 4);
            if (compressed != null) {
                out.write((RdbType.RDB_ENCVAL << 6) | RdbType.RDB_ENC_LZF);
                writeLength(compressed.length);
                writeLength(len);
                writeBytes(compressed);
                return;
            }
        }
        writeLength(len);
        writeBytes(s);
    }

    /** rdbTryIntegerEncoding + rdbEncodeInteger: only values whose text round-trips, within int32. */
    private boolean writeIntegerEncoded(byte[] s) {
        if (s.length == 0 || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) {
            return false;
        }
        String text = new String(s, StandardCharsets.US_ASCII);
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return false;
        }
        if (!Long.toString(v).equals(text)) { // "007", "-0", "+1" are not integers to Redis
            return false;
        }
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            out.write((RdbType.RDB_ENCVAL << 6) | RdbType.RDB_ENC_INT8);
            writeLittleEndian(v, 1);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            out.write((RdbType.RDB_ENCVAL << 6) | RdbType.RDB_ENC_INT16);
            writeLittleEndian(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write((RdbType.RDB_ENCVAL << 6) | RdbType.RDB_ENC_INT32);
            writeLittleEndian(v, 4);
        } else {
            return false;
        }
        return true;
    }

    /** rdbSaveBinaryDoubleValue: IEEE 754, little endian. */
    void writeBinaryDouble(double d) {
        writeLittleEndian(Double.doubleToRawLongBits(d), 8);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
