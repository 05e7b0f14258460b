package org.slotscope.ui.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a typed line into arguments as redis-cli does (sdssplitargs in sds.c): spaces separate,
 * "double quotes" understand \n \r \t \b \a \\ \" and \xHH, 'single quotes' only \', and a closing
 * quote must be followed by a space or the end. Returns null for unbalanced quotes, where redis-cli
 * prints "Invalid argument(s)".
 */
public final class ArgSplitter {
    private ArgSplitter() {
    }

    public static List<byte[]> split(String line) {
        byte[] in = line.getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < in.length && isSpace(in[p])) {
                p++;
            }
            if (p >= in.length) {
                return out;
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inq = false;
            boolean insq = false;
            boolean done = false;
            while (!done) {
                if (inq) {
                    if (p >= in.length) {
                        return null; // unterminated quotes
                    }
                    if (in[p] == '\\' && p + 3 < in.length && in[p + 1] == 'x' && isHex(in[p + 2]) && isHex(in[p + 3])) {
                        current.write(hex(in[p + 2]) * 16 + hex(in[p + 3]));
                        p += 3;
                    } else if (in[p] == '\\' && p + 1 < in.length) {
                        p++;
                        current.write(switch (in[p]) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> in[p];
                        });
                    } else if (in[p] == '"') {
                        // closing quote must be followed by a space or nothing at all
                        if (p + 1 < in.length && !isSpace(in[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        current.write(in[p]);
                    }
                } else if (insq) {
                    if (p >= in.length) {
                        return null;
                    }
                    if (in[p] == '\\' && p + 1 < in.length && in[p + 1] == '\'') {
                        p++;
                        current.write('\'');
                    } else if (in[p] == '\'') {
                        if (p + 1 < in.length && !isSpace(in[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        current.write(in[p]);
                    }
                } else {
                    if (p >= in.length) {
                        done = true;
                        continue;
                    }
                    switch (in[p]) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inq = true;
                        case '\'' -> insq = true;
                        default -> current.write(in[p]);
                    }
                }
                if (p < in.length) {
                    p++;
                }
            }
            out.add(current.toByteArray());
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0x0b || b == '\f';
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
