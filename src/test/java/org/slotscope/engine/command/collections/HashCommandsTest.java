package org.slotscope.engine.command.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.DataNode;
import org.slotscope.engine.command.Reply;

class HashCommandsTest {
    @Test
    void hsetCountsNewFieldsAndKeepsInsertionOrder() {
        DataNode n = DataNode.single();
        assertEquals(":2", n.text("HSET", "h", "a", "1", "b", "2"));
        assertEquals(":1", n.text("HSET", "h", "a", "9", "c", "3"));
        assertEquals("[\"a\", \"9\", \"b\", \"2\", \"c\", \"3\"]", n.text("HGETALL", "h"));
        assertEquals("[\"9\", $-1]", n.text("HMGET", "h", "a", "zz"));
    }

    @Test
    void hgetallIsAMapReply() {
        DataNode n = DataNode.single();
        n.run("HSET", "h", "f", "v");
        assertEquals(new Reply.MapReply(List.of(Reply.bulk("f"), Reply.bulk("v"))), n.run("HGETALL", "h"));
    }

    @Test
    void hincrbyRefusesNonIntegerFieldsAndOverflow() {
        DataNode n = DataNode.single();
        n.run("HSET", "h", "s", "abc", "n", "9223372036854775807");
        assertEquals("-ERR hash value is not an integer", n.text("HINCRBY", "h", "s", "1"));
        assertEquals("-ERR increment or decrement would overflow", n.text("HINCRBY", "h", "n", "1"));
        assertEquals(":5", n.text("HINCRBY", "h", "new", "5"));
    }

    @Test
    void hincrbyfloatPropagatesAsHsetOfTheResult() {
        DataNode n = DataNode.single();
        n.run("HSET", "h", "f", "1.5");
        assertEquals(List.of("HSET", "h", "f", "1.75"), n.propagationOf("HINCRBYFLOAT", "h", "f", "0.25"));
        n.run("HSET", "h", "s", "abc");
        assertEquals("-ERR hash value is not a float", n.text("HINCRBYFLOAT", "h", "s", "1"));
        assertEquals("\"abc\"", n.text("HGET", "h", "s"));
        assertEquals("\"1\"", n.text("HINCRBYFLOAT", "h", "fresh", "1"));
    }

    @Test
    void hdelOfTheLastFieldDeletesTheKeyOnMasterAndReplica() {
        DataNode n = DataNode.withReplica();
        n.run("HSET", "h", "a", "1", "b", "2");
        assertEquals("[\"a\", \"1\", \"b\", \"2\"]", n.onReplica("HGETALL", "h"));
        assertEquals(":2", n.text("HDEL", "h", "a", "b"));
        assertEquals(":0", n.text("EXISTS", "h"));
        assertEquals(":0", n.onReplica("EXISTS", "h"));
    }
}
