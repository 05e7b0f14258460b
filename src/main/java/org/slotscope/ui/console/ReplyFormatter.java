package org.slotscope.ui.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;

/**
 * A reply as an interactive redis-cli 7.0 prints it over RESP2 (cliFormatReplyTTY): "(integer) 1",
 * quoted strings with C escapes, "(nil)", "(error) ...", numbered nested arrays, "(empty array)";
 * and raw text for the commands redis-cli prints raw (cliSendCommand's output_raw list: INFO,
 * CLUSTER NODES, CLUSTER INFO, CLIENT LIST ...). RESP2 has no maps, sets or doubles: they arrive as
 * arrays and bulk strings, as redis-cli would receive them from this connection.
 */
public final class ReplyFormatter {
    private ReplyFormatter() {
    }

    /** The text redis-cli prints for {@code reply} to {@code command}, without the final newline. */
    public static String format(List<String> command, Reply reply) {
        // In raw mode redis-cli writes a string exactly as received (CLUSTER INFO ends in its own CRLF).
        String out = printsRaw(command) ? rawTop(reply) : tty(reply, "");
        return out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
    }

    /** cliSendCommand: these replies are printed raw even on a terminal. */
    static boolean printsRaw(List<String> command) {
        if (command.isEmpty()) {
            return false;
        }
        String name = command.get(0).toLowerCase(Locale.ROOT);
        String sub = command.size() >= 2 ? command.get(1).toLowerCase(Locale.ROOT) : "";
        int argc = command.size();
        return name.equals("info") || name.equals("lolwut")
                || (argc >= 2 && name.equals("debug") && (sub.equals("htstats") || sub.equals("htstats-key")
                        || sub.equals("client-eviction")))
                || (argc >= 2 && name.equals("memory") && (sub.equals("malloc-stats") || sub.equals("doctor")))
                || (argc == 2 && name.equals("cluster") && (sub.equals("nodes") || sub.equals("info")))
                || (argc >= 2 && name.equals("client") && (sub.equals("list") || sub.equals("info")))
                || (argc == 3 && name.equals("latency") && sub.equals("graph"))
                || (argc == 2 && name.equals("latency") && sub.equals("doctor"));
    }

    private static String tty(Reply reply, String prefix) {
        if (reply instanceof Reply.Error e) {
            return "(error) " + e.message() + "\n";
        }
        if (reply instanceof Reply.SimpleString s) {
            return s.value() + "\n";
        }
        if (reply instanceof Reply.IntegerReply i) {
            return "(integer) " + i.value() + "\n";
        }
        if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return "(nil)\n";
        }
        if (reply instanceof Reply.BulkString b) {
            return repr(b.value()) + "\n";
        }
        if (reply instanceof Reply.DoubleReply d) {
            return repr(Args.percent17g(d.value()).getBytes(StandardCharsets.US_ASCII)) + "\n";
        }
        if (reply instanceof Reply.VerbatimString v) {
            return repr(v.text().getBytes(StandardCharsets.UTF_8)) + "\n";
        }
        List<Reply> elements = elements(reply);
        if (elements.isEmpty()) {
            return "(empty array)\n";
        }
        int idxlen = Integer.toString(elements.size()).length();
        String childPrefix = prefix + " ".repeat(idxlen + 2);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            // the first element follows its parent's index on the same line
            out.append(i == 0 ? "" : prefix);
            out.append(String.format(Locale.ROOT, "%" + idxlen + "d) ", i + 1));
            out.append(tty(elements.get(i), childPrefix));
        }
        return out.toString();
    }

    private static String rawTop(Reply reply) {
        if (reply instanceof Reply.BulkString b) {
            return b.asString();
        }
        if (reply instanceof Reply.VerbatimString v) {
            return v.text();
        }
        return raw(reply);
    }

    /** cliFormatReplyRaw: strings as they are, arrays one element per line. */
    private static String raw(Reply reply) {
        if (reply instanceof Reply.Error e) {
            return e.message() + "\n";
        }
        if (reply instanceof Reply.SimpleString s) {
            return s.value() + "\n";
        }
        if (reply instanceof Reply.IntegerReply i) {
            return i.value() + "\n";
        }
        if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return "\n";
        }
        if (reply instanceof Reply.BulkString b) {
            return b.asString() + "\n";
        }
        if (reply instanceof Reply.VerbatimString v) {
            return v.text() + "\n";
        }
        if (reply instanceof Reply.DoubleReply d) {
            return Args.percent17g(d.value()) + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (Reply element : elements(reply)) {
            out.append(raw(element));
        }
        return out.toString();
    }

    private static List<Reply> elements(Reply reply) {
        if (reply instanceof Reply.ArrayReply a) {
            return a.elements();
        }
        if (reply instanceof Reply.MapReply m) {
            return m.keysAndValues();
        }
        if (reply instanceof Reply.SetReply s) {
            return s.elements();
        }
        throw new IllegalArgumentException("cannot print " + reply);
    }

    /** sdscatrepr: a quoted string with C escapes, byte by byte (UTF-8 text shows as \xHH). */
    static String repr(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte value : bytes) {
            int b = value & 0xFF;
            switch (b) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format(Locale.ROOT, "\\x%02x", b));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
