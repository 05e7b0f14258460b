package org.slotscope.engine.command.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.DataNode;
import org.slotscope.engine.command.Reply;

class ZSetCommandsTest {
    @Test
    void zscoreRepliesWithADouble() {
        DataNode n = DataNode.single();
        n.run("ZADD", "z", "0.1", "a");
        assertEquals(new Reply.DoubleReply(0.1), n.run("ZSCORE", "z", "a"));
        assertEquals("\"0.10000000000000001\"", n.text("ZSCORE", "z", "a"), "RESP2: %.17g as Redis 7.0");
    }

    @Test
    void withscoresPairsAreNestedInResp3AndFlatInResp2() {
        DataNode n = DataNode.single();
        n.run("ZADD", "z", "1", "a", "2", "b");
        assertEquals("[\"a\", \"1\", \"b\", \"2\"]", n.text("ZRANGE", "z", "0", "-1", "WITHSCORES"));
        n.session.setProtocol(3);
        assertEquals("[[\"a\", ,1], [\"b\", ,2]]", n.text("ZRANGE", "z", "0", "-1", "WITHSCORES"));
    }

    @Test
    void zaddOptionsControlInsertAndUpdate() {
        DataNode n = DataNode.single();
        n.run("ZADD", "z", "5", "a");
        assertEquals(":0", n.text("ZADD", "z", "GT", "CH", "4", "a"));
        assertEquals(":1", n.text("ZADD", "z", "GT", "CH", "6", "a"));
        assertEquals(":0", n.text("ZADD", "z", "XX", "1", "new"));
        assertEquals("$-1", n.text("ZSCORE", "z", "new"));
        assertEquals("\"8\"", n.text("ZADD", "z", "INCR", "2", "a"));
        assertEquals("\"10\"", n.text("ZINCRBY", "z", "2", "a"));
    }

    @Test
    void rangesByRankScoreAndLex() {
        DataNode n = DataNode.single();
        n.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals("[\"d\", \"c\"]", n.text("ZREVRANGE", "z", "0", "1"));
        assertEquals("[\"b\", \"c\"]", n.text("ZRANGEBYSCORE", "z", "(1", "3"));
        assertEquals("[\"c\", \"b\"]", n.text("ZRANGE", "z", "3", "(1", "BYSCORE", "REV"));
        assertEquals("[\"c\"]", n.text("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "2", "1"));
        assertEquals(":2", n.text("ZCOUNT", "z", "2", "3"));
        assertEquals(":3", n.text("ZREVRANK", "z", "a"));
        n.run("ZADD", "lex", "0", "apple", "0", "banana", "0", "cherry");
        assertEquals("[\"banana\", \"cherry\"]", n.text("ZRANGE", "lex", "(apple", "+", "BYLEX"));
    }

    @Test
    void zremOfTheLastMemberDeletesTheKeyOnTheReplicaToo() {
        DataNode n = DataNode.withReplica();
        n.run("ZADD", "z", "1", "a", "2", "b");
        assertEquals("[\"a\", \"1\", \"b\", \"2\"]", n.onReplica("ZRANGE", "z", "0", "-1", "WITHSCORES"));
        n.run("ZREM", "z", "a", "b");
        assertEquals(":0", n.onReplica("EXISTS", "z"));
    }

    @Test
    void aBadScoreLeavesTheSetUntouched() {
        DataNode n = DataNode.single();
        n.run("ZADD", "z", "1", "a");
        assertEquals("-ERR value is not a valid float", n.text("ZADD", "z", "2", "b", "x", "c"));
        assertEquals(List.of(":1"), List.of(n.text("ZCARD", "z")));
    }
}
