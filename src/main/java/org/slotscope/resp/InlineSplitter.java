package org.slotscope.resp;

import java.util.ArrayList;
import java.util.List;

/**
 * sdssplitargs (sds.c), which processInlineBuffer uses to split a telnet-style line into
 * arguments: blanks separate words; "double quotes" understand \n \r \t \b \a \\ \" and \xHH;
 * 'single quotes' understand only \'; a closing quote must be followed by a blank or the end.
 */
public final class InlineSplitter {
    private InlineSplitter() {
    }

    /**
     * Splits {@code line[from, to)}; returns null for unbalanced quotes. The range is read like a C
     * string: a NUL byte ends it.
     */
    public static List<byte[]> split(byte[] line, int from, int to) {
        List<byte[]> vector = new ArrayList<>();
        int p = from;
        while (true) {
            // skip blanks (isspace in the C locale)
            while (at(line, p, to) != 0 && isSpace(at(line, p, to))) {
                p++;
            }
            if (at(line, p, to) == 0) {
                return vector;
            }
            ByteSink current = new ByteSink(16);
            boolean inq = false;  // in "double quotes"
            boolean insq = false; // in 'single quotes'
            boolean done = false;
            while (!done) {
                int c = at(line, p, to);
                if (inq) {
                    if (c == '\\' && at(line, p + 1, to) == 'x' && isHexDigit(at(line, p + 2, to))
                            && isHexDigit(at(line, p + 3, to))) {
                        current.write(hexDigitToInt(at(line, p + 2, to)) * 16 + hexDigitToInt(at(line, p + 3, to)));
                        p += 3;
                    } else if (c == '\\' && at(line, p + 1, to) != 0) {
                        p++;
                        int e = at(line, p, to);
                        switch (e) {
                            case 'n' -> current.write('\n');
                            case 'r' -> current.write('\r');
                            case 't' -> current.write('\t');
                            case 'b' -> current.write('\b');
                            case 'a' -> current.write(7);
                            default -> current.write(e);
                        }
                    } else if (c == '"') {
                        // closing quote must be followed by a space or nothing at all
                        int next = at(line, p + 1, to);
                        if (next != 0 && !isSpace(next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null; // unterminated quotes
                    } else {
                        current.write(c);
                    }
                } else if (insq) {
                    if (c == '\\' && at(line, p + 1, to) == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == '\'') {
                        int next = at(line, p + 1, to);
                        if (next != 0 && !isSpace(next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        // only these end a bare word; \v and \f belong to it (sdssplitargs)
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inq = true;
                        case '\'' -> insq = true;
                        default -> current.write(c);
                    }
                }
                if (at(line, p, to) != 0) {
                    p++;
                }
            }
            vector.add(current.toByteArray());
        }
    }

    private static int at(byte[] line, int i, int to) {
        return i < to ? line[i] & 0xff : 0;
    }

    /** isspace() in the C locale. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hexDigitToInt(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
