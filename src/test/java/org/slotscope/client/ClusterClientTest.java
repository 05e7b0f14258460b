package org.slotscope.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.NodeLink;
import org.slotscope.link.SimActors;

/**
 * Every branch of the client's retry loop on the simulator, driven on the virtual clock: routing by
 * the slot cache, MOVED (cache patched, then refreshed), ASK (ASKING once, cache untouched),
 * TRYAGAIN (back-off, then success once the move ends), CLUSTERDOWN and a dead master (another
 * node, then the promoted replica), READONLY reads on a replica, bounded attempts and the deadline.
 */
class ClusterClientTest {
    private static final String FOO = "foo"; // slot 12182, the third master's (10923-16383)
    private static final int FOO_SLOT = 12182;

    private SimCluster cluster;
    private SimActors actors;
    private List<ClusterNode> nodes;
    private final List<ClientEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        cluster = new SimCluster(7, new NodeConfig().nodeTimeout(1000), new EventLog());
        nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        actors = new SimActors(cluster);
        cluster.runFor(200);
    }

    @AfterEach
    void stop() {
        actors.close();
    }

    private ClusterClient client(ClusterClient.Options options) {
        return new ClusterClient("c1", actors.connector(), List.of("127.0.0.1:7000"), actors.clock(), options,
                events::add);
    }

    private NodeLink link(int index) {
        return actors.connector().connect(nodes.get(index).address());
    }

    private <T extends ClientEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String id(ClusterNode node) {
        return node.id().value();
    }

    @Test
    void smartClientGoesStraightToTheOwner() {
        assertEquals(FOO_SLOT, HashSlot.of(FOO));
        ClusterClient client = client(ClusterClient.Options.DEFAULTS);
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("SET", FOO, "bar"));
        assertTrue(outcome.acknowledged());
        assertEquals(1, outcome.hops());
        assertEquals("127.0.0.1:7002", outcome.node());
        assertTrue(events(ClientEvent.Moved.class).isEmpty(), events.toString());
        assertEquals(1, events(ClientEvent.SlotsRefreshed.class).size());
        assertEquals("bar", text(client.execute("GET", FOO)));
    }

    @Test
    void dumbClientIsMovedAndDoesNotLearn() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.dumb().withSeed(3));
        int moved = 0;
        for (int i = 0; i < 30; i++) {
            ClusterClient.Outcome outcome = client.call(NodeLink.argv("SET", "k" + i, "v"));
            assertTrue(outcome.acknowledged(), outcome.toString());
            moved += outcome.hops() - 1;
        }
        assertEquals(moved, events(ClientEvent.Moved.class).size());
        assertTrue(moved >= 10, "a random first node is usually the wrong one: " + moved + " MOVED in 30");
        assertTrue(events(ClientEvent.SlotsRefreshed.class).isEmpty(), "a dumb client never loads the slots");
        assertNull(client.cachedMaster(FOO_SLOT));
    }

    @Test
    void movedPatchesTheCacheThenRefreshes() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS);
        client.execute("SET", FOO, "bar");
        // the slot (empty of other keys) moves to the first master behind the client's back
        NodeLink target = link(0);
        NodeLink source = link(2);
        assertEquals("OK", text(target.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "IMPORTING", id(nodes.get(2)))));
        assertEquals("OK", text(source.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "MIGRATING", id(nodes.get(0)))));
        assertEquals("OK", text(source.send("MIGRATE", "127.0.0.1", "7000", FOO, "0", "1000")));
        for (int i = 0; i < 3; i++) {
            assertEquals("OK", text(link(i).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "NODE", id(nodes.get(0)))));
        }
        events.clear();
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("GET", FOO));
        assertEquals("bar", text(outcome.reply()));
        assertEquals(2, outcome.hops());
        ClientEvent.Moved moved = events(ClientEvent.Moved.class).get(0);
        assertEquals("127.0.0.1:7002", moved.node());
        assertEquals("127.0.0.1:7000", moved.target());
        assertEquals("127.0.0.1:7000", client.cachedMaster(FOO_SLOT), "MOVED patched the cache");
        events.clear();
        assertEquals(1, client.call(NodeLink.argv("GET", FOO)).hops());
        assertEquals(1, events(ClientEvent.SlotsRefreshed.class).size(), "the MOVED asked for a refresh");
    }

    @Test
    void askSendsAskingOnceAndLeavesTheCacheAlone() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS);
        client.execute("SET", FOO, "bar");
        NodeLink target = link(0);
        NodeLink source = link(2);
        target.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "IMPORTING", id(nodes.get(2)));
        source.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "MIGRATING", id(nodes.get(0)));
        source.send("MIGRATE", "127.0.0.1", "7000", FOO, "0", "1000");
        events.clear();
        for (int i = 0; i < 2; i++) {
            ClusterClient.Outcome outcome = client.call(NodeLink.argv("GET", FOO));
            assertEquals("bar", text(outcome.reply()));
            assertEquals(2, outcome.hops());
        }
        List<ClientEvent.Ask> asks = events(ClientEvent.Ask.class);
        assertEquals(2, asks.size(), "the cache still says 7002, so each GET is asked over");
        assertEquals("127.0.0.1:7000", asks.get(0).target());
        List<ClientEvent.Request> requests = events(ClientEvent.Request.class);
        assertEquals(List.of(false, true, false, true), requests.stream().map(ClientEvent.Request::asking).toList());
        assertEquals("127.0.0.1:7002", client.cachedMaster(FOO_SLOT));
        assertTrue(events(ClientEvent.SlotsRefreshed.class).isEmpty());
    }

    @Test
    void tryAgainBacksOffUntilTheMoveEnds() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS);
        client.execute("MSET", "{foo}a", "1", "{foo}b", "2");
        NodeLink target = link(0);
        NodeLink source = link(2);
        target.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "IMPORTING", id(nodes.get(2)));
        source.send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "MIGRATING", id(nodes.get(0)));
        source.send("MIGRATE", "127.0.0.1", "7000", "{foo}a", "0", "1000");
        // an operator finishes the move 50 ms from now, while the client backs off
        actors.spawn("operator", () -> {
            actors.clock().sleep(50);
            NodeLink src = link(2);
            src.send("MIGRATE", "127.0.0.1", "7000", "{foo}b", "0", "1000");
            for (int i = 0; i < 3; i++) {
                link(i).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "NODE", id(nodes.get(0)));
            }
        });
        events.clear();
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("MGET", "{foo}a", "{foo}b"));
        assertTrue(outcome.acknowledged(), outcome.toString());
        assertEquals("[BulkString[1], BulkString[2]]", ((Reply.ArrayReply) outcome.reply()).elements().toString());
        List<ClientEvent.TryAgain> tries = events(ClientEvent.TryAgain.class);
        assertFalse(tries.isEmpty(), events.toString());
        assertEquals(20, tries.get(0).backoffMillis());
        assertTrue(actors.failures().isEmpty(), actors.failures().toString());
    }

    @Test
    void tryAgainGivesUpAfterMaxAttempts() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.withMaxAttempts(3));
        client.execute("MSET", "{foo}a", "1", "{foo}b", "2");
        link(0).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "IMPORTING", id(nodes.get(2)));
        link(2).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "MIGRATING", id(nodes.get(0)));
        link(2).send("MIGRATE", "127.0.0.1", "7000", "{foo}a", "0", "1000");
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("MGET", "{foo}a", "{foo}b"));
        assertEquals(ClusterClient.GiveUp.MAX_ATTEMPTS, outcome.giveUp());
        assertFalse(outcome.acknowledged());
        assertTrue(text(outcome.reply()).startsWith("TRYAGAIN"), text(outcome.reply()));
    }

    @Test
    void deadlineStopsRetries() {
        ClusterClient client = client(new ClusterClient.Options(true, false, 100, 100, 30, 1));
        client.execute("MSET", "{foo}a", "1", "{foo}b", "2");
        link(0).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "IMPORTING", id(nodes.get(2)));
        link(2).send("CLUSTER", "SETSLOT", "" + FOO_SLOT, "MIGRATING", id(nodes.get(0)));
        link(2).send("MIGRATE", "127.0.0.1", "7000", "{foo}a", "0", "1000");
        long start = cluster.now();
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("MGET", "{foo}a", "{foo}b"));
        assertEquals(ClusterClient.GiveUp.DEADLINE, outcome.giveUp());
        assertTrue(outcome.hops() < 10, "stopped by time, not attempts: " + outcome.hops());
        assertTrue(cluster.now() - start >= 100);
    }

    @Test
    void clusterDownTriesOtherNodesThenGivesUp() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.withMaxAttempts(4));
        client.refreshSlots();
        for (int i = 0; i < 6; i++) {
            link(i).send("CLUSTER", "DELSLOTS", "" + FOO_SLOT);
        }
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("GET", FOO));
        assertEquals(ClusterClient.GiveUp.MAX_ATTEMPTS, outcome.giveUp());
        assertEquals(ClientEvent.ErrorKind.CLUSTERDOWN, outcome.lastError());
        List<ClientEvent.Failed> downs = events(ClientEvent.Failed.class);
        assertEquals(4, downs.size());
        assertTrue(downs.stream().map(ClientEvent.Failed::node).distinct().count() >= 2,
                "each CLUSTERDOWN sends the next attempt elsewhere: " + downs);
    }

    @Test
    void deadMasterIsRetriedUntilItsReplicaTakesOver() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.withMaxAttempts(20).withDeadline(20_000));
        client.execute("SET", FOO, "bar");
        cluster.runFor(100); // the write reaches the replica
        cluster.stopNode(nodes.get(2), "test");
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("GET", FOO));
        assertTrue(outcome.acknowledged(), outcome + " " + events);
        assertEquals("bar", text(outcome.reply()));
        assertEquals(nodes.get(5).address(), outcome.node(), "the promoted replica answers");
        assertTrue(events(ClientEvent.Failed.class).stream()
                .anyMatch(f -> f.kind() == ClientEvent.ErrorKind.UNREACHABLE && f.node().equals("127.0.0.1:7002")));
        assertTrue(cluster.now() > 1000, "it took a failover (node timeout 1 s)");
    }

    @Test
    void readsGoToAReplicaAfterReadonly() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.readingFromReplicas());
        client.execute("SET", FOO, "bar");
        cluster.runFor(100);
        ClusterClient.Outcome read = client.call(NodeLink.argv("GET", FOO));
        assertEquals("bar", text(read.reply()));
        assertEquals(nodes.get(5).address(), read.node());
        assertEquals(1, read.hops(), "READONLY: the replica serves the read instead of redirecting");
        ClusterClient.Outcome write = client.call(NodeLink.argv("SET", FOO, "baz"));
        assertEquals("127.0.0.1:7002", write.node(), "writes still go to the master");
    }

    @Test
    void aTimeoutLeavesTheOutcomeUnknownAndTheWriteMayStillHappen() {
        // links that give up after 300 ms; the node sleeps 900 ms (less than node_timeout: no failover)
        ClusterClient client = new ClusterClient("c1", actors.connector(300), List.of("127.0.0.1:7000"),
                actors.clock(), ClusterClient.Options.DEFAULTS.withMaxAttempts(2).withDeadline(200), events::add);
        client.execute("SET", FOO, "old");
        cluster.freeze(nodes.get(2), 900);
        ClusterClient.Outcome outcome = client.call(NodeLink.argv("SET", FOO, "new"));
        assertFalse(outcome.acknowledged());
        assertTrue(outcome.maybeApplied(), outcome.toString());
        assertEquals(ClusterClient.GiveUp.DEADLINE, outcome.giveUp());
        assertEquals(ClientEvent.ErrorKind.TIMEOUT, events(ClientEvent.Failed.class).get(0).kind());
        cluster.runFor(1000);
        assertEquals("new", text(client.execute("GET", FOO)), "the frozen node ran it when it woke up");
    }

    @Test
    void hopTimesAreVirtual() {
        ClusterClient client = client(ClusterClient.Options.DEFAULTS.dumb().withSeed(5));
        long before = cluster.now();
        client.execute("SET", FOO, "bar");
        List<ClientEvent.Request> requests = events(ClientEvent.Request.class);
        assertTrue(requests.get(0).time() >= before);
        for (int i = 1; i < requests.size(); i++) {
            assertTrue(requests.get(i).time() > requests.get(i - 1).time(), "each hop costs a round trip");
        }
    }
}
