package org.slotscope.engine.command.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.DataNode;

class ListCommandsTest {
    @Test
    void pushesAndPopsAtBothEnds() {
        DataNode n = DataNode.single();
        assertEquals(":2", n.text("RPUSH", "l", "b", "c"));
        assertEquals(":4", n.text("LPUSH", "l", "a", "z"));
        assertEquals("[\"z\", \"a\", \"b\", \"c\"]", n.text("LRANGE", "l", "0", "-1"));
        assertEquals("\"z\"", n.text("LPOP", "l"));
        assertEquals("[\"c\", \"b\"]", n.text("RPOP", "l", "2"));
        assertEquals("\"a\"", n.text("LINDEX", "l", "-1"));
    }

    @Test
    void aListPoppedToEmptyNoLongerExists() {
        DataNode n = DataNode.single();
        n.run("RPUSH", "l", "a", "b");
        n.run("LPOP", "l", "5");
        assertEquals(":0", n.text("EXISTS", "l"));
        assertEquals("+none", n.text("TYPE", "l"));
        assertEquals(":0", n.text("LPUSHX", "l", "x"), "LPUSHX does not recreate it");
    }

    @Test
    void lsetLremLtrimEditInPlace() {
        DataNode n = DataNode.single();
        n.run("RPUSH", "l", "a", "x", "b", "x", "c", "x");
        assertEquals("+OK", n.text("LSET", "l", "-1", "y"));
        assertEquals(":2", n.text("LREM", "l", "0", "x"));
        assertEquals("+OK", n.text("LTRIM", "l", "1", "-1"));
        assertEquals("[\"b\", \"c\", \"y\"]", n.text("LRANGE", "l", "0", "-1"));
        assertEquals("-ERR index out of range", n.text("LSET", "l", "3", "q"));
    }

    @Test
    void listWritesReachTheReplica() {
        DataNode n = DataNode.withReplica();
        n.run("RPUSH", "q", "1", "2", "3");
        n.run("LPOP", "q");
        n.run("LPUSH", "q", "0");
        assertEquals("[\"0\", \"2\", \"3\"]", n.onReplica("LRANGE", "q", "0", "-1"));
    }

    @Test
    void listsExpireOnTheVirtualClock() {
        DataNode n = DataNode.single();
        n.run("RPUSH", "l", "a");
        n.run("PEXPIRE", "l", "100");
        n.run("RPUSH", "l", "b");
        n.cluster.runFor(101);
        assertEquals(":0", n.text("LLEN", "l"));
    }
}
