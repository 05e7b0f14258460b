package org.slotscope.engine.command.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;

/**
 * CLUSTER SETSLOT transitions as clusterCommandSetSlot does them in Redis 7.0, replaying the real
 * session in setslot-transitions.txt: CLUSTER NODES after each step is compared with what the real
 * node printed (ids, ping and pong normalised, lines sorted: see {@link Resp#normaliseNodesLines}).
 */
class SetSlotTransitionsTest {
    private final RealTopology t = new RealTopology();

    /** The k-th (0-based) "[port] cluster nodes" block of the transcript, ids normalised. */
    private static String transcriptNodes(int port, int k) {
        String[] lines = Resp.fixture("setslot-transitions.txt").split("\n");
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("[" + port + "] cluster nodes")) {
                if (seen++ == k) {
                    StringBuilder block = new StringBuilder();
                    for (int j = i + 1; j < lines.length && !lines[j].startsWith("[") && !lines[j].startsWith("#"); j++) {
                        block.append(lines[j]).append('\n');
                    }
                    return Resp.normaliseNodesLines(Resp.replaceAll(block.toString(), RealTopology.realIdLabels()));
                }
            }
        }
        throw new IllegalArgumentException("no block " + k + " for " + port);
    }

    private String simulatedNodes(ClusterNode node) {
        Reply reply = t.run(node, "CLUSTER", "NODES");
        return Resp.normaliseNodesLines(Resp.replaceAll(((Reply.VerbatimString) reply).text(), t.idLabels(false)));
    }

    private void moveKey(ClusterNode from, ClusterNode to, String key) {
        Key k = Key.of(key);
        to.keyspace().set(k, from.keyspace().get(k));
        from.keyspace().delete(k); // what MIGRATE does; MIGRATE itself is another command family
    }

    /** Emulates gossip having settled: every node knows every node, with its own slots and epochs. */
    private void gossipSettles() {
        t.cluster.meetAll(new ArrayList<>(t.cluster.nodes()));
        long maxEpoch = 0;
        for (ClusterNode n : t.cluster.nodes()) {
            maxEpoch = Math.max(maxEpoch, n.state().currentEpoch());
        }
        for (ClusterNode viewer : t.cluster.nodes()) {
            ClusterState view = viewer.state();
            for (ClusterNode other : t.cluster.nodes()) {
                KnownNode self = other.state().myself();
                KnownNode known = view.lookup(other.id());
                known.setConfigEpoch(self.configEpoch());
                view.setRole(known, self.master() == null ? null : view.lookup(self.master().id()));
                for (int[] r : ClusterNodesFormat.slotRanges(self.slots())) {
                    view.assignSlots(r[0], r[1], known);
                }
            }
            view.setCurrentEpoch(maxEpoch);
        }
    }

    private List<ClusterEvent> eventsSince(int mark) {
        List<ClusterEvent> all = new ArrayList<>(t.cluster.events().recent());
        return all.subList(mark, all.size());
    }

    @Test
    void importingNodeTakingTheSlotClearsImportingAndBumpsConfigEpoch() {
        ClusterNode source = t.masters.get(0);
        ClusterNode target = t.masters.get(1);
        moveKey(source, target, "hello");
        int mark = t.cluster.events().recent().size();

        RealTopology.ok(t.run(target, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1)));

        assertEquals(transcriptNodes(17201, 0), simulatedNodes(target));
        assertNull(target.state().importingSlotsFrom(866));
        assertEquals(4, target.state().currentEpoch());
        assertEquals(4, target.state().myself().configEpoch());
        assertTrue(eventsSince(mark).contains(new ClusterEvent.EpochChanged(t.cluster.now(), target.id(), 4, 4)),
                eventsSince(mark).toString());
    }

    @Test
    void sourceGivingTheSlotAwayClearsMigratingWithoutEpochBump() {
        ClusterNode source = t.masters.get(0);
        ClusterNode target = t.masters.get(1);
        moveKey(source, target, "hello");
        RealTopology.ok(t.run(target, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1)));
        source.state().lookup(target.id()).setConfigEpoch(4); // learned from the target's PONG broadcast

        RealTopology.ok(t.run(source, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1)));

        assertEquals(transcriptNodes(17200, 0), simulatedNodes(source));
        assertNull(source.state().migratingSlotsTo(866));
        assertEquals(1, source.state().myself().configEpoch());
        assertSame(source.state().lookup(target.id()), source.state().slotOwner(866));
    }

    @Test
    void sourceStillHoldingKeysRefusesAndStaysMigrating() {
        ClusterNode source = t.masters.get(0);
        Reply reply = t.run(source, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1));
        assertEquals("ERR Can't assign hashslot 866 to a different node while I still hold keys for this hash slot.",
                ((Reply.Error) reply).message());
        assertSame(source.state().lookup(t.masters.get(1).id()), source.state().migratingSlotsTo(866));
        assertSame(source.state().myself(), source.state().slotOwner(866));
    }

    @Test
    void masterLeftWithoutSlotsBecomesReplicaOfNewOwner() {
        ClusterNode a = t.masters.get(0);
        ClusterNode b = t.masters.get(1);
        moveKey(a, b, "hello");
        RealTopology.ok(t.run(b, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1)));
        RealTopology.ok(t.run(a, "CLUSTER", "SETSLOT", "866", "NODE", t.id(1)));
        ClusterNode d = t.cluster.startNode(RealTopology.HOST, 17203);
        RealTopology.ok(t.run(a, "CLUSTER", "MEET", "127.0.0.1", "17203"));
        gossipSettles();

        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "IMPORTING", t.id(0)));
        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "NODE", d.id().value()));
        assertEquals(5, d.state().currentEpoch());
        assertEquals(5, d.state().myself().configEpoch());
        RealTopology.ok(t.run(a, "CLUSTER", "SETSLOT", "0", "NODE", d.id().value()));
        assertEquals(transcriptNodes(17203, 0), simulatedNodes(d));

        // the master about to replicate holds data in its keyspace: the full resync replaces it
        RealTopology.put(a, "kept-with-ttl", "v");
        a.keyspace().setExpireAt(Key.of("kept-with-ttl"), t.cluster.now() + 30_000);
        RealTopology.put(d, "{x}stale", "gone");
        RealTopology.ok(t.run(a, "CLUSTER", "SETSLOT", "0", "IMPORTING", d.id().value()));
        int mark = t.cluster.events().recent().size();

        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "NODE", t.id(0)));
        long roleChangedAt = t.cluster.now();

        assertEquals(transcriptNodes(17203, 1), simulatedNodes(d));
        assertTrue(d.state().myself().isReplica());
        assertEquals(5, d.state().myself().configEpoch(), "a replica keeps its own epoch, prints its master's");
        String info = ((Reply.VerbatimString) t.run(d, "CLUSTER", "INFO")).text();
        assertTrue(info.contains("cluster_known_nodes:4\r\ncluster_size:3\r\ncluster_current_epoch:5\r\n"
                + "cluster_my_epoch:1\r\n"), info);
        // the data follows with the full resync, after repl-diskless-sync-delay
        t.cluster.runFor(d.config().replDisklessSyncDelayMillis() + 1);
        assertNull(d.keyspace().get(Key.of("{x}stale")));
        assertEquals(a.keyspace().expireAt(Key.of("kept-with-ttl")), d.keyspace().expireAt(Key.of("kept-with-ttl")));
        assertTrue(eventsSince(mark).contains(new ClusterEvent.RoleChanged(roleChangedAt, d.id(), d.id(), a.id())),
                eventsSince(mark).toString());
    }

    @Test
    void masterLeftWithoutSlotsStaysMasterWhenReplicaMigrationIsOff() {
        ClusterNode a = t.masters.get(0);
        ClusterNode d = t.cluster.startNode(RealTopology.HOST, 17203);
        d.config().allowReplicaMigration(false);
        gossipSettles();
        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "IMPORTING", t.id(0)));
        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "NODE", d.id().value()));
        RealTopology.ok(t.run(d, "CLUSTER", "SETSLOT", "0", "NODE", t.id(0)));
        assertTrue(d.state().myself().isMaster());
        assertEquals(0, d.state().myself().slotCount());
        assertSame(d.state().lookup(a.id()), d.state().slotOwner(0));
    }

    @Test
    void configEpochIsNotBumpedWhenAlreadyTheGreatest() {
        ClusterNode c = t.masters.get(2); // configEpoch 3 = currentEpoch 3: already the greatest
        ClusterNode a = t.masters.get(0);
        RealTopology.ok(t.run(c, "CLUSTER", "SETSLOT", "1", "IMPORTING", t.id(0)));
        a.keyspace().flushAll();
        RealTopology.ok(t.run(c, "CLUSTER", "SETSLOT", "1", "NODE", t.id(2)));
        assertEquals(3, c.state().myself().configEpoch());
        assertEquals(3, c.state().currentEpoch());
        assertNull(c.state().importingSlotsFrom(1));
    }

    @Test
    void stableClearsMigratingOnSourceAndImportingOnTarget() {
        ClusterNode a = t.masters.get(0);
        ClusterNode b = t.masters.get(1);
        RealTopology.ok(t.run(a, "CLUSTER", "SETSLOT", "866", "stable"));
        RealTopology.ok(t.run(b, "CLUSTER", "SETSLOT", "866", "STABLE"));
        assertNull(a.state().migratingSlotsTo(866));
        assertNull(b.state().importingSlotsFrom(866));
        assertFalse(((Reply.VerbatimString) t.run(a, "CLUSTER", "NODES")).text().contains("["));
        assertFalse(((Reply.VerbatimString) t.run(b, "CLUSTER", "NODES")).text().contains("["));
        assertSame(a.state().myself(), a.state().slotOwner(866), "STABLE never moves ownership");
    }

    @Test
    void addSlotsOfAnImportingSlotClearsImporting() {
        ClusterNode b = t.masters.get(1);
        RealTopology.ok(t.run(b, "CLUSTER", "SETSLOT", "900", "IMPORTING", t.id(0)));
        RealTopology.ok(t.run(b, "CLUSTER", "DELSLOTS", "900"));
        RealTopology.ok(t.run(b, "CLUSTER", "ADDSLOTS", "900"));
        String myself = ((Reply.VerbatimString) t.run(b, "CLUSTER", "NODES")).text().lines()
                .filter(l -> l.contains("myself")).findFirst().orElseThrow();
        // as on the real node, minus slot 866, which the real 17201 had already taken over by then
        assertTrue(myself.endsWith(" 900 5461-10922 [866-<-" + t.id(0) + "]"), myself);
        assertNull(b.state().importingSlotsFrom(900));
    }

    @Test
    void bumpEpochReportsBumpedThenStill() {
        ClusterNode a = t.masters.get(0);
        assertEquals(Reply.simple("BUMPED 4"), t.run(a, "CLUSTER", "BUMPEPOCH"));
        assertEquals(Reply.simple("STILL 4"), t.run(a, "CLUSTER", "BUMPEPOCH"));
        assertEquals(4, a.state().currentEpoch());
    }
}
