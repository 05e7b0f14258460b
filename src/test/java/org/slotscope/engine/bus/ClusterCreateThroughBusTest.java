package org.slotscope.engine.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;

/** A cluster built as redis-cli --cluster create builds it ends in the same shape as a ready one. */
class ClusterCreateThroughBusTest {
    @Test
    void theBusBuiltClusterMatchesTheReadyOne() {
        SimCluster viaBus = new SimCluster(4);
        List<ClusterNode> built = viaBus.createClusterThroughBus("127.0.0.1", 7000, 3, 1);
        SimCluster ready = new SimCluster(4);
        List<ClusterNode> expected = ready.createReadyCluster("127.0.0.1", 7000, 3, 1);

        for (int i = 0; i < built.size(); i++) {
            ClusterNode viewer = built.get(i);
            assertTrue(viewer.state().isOk());
            assertEquals(6, viewer.state().nodes().size());
            for (int j = 0; j < built.size(); j++) {
                KnownNode seen = viewer.state().lookup(built.get(j).id());
                KnownNode reference = expected.get(i).state().lookup(expected.get(j).id());
                assertEquals(reference.slots(), seen.slots(), "slots of node " + j + " seen by " + i);
                assertEquals(reference.isReplica(), seen.isReplica());
                if (reference.isReplica()) {
                    assertEquals(expected.indexOf(ready.node(reference.master().id())),
                            built.indexOf(viaBus.node(seen.master().id())));
                }
            }
        }
        assertEquals(6, built.get(0).state().currentEpoch(), "SET-CONFIG-EPOCH 1..6, as redis-cli assigns");
        assertTrue(viaBus.events().recent(ClusterEvent.BusMessageSent.class).stream()
                .anyMatch(m -> m.type().equals("meet")), "the nodes met through the bus");
        assertTrue(viaBus.now() < 30_000, "settled in " + viaBus.now() + " virtual ms");
    }
}
