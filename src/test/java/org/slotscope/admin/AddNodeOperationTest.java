package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.RealCluster;

/** add-node as a master and as a replica, on the simulator and on a real cluster; and its refusals. */
class AddNodeOperationTest {
    /** A 3-master, 1-replica-each simulated cluster on 7000-7005 and two empty nodes on 7006, 7007. */
    static EngineLoop simulatedClusterWithSpares() {
        EngineLoop loop = new EngineLoop(new SimCluster(21), "add-node-test");
        loop.call(c -> {
            c.createReadyCluster("127.0.0.1", 7000, 3, 1);
            c.startNode("127.0.0.1", 7006);
            c.startNode("127.0.0.1", 7007);
            return null;
        }).join();
        return loop;
    }

    static List<String> clusterAddresses(String host, int firstPort, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(host + ":" + (firstPort + i));
        }
        return addresses;
    }

    /** Every one of {@code viewers} lists {@code id}, out of handshake, with that master (or as a master). */
    static void everyNodeLists(Connector connect, List<String> viewers, String id, String masterId) {
        for (Map.Entry<String, List<NodeEntry>> view : views(connect, viewers).entrySet()) {
            NodeEntry seen = view.getValue().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
            assertTrue(seen != null && !seen.flags().contains("handshake") && seen.connected(),
                    view.getKey() + " lists " + id + ": " + seen);
            assertEquals(masterId, seen.masterId(), view.getKey() + "'s view of " + id);
        }
    }

    /**
     * Adds {@code spare0} as a master, then {@code spare1} as a replica of the master with the fewest
     * replicas, which is then the new, empty one; after each, every node has accepted the new node, the
     * check is clean and the masters hold the same keys.
     */
    static void addMasterThenReplica(Connector connect, Sleeper sleeper, List<String> cluster, String spare0,
                                     String spare1) {
        String entry = cluster.get(0);
        loadKeys(connect, entry, 200);
        long keysBefore = keysOnMasters(connect, entry);
        assertEquals(200, keysBefore);
        AddNodeOperation addNode = new AddNodeOperation(connect, sleeper, 60_000);

        List<String> lines = new ArrayList<>();
        AddNodeOperation.Result master = addNode.run(spare0, entry, false, null, lines::add);
        assertNull(master.masterId());
        assertEquals(">>> Adding node " + spare0 + " to cluster " + entry, lines.get(0));
        assertTrue(lines.contains(">>> Send CLUSTER MEET to node " + spare0 + " to make it join the cluster."),
                String.join("\n", lines));
        assertTrue(lines.contains(">>> Send FUNCTION RESTORE to " + spare0), String.join("\n", lines));
        assertEquals("[OK] New node added correctly.", lines.get(lines.size() - 1));
        List<String> everyone = new ArrayList<>(cluster);
        everyone.add(spare0);
        everyNodeLists(connect, everyone, master.id(), null);
        assertTrue(check(connect, entry).clean(), check(connect, entry).toString());
        assertEquals(keysBefore, keysOnMasters(connect, entry), "adding a node moves no key");

        lines.clear();
        AddNodeOperation.Result replica = addNode.run(spare1, entry, true, null, lines::add);
        assertEquals(master.id(), replica.masterId(), "the new master is the one with the fewest replicas (none)");
        assertTrue(lines.contains("Automatically selected master " + spare0), String.join("\n", lines));
        assertTrue(lines.contains(">>> Configure node as replica of " + spare0 + "."), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains("FUNCTION")), "functions go to new masters only");
        everyone.add(spare1);
        everyNodeLists(connect, everyone, replica.id(), master.id());
        assertTrue(check(connect, entry).clean(), check(connect, entry).toString());
        assertEquals(keysBefore, keysOnMasters(connect, entry));
    }

    @Test
    void addsAMasterThenAReplicaOnTheSimulator() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            addMasterThenReplica(SimLink.connector(loop), engineClock(loop), clusterAddresses("127.0.0.1", 7000, 6),
                    "127.0.0.1:7006", "127.0.0.1:7007");
        }
    }

    @Test
    void addsAMasterThenAReplicaOnARealCluster() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            int spare0 = real.startSpareNode();
            int spare1 = real.startSpareNode();
            addMasterThenReplica(JedisLink.connector(ConnectOptions.timeout(5000)), Sleeper.REAL,
                    clusterAddresses("127.0.0.1", real.port(0), 6), "127.0.0.1:" + spare0, "127.0.0.1:" + spare1);
        }
    }

    private static OperationException refused(EngineLoop loop, String newNode, boolean slave, String masterId) {
        return assertThrows(OperationException.class, () -> new AddNodeOperation(SimLink.connector(loop),
                engineClock(loop), 60_000).run(newNode, "127.0.0.1:7000", slave, masterId, line -> { }));
    }

    private static String idAt(EngineLoop loop, int port) {
        try (NodeLink link = SimLink.connector(loop).connect("127.0.0.1:" + port)) {
            return text(link.send("CLUSTER", "MYID"));
        }
    }

    @Test
    void refusesANewNodeThatHoldsKeysOrKnowsOthers() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            loop.call(c -> {
                c.nodeAt("127.0.0.1", 7006).keyspace().set(Key.of("old"), new StringValue(new byte[] {1}));
                return null;
            }).join();
            assertTrue(refused(loop, "127.0.0.1:7006", false, null).getMessage()
                    .startsWith("Node 127.0.0.1:7006 is not empty. Either the node already knows other nodes"));
            try (NodeLink link = SimLink.connector(loop).connect("127.0.0.1:7007")) {
                link.send("CLUSTER", "MEET", "127.0.0.1", "7006");
            }
            engineClock(loop).sleep(2000);
            assertTrue(refused(loop, "127.0.0.1:7007", false, null).getMessage().endsWith("(it knows 2 nodes)"));
            assertEquals(6, views(SimLink.connector(loop), List.of("127.0.0.1:7000")).get("127.0.0.1:7000").size(),
                    "the cluster was not touched");
        }
    }

    @Test
    void refusesAMasterIdThatIsUnknownOrAReplica() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            assertEquals("No such master ID 0123456789abcdef0123456789abcdef01234567",
                    refused(loop, "127.0.0.1:7006", true, "0123456789abcdef0123456789abcdef01234567").getMessage());
            String replicaId = idAt(loop, 7003);
            assertEquals("Node " + replicaId + " (127.0.0.1:7003) is a replica, not a master",
                    refused(loop, "127.0.0.1:7006", true, replicaId).getMessage());
            assertEquals("--master-id needs --slave: without it the node would be added as a master and the id ignored",
                    refused(loop, "127.0.0.1:7006", false, idAt(loop, 7000)).getMessage());
            try (NodeLink link = SimLink.connector(loop).connect("127.0.0.1:7006")) {
                assertEquals("1", NewNode.infoField(text(link.send("CLUSTER", "INFO")), "cluster_known_nodes"),
                        "the new node was not met");
            }
        }
    }

    @Test
    void refusesToAddToAClusterWithAnOpenSlot() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            try (NodeLink link = SimLink.connector(loop).connect("127.0.0.1:7000")) {
                link.send("CLUSTER", "SETSLOT", "1", "MIGRATING", idAt(loop, 7001));
            }
            List<String> lines = new ArrayList<>();
            OperationException e = assertThrows(OperationException.class, () -> new AddNodeOperation(
                    SimLink.connector(loop), engineClock(loop), 60_000)
                    .run("127.0.0.1:7006", "127.0.0.1:7000", false, null, lines::add));
            assertEquals("the cluster has problems (see above): fix them before adding a node", e.getMessage());
            assertTrue(lines.contains("[WARNING] Node 127.0.0.1:7000 has slots in migrating state 1."),
                    String.join("\n", lines));
        }
    }

    @Test
    void aSlaveWithAnExplicitMasterFollowsThatMaster() {
        try (EngineLoop loop = simulatedClusterWithSpares()) {
            ClusterNode second = loop.call(c -> c.nodeAt("127.0.0.1", 7001)).join();
            AddNodeOperation.Result added = new AddNodeOperation(SimLink.connector(loop), engineClock(loop), 60_000)
                    .run("127.0.0.1:7006", "127.0.0.1:7000", true, second.id().value().toUpperCase(), line -> { });
            assertEquals(second.id().value(), added.masterId(), "ids are matched without regard to case");
            everyNodeLists(SimLink.connector(loop), clusterAddresses("127.0.0.1", 7000, 7), added.id(),
                    second.id().value());
        }
    }
}
