package org.slotscope.admin;

import java.nio.charset.StandardCharsets;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;

/**
 * cliFormatReplyRaw: a reply as redis-cli prints it with --raw, and as `--cluster call` prints each
 * node's answer: strings as they are, integers as digits, nil as nothing, an error's message and a
 * newline, and the elements of an array one per line.
 */
public final class RawReply {
    private RawReply() {
    }

    public static String format(Reply reply) {
        StringBuilder out = new StringBuilder();
        append(out, reply);
        return out.toString();
    }

    private static void append(StringBuilder out, Reply reply) {
        if (reply instanceof Reply.Error error) {
            out.append(error.message()).append('\n');
        } else if (reply instanceof Reply.SimpleString simple) {
            out.append(simple.value());
        } else if (reply instanceof Reply.BulkString bulk) {
            out.append(new String(bulk.value(), StandardCharsets.UTF_8));
        } else if (reply instanceof Reply.VerbatimString verbatim) {
            out.append(verbatim.text());
        } else if (reply instanceof Reply.IntegerReply integer) {
            out.append(integer.value());
        } else if (reply instanceof Reply.DoubleReply d) {
            out.append(Args.formatDouble(d.value()));
        } else if (reply instanceof Reply.ArrayReply array) {
            joinLines(out, array.elements());
        } else if (reply instanceof Reply.SetReply set) {
            joinLines(out, set.elements());
        } else if (reply instanceof Reply.MapReply map) {
            // The links speak RESP2, where a map arrives as a flat array of keys and values (a
            // JedisLink never sees a map; a SimLink hands over the engine's reply before encoding).
            joinLines(out, map.keysAndValues());
        }
        // nil (and an empty array's absence of elements) prints nothing
    }

    private static void joinLines(StringBuilder out, java.util.List<Reply> elements) {
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            append(out, elements.get(i));
        }
    }
}
