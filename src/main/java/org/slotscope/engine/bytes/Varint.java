package org.slotscope.engine.bytes;

/**
 * Unsigned LEB128 lengths (7 bits a byte, low bits first), for the engine's packed byte layouts: a
 * length under 128, the common case, takes one byte.
 */
public final class Varint {
    private Varint() {
    }

    /** Bytes {@link #write} takes for {@code value} (>= 0). */
    public static int size(int value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /** Writes {@code value} at {@code at}; returns where the next byte goes. */
    public static int write(byte[] out, int at, int value) {
        while ((value & ~0x7F) != 0) {
            out[at++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[at++] = (byte) value;
        return at;
    }

    /** Reads the value written at {@code at}. */
    public static int read(byte[] in, int at) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
