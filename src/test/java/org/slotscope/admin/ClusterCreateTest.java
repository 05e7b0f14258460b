package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.admin.MembershipFixtures.engineClock;
import static org.slotscope.admin.MembershipFixtures.replicaCounts;
import static org.slotscope.admin.MembershipFixtures.shape;
import static org.slotscope.admin.MembershipFixtures.views;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimLink;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;

/**
 * `cluster create` on the simulator and on real redis-servers; the layout it picks equals the one the
 * real `redis-cli --cluster create` picks for the same addresses.
 */
class ClusterCreateTest {
    private static final Connector REAL = JedisLink.connector(ConnectOptions.timeout(5000));

    /** Empty simulated nodes at these addresses (nothing listens: the simulator needs no ports). */
    private static EngineLoop simulatorWith(List<String> addresses) {
        EngineLoop loop = new EngineLoop(new SimCluster(11), "create-test");
        loop.call(c -> {
            for (String address : addresses) {
                Connector.HostPort hp = Connector.parse(address);
                c.startNode(hp.host(), hp.port());
            }
            return null;
        }).join();
        return loop;
    }

    private static List<String> addresses(String host, int firstPort, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(host + ":" + (firstPort + i));
        }
        return addresses;
    }

    /**
     * Creates the cluster; then it checks clean, every node reports the planned role and slots, and
     * every node sees every other with the same role.
     */
    private static ClusterCreate.Result createAndVerify(Connector connect, Sleeper sleeper, List<String> addresses,
                                                        int replicas) {
        List<String> lines = new ArrayList<>();
        ClusterCreate.Result result = new ClusterCreate(connect, sleeper, 60_000, new Random(3))
                .run(addresses, replicas, lines::add);
        assertTrue(result.check().clean(), String.join("\n", lines));
        assertTrue(lines.contains("[OK] All nodes agree about slots configuration."), String.join("\n", lines));
        assertTrue(lines.contains("[OK] All 16384 slots covered."), String.join("\n", lines));
        assertEquals(shape(result.plan()), shape(connect, addresses));
        TreeSet<String> reference = null;
        for (Map.Entry<String, List<NodeEntry>> view : views(connect, addresses).entrySet()) {
            TreeSet<String> roles = new TreeSet<>();
            for (NodeEntry e : view.getValue()) {
                assertTrue(e.connected() && !e.flags().contains("handshake"), view.getKey() + " sees " + e);
                roles.add(e.id() + " " + (e.masterId() == null ? "master" : e.masterId()));
            }
            assertEquals(addresses.size(), roles.size(), view.getKey() + " knows every node");
            if (reference == null) {
                reference = roles;
            }
            assertEquals(reference, roles, "every node sees the same roles");
        }
        return result;
    }

    @Test
    void createsSixNodesWithOneReplicaEachOnTheSimulator() {
        List<String> addresses = addresses("127.0.0.1", 7000, 6);
        try (EngineLoop loop = simulatorWith(addresses)) {
            ClusterCreate.Result result = createAndVerify(SimLink.connector(loop), engineClock(loop), addresses, 1);
            assertEquals(List.of("M 0-5460", "M 5461-10922", "M 10923-16383"),
                    replicaCounts(shape(result.plan())).stream().map(s -> s.substring(0, s.indexOf(" x"))).toList());
            assertEquals(6, result.ids().size());
        }
    }

    @Test
    void keepsReplicasOffTheirMastersHostsWhenThereAreSeveralHosts() {
        List<String> addresses = List.of("10.0.0.1:7000", "10.0.0.1:7001", "10.0.0.2:7000", "10.0.0.2:7001",
                "10.0.0.3:7000", "10.0.0.3:7001");
        try (EngineLoop loop = simulatorWith(addresses)) {
            ClusterCreate.Result result = createAndVerify(SimLink.connector(loop), engineClock(loop), addresses, 1);
            result.plan().replicaOf().forEach((replica, master) ->
                    assertNotEquals(replica.host(), master.host(), replica + " replicates " + master));
        }
    }

    @Test
    void createsOnRealServers() throws Exception {
        try (RealCluster real = RealCluster.startEmpty("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1",
                "127.0.0.1", "127.0.0.1")) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                addresses.add(real.address(i));
            }
            createAndVerify(REAL, Sleeper.REAL, addresses, 1);
        }
    }

    @Test
    void createsAcrossThreeHostsOnRealServers() throws Exception {
        try (RealCluster real = RealCluster.startEmpty("127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2",
                "127.0.0.3", "127.0.0.3")) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                addresses.add(real.address(i));
            }
            ClusterCreate.Result result = createAndVerify(REAL, Sleeper.REAL, addresses, 1);
            result.plan().replicaOf().forEach((replica, master) ->
                    assertNotEquals(replica.host(), master.host(), replica + " replicates " + master));
        }
    }

    static Stream<Arguments> layouts() {
        String one = "127.0.0.1";
        String two = "127.0.0.2";
        String three = "127.0.0.3";
        return Stream.of(
                Arguments.of(List.of(one, one, one, one, one, one), 1),
                Arguments.of(List.of(one, one, one, one, one, one, one), 1),
                Arguments.of(List.of(one, one, one, one, one), 0),
                Arguments.of(List.of(one, one, two, two, three, three), 1),
                Arguments.of(List.of(one, one, one, one, two, two, three, three), 1),
                Arguments.of(List.of(one, two, three, one, two, three, one, two, three), 2));
    }

    /**
     * The real redis-cli creates a cluster of real servers; ours plans the same addresses on the
     * simulator. The lines printed while planning are the same, and so is the layout: exactly when
     * the first assignment already keeps every replica off its master's host and away from its
     * siblings (redis-cli then skips its random optimizer), else how many replicas each master has.
     */
    @ParameterizedTest
    @MethodSource("layouts")
    void choosesTheSameLayoutAsRedisCli(List<String> hosts, int replicas) throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.startEmpty(hosts.toArray(new String[0]))) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < real.size(); i++) {
                addresses.add(real.address(i));
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            create.addAll(addresses);
            create.addAll(List.of("--cluster-replicas", String.valueOf(replicas), "--cluster-yes"));
            String printed = cli.raw(create).replaceAll("\u001b\\[[0-9;]*m", "");
            assertTrue(printed.contains("[OK] All 16384 slots covered."), printed);
            List<String> redisCliPlanning = new ArrayList<>();
            for (String line : printed.split("\n")) {
                if (line.startsWith("M: ") || line.startsWith("S: ")) {
                    break;
                }
                redisCliPlanning.add(line);
            }
            List<String> redisCliShape = shape(REAL, addresses);

            try (EngineLoop loop = simulatorWith(addresses)) {
                List<String> lines = new ArrayList<>();
                ClusterCreate.Result ours = new ClusterCreate(SimLink.connector(loop), engineClock(loop), 60_000,
                        new Random(5)).run(addresses, replicas, lines::add);
                assertEquals(redisCliPlanning, ours.plan().lines());
                List<String> ourShape = shape(SimLink.connector(loop), addresses);
                if (redisCliPlanning.stream().anyMatch(l -> l.startsWith(">>> Trying to optimize"))) {
                    assertEquals(replicaCounts(redisCliShape), replicaCounts(ourShape));
                } else {
                    assertEquals(redisCliShape, ourShape);
                }
            }
        }
    }

    @Test
    void refusesANodeThatHoldsAKeyAndConfiguresNothing() {
        List<String> addresses = addresses("127.0.0.1", 7000, 6);
        try (EngineLoop loop = simulatorWith(addresses)) {
            Connector connect = SimLink.connector(loop);
            // a node without slots refuses SET (CLUSTERDOWN): the key is there from an earlier life,
            // as after a restart with an old dump.rdb
            loop.call(c -> {
                c.nodeAt("127.0.0.1", 7004).keyspace().set(Key.of("left"), new StringValue(new byte[] {1}));
                return null;
            }).join();
            OperationException e = assertThrows(OperationException.class, () -> new ClusterCreate(connect,
                    engineClock(loop), 60_000, new Random(1)).run(addresses, 1, line -> { }));
            assertEquals("Node 127.0.0.1:7004 is not empty. Either the node already knows other nodes (check with"
                    + " CLUSTER NODES) or contains some key in database 0. (db0: keys=1,expires=0,avg_ttl=0)",
                    e.getMessage());
            assertEquals(Collections.nCopies(6, "M "), shape(connect, addresses), "no slot was assigned");
        }
    }

    @Test
    void refusesANodeThatAlreadyKnowsAnother() {
        List<String> addresses = addresses("127.0.0.1", 7000, 6);
        try (EngineLoop loop = simulatorWith(addresses)) {
            Connector connect = SimLink.connector(loop);
            try (NodeLink link = connect.connect(addresses.get(1))) {
                link.send("CLUSTER", "MEET", "127.0.0.1", "7005");
            }
            engineClock(loop).sleep(2000);
            OperationException e = assertThrows(OperationException.class, () -> new ClusterCreate(connect,
                    engineClock(loop), 60_000, new Random(1)).run(addresses, 1, line -> { }));
            assertTrue(e.getMessage().startsWith("Node 127.0.0.1:7001 is not empty.")
                    && e.getMessage().endsWith("(it knows 2 nodes)"), e.getMessage());
        }
    }

    @Test
    void refusesFewerThanThreeMasters() {
        List<String> addresses = addresses("127.0.0.1", 7000, 5);
        try (EngineLoop loop = simulatorWith(addresses)) {
            OperationException e = assertThrows(OperationException.class, () -> new ClusterCreate(
                    SimLink.connector(loop), engineClock(loop), 60_000, new Random(1)).run(addresses, 1, line -> { }));
            assertEquals("Invalid configuration for cluster creation: Redis Cluster requires at least 3 master nodes,"
                    + " which is not possible with 5 nodes and 1 replicas per node (at least 6 nodes are required).",
                    e.getMessage());
        }
    }

    @Test
    void refusesTheSameNodeTwice() {
        List<String> addresses = addresses("127.0.0.1", 7000, 3);
        List<String> twice = new ArrayList<>(addresses);
        twice.add(addresses.get(0));
        try (EngineLoop loop = simulatorWith(addresses)) {
            OperationException e = assertThrows(OperationException.class, () -> new ClusterCreate(
                    SimLink.connector(loop), engineClock(loop), 60_000, new Random(1)).run(twice, 0, line -> { }));
            assertEquals("node 127.0.0.1:7000 is given twice", e.getMessage());
        }
    }

    @Test
    void anUnreachableNodeIsNamedInTheError() {
        int port = FreePorts.one();
        LinkException e = assertThrows(LinkException.class, () -> new ClusterCreate(REAL, Sleeper.REAL, 1000,
                new Random(1)).run(List.of("127.0.0.1:" + port), 0, line -> { }));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void aNodeThatCannotJoinEndsTheWaitWithAClearError() {
        List<String> addresses = addresses("127.0.0.1", 7000, 6);
        try (EngineLoop loop = simulatorWith(addresses)) {
            Connector connect = SimLink.connector(loop);
            try (NodeLink link = connect.connect(addresses.get(0))) {
                link.send("SLOTSCOPE", "PARTITION", addresses.get(5)); // 7005 reaches nobody
            }
            List<String> lines = new ArrayList<>();
            OperationException e = assertThrows(OperationException.class, () -> new ClusterCreate(connect,
                    engineClock(loop), 30_000, new Random(1)).run(addresses, 1, lines::add));
            // the cut-off node's handshake times out and is dropped, as in Redis: no link is listed
            // as down, so the error names the node whose view differs
            assertEquals("the cluster did not join within 30 s: the nodes do not agree about the slots: "
                    + addresses.get(5) + " sees other slot owners than " + addresses.get(0), e.getMessage());
            assertEquals(".".repeat(31), lines.get(lines.size() - 1), "a dot per second waited, as redis-cli prints");
        }
    }
}
