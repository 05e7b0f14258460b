package org.slotscope.engine.keyspace.rdb;

import java.nio.charset.StandardCharsets;

/**
 * Reads RDB primitives from a buffer (rio over a buffer in Redis). Every read is bounds-checked:
 * running off the end is "Bad data format", never an exception of another kind.
 */
final class RdbInput {
    private final byte[] buf;
    private int pos;
    private final int end;

    RdbInput(byte[] buf, int offset, int end) {
        this.buf = buf;
        this.pos = offset;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int readUnsignedByte() throws DumpPayloadException {
        require(1);
        return buf[pos++] & 0xff;
    }

    byte[] readBytes(long n) throws DumpPayloadException {
        require(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    long readLittleEndian(int bytes) throws DumpPayloadException {
        require(bytes);
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += bytes;
        return v;
    }

    private long readBigEndian(int bytes) throws DumpPayloadException {
        require(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += bytes;
        return v;
    }

    private void require(long n) throws DumpPayloadException {
        if (n < 0 || n > end - pos) {
            throw DumpPayloadException.badFormat("payload ends inside an object");
        }
    }

    /** rdbLoadLen for a plain length (not a special string encoding). */
    long readLength() throws DumpPayloadException {
        long len = readLengthOrEncoding();
        if (len < 0) {
            throw DumpPayloadException.badFormat("an encoded value where a length was expected");
        }
        return len;
    }

    /** A length that must fit a Java array and the rest of the buffer (a corrupt one cannot allocate GBs). */
    int readCount() throws DumpPayloadException {
        long len = readLength();
        if (len > end - pos) { // every element takes at least one byte
            throw DumpPayloadException.badFormat("length larger than the payload");
        }
        return (int) len;
    }

    /** rdbLoadLen: a length >= 0, or -1 - encoding for an RDB_ENCVAL special string encoding. */
    private long readLengthOrEncoding() throws DumpPayloadException {
        int first = readUnsignedByte();
        int type = (first & 0xC0) >> 6;
        if (type == RdbType.RDB_ENCVAL) {
            return -1 - (first & 0x3F);
        } else if (type == RdbType.RDB_6BITLEN) {
            return first & 0x3F;
        } else if (type == RdbType.RDB_14BITLEN) {
            return ((first & 0x3F) << 8) | readUnsignedByte();
        } else if (first == RdbType.RDB_32BITLEN) {
            return readBigEndian(4);
        } else if (first == RdbType.RDB_64BITLEN) {
            long len = readBigEndian(8);
            if (len < 0) {
                throw DumpPayloadException.badFormat("length out of range");
            }
            return len;
        }
        throw DumpPayloadException.badFormat("unknown length encoding " + first);
    }

    /** rdbGenericLoadStringObject: a raw string, an int-encoded one, or an LZF-compressed one. */
    byte[] readString() throws DumpPayloadException {
        long len = readLengthOrEncoding();
        if (len >= 0) {
            return readBytes(len);
        }
        int encoding = (int) (-1 - len);
        switch (encoding) {
            case RdbType.RDB_ENC_INT8:
                return decimal((byte) readLittleEndian(1));
            case RdbType.RDB_ENC_INT16:
                return decimal((short) readLittleEndian(2));
            case RdbType.RDB_ENC_INT32:
                return decimal((int) readLittleEndian(4));
            case RdbType.RDB_ENC_LZF:
                return readLzfString();
            default:
                throw DumpPayloadException.badFormat("unknown string encoding " + encoding);
        }
    }

    private byte[] readLzfString() throws DumpPayloadException {
        long compressedLength = readLength();
        long length = readLength();
        require(compressedLength);
        if (length > Integer.MAX_VALUE - 16 || length > compressedLength * 1024L + 1024) {
            // LZF cannot expand more than ~260x; a larger claim is corrupt, and must not allocate.
            throw DumpPayloadException.badFormat("implausible LZF length");
        }
        byte[] out = Lzf.decompress(buf, pos, (int) compressedLength, (int) length);
        if (out == null) {
            throw DumpPayloadException.badFormat("Invalid LZF compressed string");
        }
        pos += (int) compressedLength;
        return out;
    }

    /** rdbLoadBinaryDoubleValue: 8 bytes, IEEE 754, little endian. */
    double readBinaryDouble() throws DumpPayloadException {
        return Double.longBitsToDouble(readLittleEndian(8));
    }

    /** rdbLoadDoubleValue (RDB_TYPE_ZSET): a length byte, 253 NaN, 254 +inf, 255 -inf, else "%.17g" text. */
    double readTextDouble() throws DumpPayloadException {
        int len = readUnsignedByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                return parseScore(readBytes(len));
        }
    }

    static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** strtod as Redis uses it on stored scores (zzlStrtod, rdbLoadDoubleValue). */
    static double parseScore(byte[] text) throws DumpPayloadException {
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        if (s.isEmpty() || lower.endsWith("d") || lower.endsWith("f")) {
            throw DumpPayloadException.badFormat("bad score");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw DumpPayloadException.badFormat("bad score");
        }
    }
}
