package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.admin.AddNodeOperationTest.clusterAddresses;
import static org.slotscope.admin.AddNodeOperationTest.simulatedClusterWithSpares;
import static org.slotscope.admin.MembershipFixtures.check;
import static org.slotscope.admin.MembershipFixtures.engineClock;
import static org.slotscope.testsupport.ClusterViews.keysOnMasters;
import static org.slotscope.admin.MembershipFixtures.loadKeys;
import static org.slotscope.admin.MembershipFixtures.views;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;

/** del-node of a master that has a replica and of a replica, on the simulator and a real cluster; refusals. */
class DelNodeOperationTest {
    private static String myId(Connector connect, String address) {
        try (NodeLink link = connect.connect(address)) {
            return text(link.send("CLUSTER", "MYID"));
        }
    }

    private static NodeEntry myself(Connector connect, String address) {
        return views(connect, List.of(address)).get(address).stream().filter(NodeEntry::isMyself).findFirst()
                .orElseThrow();
    }

    private static void nobodyLists(Connector connect, List<String> viewers, String id) {
        for (Map.Entry<String, List<NodeEntry>> view : views(connect, viewers).entrySet()) {
            assertTrue(view.getValue().stream().noneMatch(e -> e.id().equals(id)), view.getKey() + " still lists " + id);
        }
    }

    /**
     * spare0 joins as a master and spare1 as its replica; deleting spare0 moves spare1 to the master
     * with the fewest replicas (every master has one: the entry node, loaded first, wins the tie),
     * everyone forgets spare0 and spare0 forgets everyone; then spare1 is deleted too. No key moves.
     */
    static void deleteMasterWithReplicaThenReplica(Connector connect, Sleeper sleeper, List<String> cluster,
                                                   String spare0, String spare1) {
        String entry = cluster.get(0);
        loadKeys(connect, entry, 150);
        long keysBefore = keysOnMasters(connect, entry);
        AddNodeOperation addNode = new AddNodeOperation(connect, sleeper, 60_000);
        String masterId = addNode.run(spare0, entry, false, null, line -> { }).id();
        String replicaId = addNode.run(spare1, entry, true, masterId, line -> { }).id();
        assertEquals(masterId, myself(connect, spare1).masterId());

        List<String> lines = new ArrayList<>();
        DelNodeOperation.Result deleted = new DelNodeOperation(connect).run(entry, masterId, lines::add);
        assertEquals(List.of(">>> Removing node " + masterId + " from cluster " + entry,
                ">>> Sending CLUSTER FORGET messages to the cluster...",
                ">>> " + spare1 + " as replica of " + entry,
                ">>> Sending CLUSTER RESET SOFT to the deleted node."), lines);
        assertEquals(spare0, deleted.address());
        String entryId = myId(connect, entry);
        assertEquals(entryId, myself(connect, spare1).masterId(), "the orphaned replica follows the entry node");
        List<String> remaining = new ArrayList<>(cluster);
        remaining.add(spare1);
        nobodyLists(connect, remaining, masterId);
        assertEquals(1, views(connect, List.of(spare0)).get(spare0).size(), "the deleted node forgot the cluster");
        assertTrue(myself(connect, spare0).isMaster());

        new DelNodeOperation(connect).run(entry, replicaId, line -> { });
        nobodyLists(connect, cluster, replicaId);
        assertEquals(1, views(connect, List.of(spare1)).get(spare1).size());
        assertTrue(myself(connect, spare1).isMaster(), "RESET turns a replica into an empty master");
        assertTrue(check(connect, entry).clean(), check(connect, entry).toString());
        assertEquals(keysBefore, keysOnMasters(connect, entry), "no key lost");
    }

    @Test
    void deletesAMasterWithAReplicaThenTheReplicaOnTheSimulator() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            deleteMasterWithReplicaThenReplica(SimLink.connector(loop), engineClock(loop),
                    clusterAddresses("127.0.0.1", 7000, 6), "127.0.0.1:7006", "127.0.0.1:7007");
        }
    }

    @Test
    void deletesAMasterWithAReplicaThenTheReplicaOnARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            int spare0 = real.startSpareNode();
            int spare1 = real.startSpareNode();
            deleteMasterWithReplicaThenReplica(JedisLink.connector(ConnectOptions.timeout(5000)), Sleeper.REAL,
                    clusterAddresses("127.0.0.1", real.port(0), 6), "127.0.0.1:" + spare0, "127.0.0.1:" + spare1);
        }
    }

    /**
     * Every master has one replica and the deleted master is the entry node, so redis-cli's
     * clusterManagerNodeWithLeastReplicas picks it as the new master of its own replica; the real
     * redis-cli 7.0.15 then stops on "Can't forget my master!" with some nodes having forgotten it
     * and others not. Here it is skipped: the replica goes to the next master with one replica.
     */
    static void neverMovesAReplicaToTheNodeBeingDeleted(Connector connect, Sleeper sleeper, List<String> cluster,
                                                        String spare0, String spare1) {
        AddNodeOperation addNode = new AddNodeOperation(connect, sleeper, 60_000);
        String masterId = addNode.run(spare0, cluster.get(0), false, null, line -> { }).id();
        addNode.run(spare1, cluster.get(0), true, masterId, line -> { });
        List<String> lines = new ArrayList<>();
        new DelNodeOperation(connect).run(spare0, masterId, lines::add);
        String newMaster = lines.get(2).substring(lines.get(2).lastIndexOf(' ') + 1);
        assertEquals(">>> " + spare1 + " as replica of " + newMaster, lines.get(2));
        assertTrue(cluster.contains(newMaster) && myself(connect, newMaster).isMaster(), newMaster);
        assertEquals(myId(connect, newMaster), myself(connect, spare1).masterId());
        List<String> remaining = new ArrayList<>(cluster);
        remaining.add(spare1);
        nobodyLists(connect, remaining, masterId);
        assertTrue(check(connect, cluster.get(0)).clean());
    }

    @Test
    void neverMovesAReplicaToTheNodeBeingDeletedOnTheSimulator() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            neverMovesAReplicaToTheNodeBeingDeleted(SimLink.connector(loop), engineClock(loop),
                    clusterAddresses("127.0.0.1", 7000, 6), "127.0.0.1:7006", "127.0.0.1:7007");
        }
    }

    @Test
    void neverMovesAReplicaToTheNodeBeingDeletedOnARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            int spare0 = real.startSpareNode();
            int spare1 = real.startSpareNode();
            neverMovesAReplicaToTheNodeBeingDeleted(JedisLink.connector(ConnectOptions.timeout(5000)), Sleeper.REAL,
                    clusterAddresses("127.0.0.1", real.port(0), 6), "127.0.0.1:" + spare0, "127.0.0.1:" + spare1);
        }
    }

    private static OperationException refused(EngineLoop loop, String id) {
        return assertThrows(OperationException.class,
                () -> new DelNodeOperation(SimLink.connector(loop)).run("127.0.0.1:7000", id, line -> { }));
    }

    @Test
    void refusesANodeWithSlotsAnUnknownIdAndAnEmptyMasterThatHoldsKeys() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            Connector connect = SimLink.connector(loop);
            String second = myId(connect, "127.0.0.1:7001");
            assertEquals("Node 127.0.0.1:7001 is not empty! Reshard data away and try again.",
                    refused(loop, second).getMessage());
            assertEquals("No such node ID 0123456789abcdef", refused(loop, "0123456789abcdef").getMessage());

            String spareId = new AddNodeOperation(connect, engineClock(loop), 60_000)
                    .run("127.0.0.1:7006", "127.0.0.1:7000", false, null, line -> { }).id();
            loop.call(c -> {
                c.nodeAt("127.0.0.1", 7006).keyspace().set(Key.of("stray"), new StringValue(new byte[] {1}));
                return null;
            }).join();
            assertEquals("Node 127.0.0.1:7006 owns no slot but holds 1 keys: CLUSTER RESET would refuse it"
                    + " (FLUSHALL it first if they are not needed)", refused(loop, spareId).getMessage());
            AddNodeOperationTest.everyNodeLists(connect, clusterAddresses("127.0.0.1", 7000, 7), spareId, null);
            assertTrue(check(connect, "127.0.0.1:7000").clean(), "nothing was sent before refusing");
        }
    }

    @Test
    void aNodeThatIsDownIsNamedAsUnreachable() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            Connector connect = SimLink.connector(loop);
            String spareId = new AddNodeOperation(connect, engineClock(loop), 60_000)
                    .run("127.0.0.1:7006", "127.0.0.1:7000", false, null, line -> { }).id();
            try (NodeLink link = connect.connect("127.0.0.1:7000")) {
                assertEquals("OK", text(link.send("SLOTSCOPE", "CRASH", "127.0.0.1:7006")));
            }
            engineClock(loop).sleep(60_000); // node timeout, then FAIL agreed by the masters
            OperationException e = refused(loop, spareId);
            assertTrue(e.getMessage().startsWith("Node " + spareId + " (127.0.0.1:7006, master,fail")
                    && e.getMessage().endsWith("is known to the cluster but cannot be reached: del-node needs to reset it"),
                    e.getMessage());
        }
    }

    @Test
    void refusesWhileAnotherNodeCannotBeReachedBecauseItWouldNotForget() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            Connector connect = SimLink.connector(loop);
            String spareId = new AddNodeOperation(connect, engineClock(loop), 60_000)
                    .run("127.0.0.1:7006", "127.0.0.1:7000", false, null, line -> { }).id();
            try (NodeLink link = connect.connect("127.0.0.1:7000")) {
                assertEquals("OK", text(link.send("SLOTSCOPE", "CRASH", "127.0.0.1:7005")));
            }
            OperationException e = refused(loop, spareId);
            assertTrue(e.getMessage().startsWith("cannot reach every node of the cluster, so not every node would forget "
                    + spareId + ": 127.0.0.1:7005"), e.getMessage());
            AddNodeOperationTest.everyNodeLists(connect, clusterAddresses("127.0.0.1", 7000, 5), spareId, null);
        }
    }
}
