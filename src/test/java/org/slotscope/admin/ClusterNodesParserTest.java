package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterNodesParserTest {
    @Test
    void parsesLinesAsRedis70PrintsThem() {
        // captured from Redis 7.0.15 during the manual migration (see redis7/walkthrough)
        List<NodeEntry> nodes = ClusterNodesParser.parse(
                "d40ab918e92550e230f82d31abc0a745c0d10adf 127.0.0.1:17602@27602 myself,master - 0 1795325953000 3 "
                        + "connected 10923-16383 [12182->-e6288b7f56fb316096ca801ccb810438d5c44c03]\n"
                        + "4bd0c137506b844196c06e297c41022dbe870aff 127.0.0.1:17743@27743 slave "
                        + "d40ab918e92550e230f82d31abc0a745c0d10adf 0 1795329911019 3 connected\n"
                        + "88765d45a58c99090e252a24126b32d5f2d8b891 127.0.0.1:17742@27742 master,fail - 1795329910019 "
                        + "1795329910019 2 disconnected 0 5 7-9\n");
        NodeEntry source = nodes.get(0);
        assertTrue(source.isMyself() && source.isMaster());
        assertEquals("127.0.0.1:17602", source.address());
        assertEquals(5461, source.slots().cardinality());
        assertEquals(Map.of(12182, "e6288b7f56fb316096ca801ccb810438d5c44c03"), source.migrating());
        NodeEntry replica = nodes.get(1);
        assertFalse(replica.isMaster());
        assertEquals(source.id(), replica.masterId());
        NodeEntry failed = nodes.get(2);
        assertTrue(failed.isFailing());
        assertFalse(failed.connected());
        assertEquals(5, failed.slots().cardinality(), "0, 5, 7, 8, 9");
    }

    @Test
    void garbageIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> ClusterNodesParser.parse("not cluster nodes output"));
    }
}
