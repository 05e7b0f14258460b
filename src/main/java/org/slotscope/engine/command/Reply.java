package org.slotscope.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reply, independent of the wire: the RESP codec writes it as RESP2 or RESP3, the in-process
 * link hands it over as it is. Maps, sets, doubles and booleans degrade to their RESP2 forms.
 */
public sealed interface Reply {
    /**
     * The text of a string reply (bulk, simple or verbatim: a link to a real node cannot tell a status
     * from a bulk string over RESP2), or null for any other kind.
     */
    static String text(Reply reply) {
        if (reply instanceof BulkString bulk) {
            return bulk.asString();
        }
        if (reply instanceof SimpleString simple) {
            return simple.value();
        }
        if (reply instanceof VerbatimString verbatim) {
            return verbatim.text();
        }
        return null;
    }

    record SimpleString(String value) implements Reply {
    }

    /** An error; {@code message} includes the code, e.g. "ERR unknown command ..." or "MOVED 3999 1.2.3.4:6381". */
    record Error(String message) implements Reply {
        public String code() {
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }
    }

    record IntegerReply(long value) implements Reply {
    }

    record BulkString(byte[] value) implements Reply {
        public String asString() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BulkString other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BulkString[" + asString() + "]";
        }
    }

    /** RESP2 {@code $-1}, RESP3 {@code _}. */
    record Nil() implements Reply {
    }

    /** RESP2 {@code *-1}, RESP3 {@code _}. */
    record NilArray() implements Reply {
    }

    record ArrayReply(List<Reply> elements) implements Reply {
    }

    /** RESP3 map; RESP2 sends the flattened key, value, key, value array. */
    record MapReply(List<Reply> keysAndValues) implements Reply {
    }

    /** RESP3 set; RESP2 sends an array. */
    record SetReply(List<Reply> elements) implements Reply {
    }

    /** RESP3 double; RESP2 sends a bulk string in Redis's %.17g style. */
    record DoubleReply(double value) implements Reply {
    }

    /** RESP3 verbatim string ("txt"); RESP2 sends a bulk string. Used by INFO, CLUSTER NODES/INFO. */
    record VerbatimString(String text) implements Reply {
    }

    /**
     * Not a reply yet: the client is blocked (WAIT, a frozen node) until {@code poll} returns the
     * real reply, which it does once its condition holds on the virtual clock. The RESP server parks
     * the connection; in-process callers use SimCluster.resolve.
     */
    record Blocked(java.util.function.Supplier<Reply> poll) implements Reply {
    }

    Reply OK = new SimpleString("OK");
    Reply PONG = new SimpleString("PONG");
    Reply NIL = new Nil();
    Reply NIL_ARRAY = new NilArray();
    Reply ZERO = new IntegerReply(0);
    Reply ONE = new IntegerReply(1);
    Reply EMPTY_ARRAY = new ArrayReply(List.of());

    static Reply ok() {
        return OK;
    }

    static Reply simple(String value) {
        return new SimpleString(value);
    }

    static Error error(String messageWithCode) {
        return new Error(messageWithCode);
    }

    /** An "ERR ..." error. */
    static Error err(String message) {
        return new Error("ERR " + message);
    }

    static Reply integer(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new IntegerReply(value);
    }

    static Reply bulk(byte[] value) {
        return value == null ? NIL : new BulkString(value);
    }

    static Reply bulk(String value) {
        return value == null ? NIL : new BulkString(value.getBytes(StandardCharsets.UTF_8));
    }

    static Reply array(List<? extends Reply> elements) {
        return new ArrayReply(List.copyOf(elements));
    }

    static Reply array(Reply... elements) {
        return new ArrayReply(List.of(elements));
    }

    static Reply bulkArray(List<byte[]> values) {
        List<Reply> out = new ArrayList<>(values.size());
        for (byte[] v : values) {
            out.add(bulk(v));
        }
        return new ArrayReply(out);
    }

    static Reply bulkStrings(List<String> values) {
        List<Reply> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(bulk(v));
        }
        return new ArrayReply(out);
    }

    static Reply verbatim(String text) {
        return new VerbatimString(text);
    }

    static Reply map(List<Reply> keysAndValues) {
        return new MapReply(List.copyOf(keysAndValues));
    }

    default boolean isError() {
        return this instanceof Error;
    }
}
