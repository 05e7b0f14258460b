package org.slotscope.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.node.ClusterNode;

/** Which of the engine's events explain lost keys, and which keys. */
class SimLossWitnessTest {
    @Test
    void aRestartedMasterExplainsItsKeysAReplicaNothing() {
        SimCluster cluster = new SimCluster(9);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        SimLossWitness witness = SimLossWitness.attach(cluster);
        ClusterNode master = nodes.get(2); // owns foo's slot 12182
        ClientSession session = cluster.connect(master, "test");
        cluster.execute(master, session, "SET", "foo", "1");
        cluster.execute(master, session, "SET", "{foo}2", "2");
        cluster.runFor(100);
        ClusterNode replica = nodes.get(5);
        assertEquals(2, replica.keyspace().size());
        cluster.stopNode(replica, "test");
        cluster.restartNode(replica);
        cluster.runFor(100);
        assertEquals(List.of(), witness.explanations(), "a replica's keys are copies");
        cluster.stopNode(master, "test");
        cluster.runFor(10);
        cluster.restartNode(master);
        List<LossExplanation> explanations = witness.explanations();
        assertEquals(1, explanations.size(), explanations.toString());
        assertEquals(LossExplanation.Cause.RESTART_WITHOUT_PERSISTENCE, explanations.get(0).cause());
        assertEquals(Set.of("foo", "{foo}2"), explanations.get(0).keys());
        assertTrue(explanations.get(0).covers("foo", 0));
        assertTrue(!explanations.get(0).covers("foo", cluster.now()), "a write after the crash was not on it");
    }
}
