package org.slotscope.engine.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A command's arguments in one array: the count, then each argument's length and bytes (lengths as
 * {@link Varint}s). Kept commands (the replication backlog, the window's rewind journal) hold one
 * object per command this way instead of an array of arrays, which matters to the garbage collector
 * when hundreds of thousands of them are alive.
 */
public final class PackedArgv {
    private PackedArgv() {
    }

    public static byte[] pack(byte[][] argv) {
        int size = Varint.size(argv.length);
        for (byte[] arg : argv) {
            size += Varint.size(arg.length) + arg.length;
        }
        // sized exactly and written in place: this runs on the engine thread for every kept command
        byte[] out = new byte[size];
        int at = Varint.write(out, 0, argv.length);
        for (byte[] arg : argv) {
            at = Varint.write(out, at, arg.length);
            System.arraycopy(arg, 0, out, at, arg.length);
            at += arg.length;
        }
        return out;
    }

    /** The arguments, as packed (a new array each time). */
    public static byte[][] unpack(byte[] packed) {
        int count = Varint.read(packed, 0);
        int at = Varint.size(count);
        byte[][] argv = new byte[count][];
        for (int i = 0; i < count; i++) {
            int length = Varint.read(packed, at);
            at += Varint.size(length);
            argv[i] = Arrays.copyOfRange(packed, at, at + length);
            at += length;
        }
        return argv;
    }

    /** The first {@code limit} arguments as text, space-separated, without unpacking the rest. */
    public static String head(byte[] packed, int limit) {
        int count = Varint.read(packed, 0);
        int at = Varint.size(count);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, limit); i++) {
            int length = Varint.read(packed, at);
            at += Varint.size(length);
            if (i > 0) {
                out.append(' ');
            }
            out.append(new String(packed, at, length, StandardCharsets.UTF_8));
            at += length;
        }
        return out.toString();
    }

    /** How many arguments were packed. */
    public static int count(byte[] packed) {
        return Varint.read(packed, 0);
    }
}
