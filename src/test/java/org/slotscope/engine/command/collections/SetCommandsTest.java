package org.slotscope.engine.command.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.DataNode;
import org.slotscope.engine.command.Reply;

class SetCommandsTest {
    private static void fill(DataNode n, String key, int members) {
        String[] argv = new String[members + 2];
        argv[0] = "SADD";
        argv[1] = key;
        for (int i = 0; i < members; i++) {
            argv[i + 2] = "m" + i;
        }
        n.run(argv);
    }

    @Test
    void spopPropagatesAsSremOfThePoppedMember() {
        DataNode n = DataNode.single();
        fill(n, "s", 20);
        List<String> propagated = n.propagationOf("SPOP", "s");
        assertEquals(3, propagated.size());
        assertEquals(List.of("SREM", "s"), propagated.subList(0, 2));
        assertEquals(":0", n.text("SISMEMBER", "s", propagated.get(2)), "the propagated member is the popped one");
        List<String> withCount = n.propagationOf("SPOP", "s", "4");
        assertEquals(6, withCount.size());
        assertEquals("SREM", withCount.get(0));
        assertEquals(List.of("DEL", "s"), n.propagationOf("SPOP", "s", "100"));
    }

    @Test
    void replicaLosesExactlyTheMembersTheMasterPopped() {
        DataNode n = DataNode.withReplica();
        fill(n, "s", 50);
        for (int i = 0; i < 5; i++) {
            n.run("SPOP", "s");
        }
        n.run("SPOP", "s", "10");
        assertEquals(":35", n.onReplica("SCARD", "s"));
        Reply master = n.run("SMEMBERS", "s");
        assertEquals(sorted(master), sorted(n.cluster.execute(n.replica, readonly(n), "SMEMBERS", "s")));
    }

    private static org.slotscope.engine.command.ClientSession readonly(DataNode n) {
        var session = n.cluster.connect(n.replica, "r");
        session.setReadonly(true);
        return session;
    }

    private static List<String> sorted(Reply reply) {
        List<String> out = new ArrayList<>();
        for (Reply r : ((Reply.SetReply) reply).elements()) {
            out.add(((Reply.BulkString) r).asString());
        }
        out.sort(null);
        return out;
    }

    @Test
    void randomChoicesAreReproducibleFromTheSeed() {
        DataNode a = DataNode.seeded(42);
        DataNode b = DataNode.seeded(42);
        fill(a, "s", 100);
        fill(b, "s", 100);
        assertEquals(a.text("SRANDMEMBER", "s", "5"), b.text("SRANDMEMBER", "s", "5"));
        assertEquals(a.text("SPOP", "s", "3"), b.text("SPOP", "s", "3"));
        DataNode c = DataNode.seeded(7);
        fill(c, "s", 100);
        assertNotEquals(a.text("SRANDMEMBER", "s", "10"), c.text("SRANDMEMBER", "s", "10"));
    }

    @Test
    void srandmemberCountSignChoosesDistinctOrRepeatedMembers() {
        DataNode n = DataNode.single();
        fill(n, "s", 3);
        Reply.ArrayReply distinct = (Reply.ArrayReply) n.run("SRANDMEMBER", "s", "2");
        assertEquals(2, new HashSet<>(distinct.elements()).size());
        Reply.ArrayReply repeated = (Reply.ArrayReply) n.run("SRANDMEMBER", "s", "-10");
        assertEquals(10, repeated.elements().size());
        assertTrue(new HashSet<>(repeated.elements()).size() <= 3);
        assertEquals(":3", n.text("SCARD", "s"), "SRANDMEMBER removes nothing");
    }

    @Test
    void setAlgebraOnSameSlotKeys() {
        DataNode n = DataNode.single();
        n.run("SADD", "{g}a", "1", "2", "3");
        n.run("SADD", "{g}b", "2", "3", "4");
        assertEquals(List.of("2", "3"), sorted(n.run("SINTER", "{g}a", "{g}b")));
        assertEquals(List.of("1", "2", "3", "4"), sorted(n.run("SUNION", "{g}a", "{g}b")));
        assertEquals(List.of("1"), sorted(n.run("SDIFF", "{g}a", "{g}b")));
        assertEquals("-CROSSSLOT Keys in request don't hash to the same slot", n.text("SINTER", "a", "b"));
    }

    @Test
    void sremOfTheLastMemberDeletesTheKey() {
        DataNode n = DataNode.single();
        n.run("SADD", "s", "x");
        assertEquals(":1", n.text("SREM", "s", "x", "y"));
        assertEquals(":0", n.text("EXISTS", "s"));
    }
}
