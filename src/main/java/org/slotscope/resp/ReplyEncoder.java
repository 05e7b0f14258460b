package org.slotscope.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;

/**
 * Writes a {@link Reply} as RESP2 or RESP3 bytes, as Redis 7.0's addReply* functions do for the
 * client's protocol (HELLO). RESP2 has no map, set, double, null or verbatim types, so they
 * degrade: a map becomes the flat key, value, ... array, a set an array, a double a bulk string,
 * a verbatim string a plain bulk string, nulls {@code $-1} / {@code *-1}.
 */
public final class ReplyEncoder {
    private static final byte[] CRLF = {'\r', '\n'};

    private ReplyEncoder() {
    }

    public static byte[] encode(Reply reply, int protocol) {
        ByteSink out = new ByteSink();
        encode(reply, protocol, out);
        return out.toByteArray();
    }

    public static void encode(Reply reply, int protocol, ByteSink out) {
        boolean resp3 = protocol >= 3;
        if (reply instanceof Reply.SimpleString s) {
            out.write('+');
            out.writeUtf8(oneLine(s.value()));
            out.writeCrlf();
        } else if (reply instanceof Reply.Error e) {
            out.write('-');
            out.writeUtf8(oneLine(e.message()));
            out.writeCrlf();
        } else if (reply instanceof Reply.IntegerReply i) {
            out.write(':');
            out.writeAscii(Long.toString(i.value()));
            out.writeCrlf();
        } else if (reply instanceof Reply.BulkString b) {
            bulk(b.value(), out);
        } else if (reply instanceof Reply.Nil) {
            out.writeAscii(resp3 ? "_\r\n" : "$-1\r\n");
        } else if (reply instanceof Reply.NilArray) {
            out.writeAscii(resp3 ? "_\r\n" : "*-1\r\n");
        } else if (reply instanceof Reply.ArrayReply a) {
            aggregate('*', a.elements().size(), a.elements(), protocol, out);
        } else if (reply instanceof Reply.MapReply m) {
            List<Reply> kv = m.keysAndValues();
            if (resp3) {
                aggregate('%', kv.size() / 2, kv, protocol, out);
            } else {
                aggregate('*', kv.size(), kv, protocol, out);
            }
        } else if (reply instanceof Reply.SetReply s) {
            aggregate(resp3 ? '~' : '*', s.elements().size(), s.elements(), protocol, out);
        } else if (reply instanceof Reply.DoubleReply d) {
            String text = formatDouble(d.value());
            if (resp3) {
                out.write(',');
                out.writeAscii(text);
                out.writeCrlf();
            } else {
                bulk(text.getBytes(StandardCharsets.US_ASCII), out);
            }
        } else if (reply instanceof Reply.VerbatimString v) {
            byte[] text = v.text().getBytes(StandardCharsets.UTF_8);
            if (resp3) {
                // addReplyVerbatim: "=<len>\r\ntxt:<text>\r\n", the length counting the "txt:" prefix
                out.write('=');
                out.writeAscii(Integer.toString(text.length + 4));
                out.writeCrlf();
                out.writeAscii("txt:");
                out.write(text);
                out.writeCrlf();
            } else {
                bulk(text, out);
            }
        } else {
            throw new IllegalArgumentException("no RESP form for " + reply);
        }
    }

    /**
     * addReplyDouble (Redis 7.0): infinities are written as inf / -inf explicitly, anything else
     * with snprintf "%.17g" in both protocols, with no integer shortcut (unlike d2string, whose
     * shortcut prints the same digits anyway); NaN as glibc prints it, "nan".
     */
    static String formatDouble(double d) {
        return Args.percent17g(d);
    }

    private static void aggregate(char type, int count, List<Reply> elements, int protocol, ByteSink out) {
        out.write(type);
        out.writeAscii(Integer.toString(count));
        out.writeCrlf();
        for (Reply element : elements) {
            encode(element, protocol, out);
        }
    }

    private static void bulk(byte[] value, ByteSink out) {
        out.write('$');
        out.writeAscii(Integer.toString(value.length));
        out.writeCrlf();
        out.write(value);
        out.write(CRLF);
    }

    /** Status and error lines cannot hold CR or LF; Redis replaces them with spaces (addReplyErrorLength). */
    private static String oneLine(String text) {
        if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
