package org.slotscope.engine.command.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;

/**
 * Test-side RESP2/RESP3 writer and reader, so replies of the simulator can be compared byte for
 * byte with replies captured from a real server. (The product's codec lives in the resp package.)
 */
final class RespTestCodec {
    private RespTestCodec() {
    }

    /** An error reply, decoded. */
    record RespError(String message) {
    }

    static byte[] encode(Reply reply, int protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (reply != null) {
            write(out, reply, protocol);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Reply reply, int proto) {
        if (reply instanceof Reply.SimpleString s) {
            line(out, "+" + s.value());
        } else if (reply instanceof Reply.Error e) {
            line(out, "-" + e.message());
        } else if (reply instanceof Reply.IntegerReply i) {
            line(out, ":" + i.value());
        } else if (reply instanceof Reply.BulkString b) {
            bulk(out, '$', b.value());
        } else if (reply instanceof Reply.Nil) {
            line(out, proto == 3 ? "_" : "$-1");
        } else if (reply instanceof Reply.NilArray) {
            line(out, proto == 3 ? "_" : "*-1");
        } else if (reply instanceof Reply.ArrayReply a) {
            aggregate(out, '*', a.elements(), proto);
        } else if (reply instanceof Reply.SetReply s) {
            aggregate(out, proto == 3 ? '~' : '*', s.elements(), proto);
        } else if (reply instanceof Reply.MapReply m) {
            if (proto == 3) {
                line(out, "%" + m.keysAndValues().size() / 2);
                for (Reply r : m.keysAndValues()) {
                    write(out, r, proto);
                }
            } else {
                aggregate(out, '*', m.keysAndValues(), proto);
            }
        } else if (reply instanceof Reply.DoubleReply d) {
            if (proto == 3) {
                line(out, "," + Args.formatDouble(d.value()));
            } else {
                bulk(out, '$', Args.bytes(Args.formatDouble(d.value())));
            }
        } else if (reply instanceof Reply.VerbatimString v) {
            if (proto == 3) {
                bulk(out, '=', Args.bytes("txt:" + v.text()));
            } else {
                bulk(out, '$', Args.bytes(v.text()));
            }
        } else {
            throw new IllegalArgumentException("unknown reply " + reply);
        }
    }

    private static void aggregate(ByteArrayOutputStream out, char type, List<Reply> elements, int proto) {
        line(out, type + Integer.toString(elements.size()));
        for (Reply r : elements) {
            write(out, r, proto);
        }
    }

    private static void bulk(ByteArrayOutputStream out, char type, byte[] value) {
        line(out, type + Integer.toString(value.length));
        out.writeBytes(value);
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    /**
     * Decodes one reply: String (simple, bulk, verbatim without its "txt:"), Long, RespError, null,
     * List (array, set, push), Map (RESP3 map).
     */
    static Object decode(byte[] bytes) {
        int[] pos = {0};
        return read(bytes, pos);
    }

    private static Object read(byte[] b, int[] pos) {
        String line = readLine(b, pos);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+':
                return rest;
            case '-':
                return new RespError(rest);
            case ':':
                return Long.parseLong(rest);
            case '_':
                return null;
            case '$':
            case '=': {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                String s = new String(b, pos[0], n, StandardCharsets.UTF_8);
                pos[0] += n + 2;
                return type == '=' ? s.substring(4) : s;
            }
            case '*':
            case '~': {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(read(b, pos));
                }
                return list;
            }
            case '%': {
                int n = Integer.parseInt(rest);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = read(b, pos);
                    map.put(k, read(b, pos));
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("unexpected RESP type " + type);
        }
    }

    private static String readLine(byte[] b, int[] pos) {
        int start = pos[0];
        while (!(b[pos[0]] == '\r' && b[pos[0] + 1] == '\n')) {
            pos[0]++;
        }
        String line = new String(b, start, pos[0] - start, StandardCharsets.UTF_8);
        pos[0] += 2;
        return line;
    }

    /** Turns a flat RESP2 key/value list into a map (CONFIG GET, HELLO, COMMAND DOCS in RESP2). */
    static Map<Object, Object> pairs(Object flat) {
        if (flat instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        List<?> list = (List<?>) flat;
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < list.size(); i += 2) {
            map.put(list.get(i), list.get(i + 1));
        }
        return map;
    }
}
