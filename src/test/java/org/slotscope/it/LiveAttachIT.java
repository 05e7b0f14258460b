package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.ClusterEvent.NodeFlagChanged;
import org.slotscope.engine.event.ClusterEvent.NodeMembershipChanged;
import org.slotscope.engine.event.ClusterEvent.RoleChanged;
import org.slotscope.engine.event.ClusterEvent.SlotMigrationStateChanged;
import org.slotscope.engine.event.ClusterEvent.SlotsAssigned;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.engine.node.NodeId;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.JedisLink;
import org.slotscope.link.NodeLink;
import org.slotscope.live.ClusterPoller;
import org.slotscope.live.ClusterSnapshot;
import org.slotscope.live.LiveNode;
import org.slotscope.live.NodeView;
import org.slotscope.live.PollStatus;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.ServeProcess;

/**
 * Attaching to a live cluster, the same test body on `slotscope serve` (its own process, over RESP) and
 * on a real Redis 7 cluster started by the test: (a) a slot moved by hand with SETSLOT IMPORTING /
 * MIGRATING / NODE gives the open states and then the owner change, in that order; (c) a node met into
 * the cluster is reported joining and then polled; (b) a killed master, the poller's own entry node, is
 * flagged fail? then fail, its replica is promoted and takes its slots, and the poller goes on through
 * another node. Wall-clock: every wait is bounded polling, with generous limits for a busy machine.
 */
class LiveAttachIT {
    private static final long WAIT_SECONDS = 120;
    private static final int SLOT = 100; // owned by the first master, no keys

    /** What the test does to the cluster, the one thing that differs between serve and real Redis. */
    private interface Cluster {
        String address(int index);

        /** Kills node {@code index} as a crash would. */
        void crash(int index) throws Exception;

        /** host:port of a fresh cluster node that knows nobody. */
        String spare() throws Exception;
    }

    @Test
    void attachedToServeItSeesASlotMoveANewNodeAndAFailover() throws Exception {
        try (ServeProcess serve = ServeProcess.start(7, "--masters", "3", "--replicas", "1", "--spare", "1",
                "--node-timeout", "2000")) {
            watch(6, new Cluster() {
                @Override
                public String address(int index) {
                    return "127.0.0.1:" + serve.port(index);
                }

                @Override
                public void crash(int index) {
                    // SLOTSCOPE CRASH is a fault sent to any live node about another
                    String id = id(address(index));
                    try (NodeLink other = link(address(index == 0 ? 1 : 0))) {
                        // on the simulator's instant network the failure reports spread within a few
                        // ms, so PFAIL would turn into FAIL between two polls; 200 ms per cluster bus
                        // message keeps the fail? state long enough to be seen, as a teacher would
                        // slow the network to show it
                        assertEquals("OK", text(other.send("SLOTSCOPE", "LATENCY", "200")));
                        assertEquals("OK", text(other.send("SLOTSCOPE", "CRASH", id)));
                    }
                }

                @Override
                public String spare() {
                    return address(6);
                }
            });
        }
    }

    @Test
    void attachedToARealClusterItSeesASlotMoveANewNodeAndAFailover() throws Exception {
        try (RealCluster real = RealCluster.start(3, 1)) {
            watch(6, new Cluster() {
                @Override
                public String address(int index) {
                    return "127.0.0.1:" + real.port(index);
                }

                @Override
                public void crash(int index) throws InterruptedException {
                    real.stop(index);
                }

                @Override
                public String spare() throws Exception {
                    return "127.0.0.1:" + real.startSpareNode();
                }
            });
        }
    }

    private static NodeLink link(String address) {
        return JedisLink.connector(ConnectOptions.timeout(5000)).connect(address);
    }

    private static String text(Reply reply) {
        if (reply instanceof Reply.BulkString b) {
            return b.asString();
        }
        if (reply instanceof Reply.Error e) {
            return "-" + e.message();
        }
        return String.valueOf(reply);
    }

    private static String id(String address) {
        try (NodeLink link = link(address)) {
            return text(link.send("CLUSTER", "MYID"));
        }
    }

    private static String send(String address, String... command) {
        try (NodeLink link = link(address)) {
            return text(link.send(command));
        }
    }

    private static final class Recorder {
        private final List<ClusterEvent> events = new ArrayList<>();
        private final List<PollStatus> statuses = new ArrayList<>();

        synchronized void event(ClusterEvent e) {
            events.add(e);
        }

        synchronized void status(PollStatus s) {
            statuses.add(s);
        }

        synchronized List<ClusterEvent> since(int mark) {
            return new ArrayList<>(events.subList(mark, events.size()));
        }

        synchronized int mark() {
            return events.size();
        }

        synchronized boolean anyStatus(Predicate<PollStatus> p) {
            return statuses.stream().anyMatch(p);
        }

        /** Every status whose message changed, with its time, then every event: enough to see what a poll missed. */
        @Override
        public synchronized String toString() {
            StringBuilder out = new StringBuilder("statuses:\n");
            String last = "";
            for (PollStatus s : statuses) {
                if (!s.message().equals(last)) {
                    out.append("  ").append(s.time()).append(" ms: ").append(s.message()).append('\n');
                    last = s.message();
                }
            }
            out.append(statuses.size()).append(" polls; events:\n");
            events.forEach(e -> out.append("  ").append(e).append('\n'));
            return out.toString();
        }
    }

    private static void await(String what, BooleanSupplier condition, Recorder seen) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT_SECONDS + " s waiting for " + what + "\n" + seen);
            }
            Thread.sleep(50);
        }
    }

    private static <T extends ClusterEvent> int first(List<ClusterEvent> events, Class<T> type, Predicate<T> p) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i)) && p.test(type.cast(events.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** Every reachable node says cluster_state:ok and knows the same {@code nodes} nodes, none in handshake. */
    private static boolean settled(ClusterPoller poller, int nodes) {
        ClusterSnapshot s = poller.latest();
        if (s == null || s.views().size() < nodes) {
            return false;
        }
        for (NodeView v : s.views()) {
            if (!Boolean.TRUE.equals(v.clusterOk()) || v.entries().size() != nodes
                    || v.entries().stream().anyMatch(e -> e.flags().contains("handshake") || e.isFailing())) {
                return false;
            }
        }
        return true;
    }

    private static void watch(int nodes, Cluster cluster) throws Exception {
        Recorder seen = new Recorder();
        String entry = cluster.address(0);
        try (ClusterPoller poller = new ClusterPoller(JedisLink.connector(ConnectOptions.timeout(2000)), entry, 100)) {
            poller.addListener(seen::event);
            poller.addStatusListener(seen::status);
            poller.start();
            await("every node to agree", () -> settled(poller, nodes), seen);
            ClusterSnapshot start = poller.latest();
            NodeId first = new NodeId(id(cluster.address(0)));
            assertTrue(start.node(first).isMaster() && start.node(first).slots().get(SLOT),
                    "node 0 is the master of slot " + SLOT);
            NodeId target = start.nodes().stream().filter(n -> n.isMaster() && !n.id().equals(first)).findFirst()
                    .orElseThrow().id();
            String targetAddress = start.node(target).address();

            moveASlotByHand(poller, seen, cluster.address(0), first, targetAddress, target);
            String spareAddress = cluster.spare();
            meetANewNode(poller, seen, cluster.address(0), spareAddress, nodes);
            killTheEntryMaster(poller, seen, cluster, first, target);
        }
    }

    /** (a) IMPORTING on the target, MIGRATING on the source, then SETSLOT NODE on every master. */
    private static void moveASlotByHand(ClusterPoller poller, Recorder seen, String sourceAddress, NodeId source,
                                        String targetAddress, NodeId target) throws InterruptedException {
        int mark = seen.mark();
        String slot = String.valueOf(SLOT);
        assertEquals("OK", send(targetAddress, "CLUSTER", "SETSLOT", slot, "IMPORTING", source.value()));
        // a state must last at least one poll to be seen: wait for it before the next step
        await("IMPORTING seen", () -> first(seen.since(mark), SlotMigrationStateChanged.class,
                m -> m.slot() == SLOT && m.state() == SlotMigrationState.IMPORTING) >= 0, seen);
        assertEquals("OK", send(sourceAddress, "CLUSTER", "SETSLOT", slot, "MIGRATING", target.value()));
        await("MIGRATING seen", () -> first(seen.since(mark), SlotMigrationStateChanged.class,
                m -> m.slot() == SLOT && m.state() == SlotMigrationState.MIGRATING) >= 0, seen);
        // redis-cli's order: the target first, then the source, then every other master
        assertEquals("OK", send(targetAddress, "CLUSTER", "SETSLOT", slot, "NODE", target.value()));
        assertEquals("OK", send(sourceAddress, "CLUSTER", "SETSLOT", slot, "NODE", target.value()));
        for (LiveNode master : poller.latest().nodes()) {
            if (master.isMaster() && !master.id().equals(source) && !master.id().equals(target)) {
                assertEquals("OK", send(master.address(), "CLUSTER", "SETSLOT", slot, "NODE", target.value()));
            }
        }
        await("every node to see the new owner", () -> {
            ClusterSnapshot s = poller.latest();
            return s.views().stream().allMatch(v -> v.entry(target).slots().get(SLOT)
                    && !v.entry(source).slots().get(SLOT));
        }, seen);
        await("both halves closed", () -> seen.since(mark).stream().filter(e -> e instanceof SlotMigrationStateChanged m
                && m.slot() == SLOT && m.state() == SlotMigrationState.STABLE).count() >= 2, seen);
        List<ClusterEvent> events = seen.since(mark);
        int importing = first(events, SlotMigrationStateChanged.class, m -> m.slot() == SLOT
                && m.state() == SlotMigrationState.IMPORTING && m.viewer().equals(target) && m.peer().equals(source));
        int migrating = first(events, SlotMigrationStateChanged.class, m -> m.slot() == SLOT
                && m.state() == SlotMigrationState.MIGRATING && m.viewer().equals(source) && m.peer().equals(target));
        int owner = first(events, SlotsAssigned.class, s -> s.firstSlot() == SLOT && s.lastSlot() == SLOT
                && target.equals(s.owner()));
        int targetOwns = first(events, SlotsAssigned.class, s -> s.firstSlot() == SLOT && target.equals(s.owner())
                && s.viewer().equals(target));
        assertTrue(importing >= 0 && migrating > importing && owner > migrating && targetOwns >= owner,
                "IMPORTING, then MIGRATING, then the owner change:\n" + seen);
        assertTrue(first(events, SlotsAssigned.class, s -> s.firstSlot() == SLOT && s.viewer().equals(source)
                && target.equals(s.owner())) >= 0, "the source sees it gave the slot away\n" + seen);
    }

    /** (c) CLUSTER MEET of a fresh node: every node reports it joining, and the poller polls it. */
    private static void meetANewNode(ClusterPoller poller, Recorder seen, String entry, String spareAddress, int nodes)
            throws InterruptedException {
        int mark = seen.mark();
        NodeId spare = new NodeId(id(spareAddress));
        String[] hostPort = spareAddress.split(":");
        assertEquals("OK", send(entry, "CLUSTER", "MEET", hostPort[0], hostPort[1]));
        await("the new node known by every node and polled", () -> {
            ClusterSnapshot s = poller.latest();
            return s.view(spare) != null && s.views().stream().allMatch(v -> v.entry(spare) != null
                    && !v.entry(spare).flags().contains("handshake"));
        }, seen);
        await("every node to agree again", () -> settled(poller, nodes + 1), seen);
        List<ClusterEvent> events = seen.since(mark);
        long viewersThatLearned = events.stream().filter(e -> e instanceof NodeMembershipChanged m && m.known()
                && m.node().equals(spare)).map(e -> ((NodeMembershipChanged) e).viewer()).distinct().count();
        assertEquals(nodes, viewersThatLearned, "each of the " + nodes + " old nodes reports the new one\n" + seen);
        assertTrue(poller.latest().node(spare).isMaster() && poller.latest().node(spare).slots().isEmpty());
    }

    /** (b) The entry master dies: fail? then fail, the replica promoted and given the slots; polling goes on. */
    private static void killTheEntryMaster(ClusterPoller poller, Recorder seen, Cluster cluster, NodeId dead,
                                           NodeId otherMaster) throws Exception {
        ClusterSnapshot before = poller.latest();
        NodeId replica = before.nodes().stream().filter(n -> dead.equals(n.master())).findFirst().orElseThrow().id();
        java.util.BitSet slots = before.node(dead).slots();
        // a replica that never finished its first sync cannot be elected (its data age fails
        // clusterHandleSlaveFailover's validity check), and a real one syncs after
        // repl-diskless-sync-delay (5 s): wait for its link to be up, as an operator would check
        String replicaAddress = before.node(replica).address();
        await("the replica's link to its master up", () -> send(replicaAddress, "INFO", "replication")
                .contains("master_link_status:up"), seen);
        int mark = seen.mark();
        cluster.crash(0);
        await("the replica promoted and serving the slots in every view", () -> {
            ClusterSnapshot s = poller.latest();
            return s.view(dead) == null && s.views().stream().allMatch(v -> v.entry(replica).isMaster()
                    && v.entry(replica).slots().equals(slots) && Boolean.TRUE.equals(v.clusterOk()));
        }, seen);
        List<ClusterEvent> events = seen.since(mark);
        int pfail = first(events, NodeFlagChanged.class, f -> f.node().equals(dead) && f.flag().equals("fail?") && f.set());
        int failed = first(events, NodeFlagChanged.class, f -> f.node().equals(dead) && f.flag().equals("fail") && f.set());
        int promoted = first(events, RoleChanged.class, r -> r.node().equals(replica) && r.master() == null);
        int given = first(events, SlotsAssigned.class, s -> replica.equals(s.owner()) && slots.get(s.firstSlot()));
        assertTrue(pfail >= 0 && failed > pfail && promoted > failed && given >= promoted,
                "fail? (" + pfail + "), then fail (" + failed + "), then the promotion (" + promoted
                        + "), then the slots (" + given + "):\n" + seen);
        assertTrue(first(events, RoleChanged.class, r -> r.node().equals(replica) && r.master() == null
                && r.viewer().equals(otherMaster)) >= 0, "another master sees the promotion\n" + seen);
        assertTrue(seen.anyStatus(s -> s instanceof PollStatus.Polled p && p.formerEntry() != null
                && p.problems().stream().anyMatch(n -> n.address().equals(cluster.address(0)))),
                "the poller fell back from the dead entry\n" + seen);
        assertTrue(!poller.entry().equals(cluster.address(0)));
    }
}
