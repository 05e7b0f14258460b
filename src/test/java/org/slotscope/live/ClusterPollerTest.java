package org.slotscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.NodeId;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.JedisLink;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RealServer;
import org.slotscope.testsupport.ServedSim;

/**
 * The poller against a simulated cluster served over RESP in this JVM (and a real redis-server for a
 * refused login): its own thread, a clean stop, a dead or frozen node or entry reported while the
 * others are still polled. Wall-clock tests: they wait by polling, with generous bounds.
 */
class ClusterPollerTest {
    private static final long WAIT_SECONDS = 60;

    private static void await(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; " + state.get());
            }
            Thread.sleep(20);
        }
    }

    private static final class Recorder {
        final List<ClusterEvent> events = new ArrayList<>();
        final List<PollStatus> statuses = new ArrayList<>();
        final Set<String> threads = new java.util.HashSet<>();

        Recorder(ClusterPoller poller) {
            poller.addListener(e -> {
                synchronized (this) {
                    events.add(e);
                    threads.add(Thread.currentThread().getName());
                }
            });
            poller.addStatusListener(s -> {
                synchronized (this) {
                    statuses.add(s);
                    threads.add(Thread.currentThread().getName());
                }
            });
        }

        synchronized List<ClusterEvent> events() {
            return new ArrayList<>(events);
        }

        synchronized List<PollStatus> statuses() {
            return new ArrayList<>(statuses);
        }

        synchronized boolean anyStatus(java.util.function.Predicate<PollStatus> p) {
            return statuses.stream().anyMatch(p);
        }

        @Override
        public synchronized String toString() {
            List<String> last = statuses.stream().skip(Math.max(0, statuses.size() - 5)).map(PollStatus::message).toList();
            return "last statuses " + last + ", events " + events;
        }
    }

    private static ClusterPoller poller(String entry, int timeoutMillis) {
        return new ClusterPoller(JedisLink.connector(ConnectOptions.timeout(timeoutMillis)), entry, 100);
    }

    private static long pollerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("slotscope-live-poller")).count();
    }

    @Test
    void pollsOnItsOwnThreadAndStopsWithoutLeavingAThreadOrALink() throws Exception {
        long before = pollerThreads();
        try (ServedSim sim = new ServedSim(3, 1, 0, 2000)) {
            ClusterPoller poller = poller(sim.address(0), 5000);
            Recorder seen = new Recorder(poller);
            assertNull(poller.latest());
            assertTrue(poller.status() instanceof PollStatus.Attaching);
            poller.start();
            await("three polls", () -> poller.polls() >= 3, seen::toString);
            ClusterSnapshot snapshot = poller.latest();
            assertEquals(6, snapshot.views().size(), "every node polled");
            assertEquals(6, snapshot.nodes().size());
            assertEquals(3, snapshot.nodes().stream().filter(LiveNode::isMaster).count());
            assertTrue(poller.status() instanceof PollStatus.Polled p && p.problems().isEmpty(), seen.toString());
            assertEquals(before + 1, pollerThreads());
            assertTrue(seen.threads.stream().allMatch(t -> t.startsWith("slotscope-live-poller")), seen.threads.toString());
            assertFalse(seen.threads.contains(Thread.currentThread().getName()));
            assertTrue(poller.openLinks() >= 6, "links stay open between polls");
            assertThrows(IllegalStateException.class, poller::start);

            poller.stop();
            assertTrue(poller.isTerminated());
            assertEquals(0, poller.openLinks(), "every link closed");
            assertEquals(before, pollerThreads(), "no poller thread left");
            assertTrue(poller.status() instanceof PollStatus.Stopped);
            long polls = poller.polls();
            Thread.sleep(400);
            assertEquals(polls, poller.polls(), "no poll after stop");
            poller.stop(); // twice is fine
        }
    }

    @Test
    void aSlotOpenedByHandIsSeenWithItsKeysCountedOnBothSides() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000); ClusterPoller poller = poller(sim.address(0), 5000)) {
            // slot 866 = "hello"; 5 keys with the tag of slot 866
            for (int i = 0; i < 5; i++) {
                assertEquals("OK", ((Reply.BulkString) sim.send(0, "SET", "{hello}" + i, "v")).asString());
            }
            Recorder seen = new Recorder(poller);
            poller.start();
            await("a first snapshot", () -> poller.latest() != null, seen::toString);
            sim.send(1, "CLUSTER", "SETSLOT", "866", "IMPORTING", sim.id(0));
            sim.send(0, "CLUSTER", "SETSLOT", "866", "MIGRATING", sim.id(1));
            NodeId source = new NodeId(sim.id(0));
            NodeId target = new NodeId(sim.id(1));
            await("both halves open and counted", () -> {
                ClusterSnapshot s = poller.latest();
                return s.keysInSlot(866, source) == 5 && s.keysInSlot(866, target) == 0;
            }, seen::toString);
            assertEquals(5, poller.latest().node(source).keys(), "DBSIZE of the source");
        }
    }

    @Test
    void aDeadEntryNodeIsReportedAndPollingGoesOnThroughAnother() throws Exception {
        try (ServedSim sim = new ServedSim(3, 1, 0, 2000); ClusterPoller poller = poller(sim.address(0), 2000)) {
            Recorder seen = new Recorder(poller);
            poller.start();
            await("a first snapshot", () -> poller.latest() != null, seen::toString);
            sim.send(1, "SLOTSCOPE", "CRASH", sim.id(0));
            await("a fallback to another entry", () -> seen.anyStatus(s -> s instanceof PollStatus.Polled p
                    && sim.address(0).equals(p.formerEntry())), seen::toString);
            PollStatus.Polled fallback = (PollStatus.Polled) seen.statuses().stream()
                    .filter(s -> s instanceof PollStatus.Polled p && p.formerEntry() != null).findFirst().orElseThrow();
            assertEquals(NodeProblem.Kind.UNREACHABLE, fallback.problems().get(0).kind());
            assertEquals(sim.address(0), fallback.problems().get(0).address());
            assertTrue(fallback.message().contains("switched from " + sim.address(0)), fallback.message());
            assertFalse(poller.entry().equals(sim.address(0)));
            // and the others go on seeing the cluster: the dead master is flagged failing
            await("the dead master flagged fail", () -> seen.events().stream().anyMatch(e ->
                    e instanceof ClusterEvent.NodeFlagChanged f && f.node().value().equals(sim.id(0))
                            && f.flag().equals("fail") && f.set()), seen::toString);
        }
    }

    @Test
    void aFrozenNodeIsATimeoutAndTheOthersArePolled() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 60_000); ClusterPoller poller = poller(sim.address(0), 300)) {
            Recorder seen = new Recorder(poller);
            poller.start();
            await("a first snapshot", () -> poller.latest() != null, seen::toString);
            sim.send(0, "SLOTSCOPE", "FREEZE", sim.id(2), "4000");
            await("a timeout reported for the frozen node", () -> seen.anyStatus(s -> s instanceof PollStatus.Polled p
                    && p.nodesPolled() == 2 && p.problems().stream().anyMatch(n -> n.kind() == NodeProblem.Kind.TIMEOUT
                    && n.address().equals(sim.address(2)))), seen::toString);
            PollStatus.Polled p = (PollStatus.Polled) seen.statuses().stream().filter(s -> s instanceof PollStatus.Polled q
                    && q.nodesPolled() == 2).findFirst().orElseThrow();
            assertTrue(p.message().contains("no answer") && p.message().contains("within 300 ms"), p.message());
            await("the node polled again once it thaws", () -> poller.latest().views().size() == 3, seen::toString);
        }
    }

    @Test
    void withNothingReachableItSaysSoAndKeepsTrying() throws Exception {
        int port = FreePorts.one();
        try (ClusterPoller poller = poller("127.0.0.1:" + port, 500)) {
            Recorder seen = new Recorder(poller);
            poller.start();
            await("three failed polls", () -> poller.polls() >= 3, seen::toString);
            assertTrue(poller.status() instanceof PollStatus.NoNodeReachable n
                    && n.problems().get(0).kind() == NodeProblem.Kind.UNREACHABLE, poller.status().message());
            assertEquals("no node reachable: cannot connect to 127.0.0.1:" + port + ": connection refused",
                    poller.status().message());
            assertNull(poller.latest());
        }
    }

    @Test
    void aNewNodeIsDiscoveredAndPolledOnceItIsMet() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 1, 2000); ClusterPoller poller = poller(sim.address(0), 5000)) {
            Recorder seen = new Recorder(poller);
            poller.start();
            await("a first snapshot", () -> poller.latest() != null, seen::toString);
            assertEquals(3, poller.latest().views().size());
            sim.send(0, "CLUSTER", "MEET", "127.0.0.1", String.valueOf(sim.basePort + 3));
            NodeId spare = new NodeId(sim.id(3));
            await("the spare joined every view and is polled", () -> poller.latest().views().size() == 4
                    && seen.events().stream().filter(e -> e instanceof ClusterEvent.NodeMembershipChanged m
                    && m.node().equals(spare) && m.known()).count() >= 3, seen::toString);
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopThePolling() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000); ClusterPoller poller = poller(sim.address(0), 5000)) {
            List<ClusterEvent> second = new ArrayList<>();
            poller.addListener(e -> {
                throw new IllegalStateException("a broken view");
            });
            poller.addListener(e -> {
                synchronized (second) {
                    second.add(e);
                }
            });
            Recorder seen = new Recorder(poller);
            poller.start();
            await("a first snapshot", () -> poller.latest() != null, seen::toString);
            sim.send(1, "CLUSTER", "SETSLOT", "1", "IMPORTING", sim.id(0));
            await("the failure reported", () -> seen.anyStatus(s -> s instanceof PollStatus.Failed f
                    && f.message().contains("a broken view")), seen::toString);
            long polls = poller.polls();
            await("more polls", () -> poller.polls() > polls + 2, seen::toString);
            synchronized (second) {
                assertTrue(second.stream().anyMatch(e -> e instanceof ClusterEvent.SlotMigrationStateChanged),
                        second.toString());
            }
        }
    }

    @Test
    void aListenerMayStopThePoller() throws Exception {
        try (ServedSim sim = new ServedSim(3, 0, 0, 2000)) {
            ClusterPoller poller = poller(sim.address(0), 5000);
            poller.addStatusListener(s -> {
                if (s instanceof PollStatus.Polled) {
                    poller.stop();
                }
            });
            poller.start();
            await("the poller to end", poller::isTerminated, () -> poller.status().message());
            assertEquals(0, poller.openLinks());
            assertEquals(1, poller.polls());
        }
    }

    @Test
    void aRefusedLoginIsReportedWithoutThePassword() throws Exception {
        String password = "Cl4ss-R00m-S3cret";
        try (RealServer server = RealServer.start(List.of("--requirepass", password, "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf"));
             ClusterPoller poller = new ClusterPoller(JedisLink.connector(new ConnectOptions(2000, null,
                     "not-the-password".toCharArray(), false)), server.address(), 100);
             ClusterPoller noPassword = poller(server.address(), 2000)) {
            Recorder seen = new Recorder(poller);
            poller.start();
            noPassword.start();
            await("two polls each", () -> poller.polls() >= 2 && noPassword.polls() >= 2, seen::toString);
            PollStatus status = poller.status();
            assertTrue(status instanceof PollStatus.NoNodeReachable n && n.problems().get(0).kind()
                    == NodeProblem.Kind.AUTH, status.message());
            assertEquals("no node reachable: cannot log in to " + server.address()
                    + ": WRONGPASS invalid username-password pair or user is disabled.", status.message());
            assertEquals("no node reachable: cannot log in to " + server.address()
                    + ": the node requires a password (NOAUTH) and none was given", noPassword.status().message());
            assertFalse(status.message().contains("not-the-password"));
            assertFalse(status.toString().contains("not-the-password"));
        }
    }
}
