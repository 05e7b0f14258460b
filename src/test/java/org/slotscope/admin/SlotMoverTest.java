package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;

/** One slot moved with its keys, the same way on simulated nodes and on a real Redis cluster. */
class SlotMoverTest {
    private static final int SLOT = 12182; // "{foo}..." keys, owned by the third master

    /** Moves slot 12182 from the third master to the first, with 25 keys, and checks every node agrees. */
    private static void moveAndCheck(List<ClusterMember> masters) {
        ClusterMember first = masters.get(0);
        ClusterMember third = masters.get(2);
        for (int i = 0; i < 25; i++) {
            assertEquals("OK", text(third.link().send("SET", "{foo}" + i, "v" + i)));
        }
        List<Integer> progress = new ArrayList<>();
        int moved = SlotMover.moveSlot(SLOT, third, first, masters, new SlotMover.Options(10, 5000, false),
                (slot, keys) -> progress.add(keys));
        assertEquals(25, moved);
        assertEquals(List.of(10, 20, 25), progress, "batches of --cluster-pipeline keys");
        assertEquals(":25", text(first.link().send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(SLOT))));
        assertEquals(":0", text(third.link().send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(SLOT))));
        assertEquals("v7", text(first.link().send("GET", "{foo}7")));
        for (ClusterMember other : masters.subList(1, 3)) {
            assertEquals("MOVED 12182 " + first.host() + ":" + first.port(),
                    text(other.link().send("GET", "{foo}7")), "every master points at the new owner");
        }
        SlotMoveException refused = assertThrows(SlotMoveException.class,
                () -> SlotMover.moveSlot(SLOT, third, masters.get(1), masters, SlotMover.Options.DEFAULTS, (s, k) -> {
                }));
        assertTrue(refused.getMessage().contains("I'm not the owner of hash slot 12182"), refused.getMessage());
    }


    private static List<ClusterMember> members(List<String> ids, int basePort, Function<Integer, NodeLink> links) {
        List<ClusterMember> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(new ClusterMember(ids.get(i), "127.0.0.1", basePort + i, links.apply(i)));
        }
        return out;
    }

    @Test
    void aSlotMovesOnTheSimulator() {
        try (EngineLoop loop = new EngineLoop(new SimCluster(3), "mover-test")) {
            List<ClusterNode> nodes = loop.call(c -> c.createReadyCluster("127.0.0.1", 7000, 3, 0)).join();
            List<String> ids = nodes.stream().map(n -> n.id().value()).toList();
            List<ClusterMember> masters = members(ids, 7000, i -> new SimLink(loop, nodes.get(i).id()));
            moveAndCheck(masters);
            masters.forEach(m -> m.link().close());
        }
    }

    @Test
    void aSlotMovesOnARealRedisCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 0)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (NodeLink link = new JedisLink("127.0.0.1", real.port(i), 5000)) {
                    ids.add(text(link.send("CLUSTER", "MYID")));
                }
            }
            List<ClusterMember> masters = members(ids, real.port(0),
                    i -> new JedisLink("127.0.0.1", real.port(i), 5000));
            moveAndCheck(masters);
            masters.forEach(m -> m.link().close());
        }
    }
}
