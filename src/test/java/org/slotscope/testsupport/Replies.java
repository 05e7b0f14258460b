package org.slotscope.testsupport;

import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.Reply;

/** A reply as the text a test compares: strings as themselves, ":n" for integers, errors' messages. */
public final class Replies {
    private Replies() {
    }

    public static String text(Reply reply) {
        if (reply instanceof Reply.BulkString bulk) {
            return bulk.asString();
        }
        if (reply instanceof Reply.SimpleString simple) {
            return simple.value();
        }
        if (reply instanceof Reply.VerbatimString verbatim) {
            return verbatim.text();
        }
        if (reply instanceof Reply.IntegerReply integer) {
            return ":" + integer.value();
        }
        if (reply instanceof Reply.DoubleReply d) {
            return Args.formatDouble(d.value());
        }
        if (reply instanceof Reply.Error error) {
            return error.message();
        }
        return String.valueOf(reply);
    }
}
