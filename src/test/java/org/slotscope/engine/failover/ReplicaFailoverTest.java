package org.slotscope.engine.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;

/**
 * Automatic failover on the virtual clock, after tests/cluster/tests/02-failover.tcl: kill a master,
 * its replica is elected by the other masters, takes its slots with a new configEpoch, and the old
 * master, restarted, comes back as a replica of the new one.
 */
class ReplicaFailoverTest {
    private static final long NODE_TIMEOUT = 2000;
    private SimCluster cluster;
    private List<ClusterNode> nodes;
    private ClusterNode a;
    private ClusterNode c;
    private ClusterNode replicaOfC;

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(3, new NodeConfig().nodeTimeout(NODE_TIMEOUT), new EventLog());
        nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        a = nodes.get(0);
        c = nodes.get(2);
        replicaOfC = nodes.get(5);
        cluster.runFor(3000);
    }

    private Reply run(ClusterNode node, String... words) {
        return cluster.execute(node, cluster.connect(node, "test"), words);
    }

    @Test
    void aFailedMastersReplicaIsElectedAndServesItsSlots() {
        assertEquals(Reply.OK, run(c, "SET", "foo", "bar"));
        cluster.runFor(10); // replicated
        cluster.stopNode(c, "crash");
        cluster.runFor(NODE_TIMEOUT * 5);

        KnownNode promoted = a.state().lookup(replicaOfC.id());
        assertTrue(promoted.isMaster(), "the replica is a master in the others' views");
        assertEquals(promoted, a.state().slotOwner(12182));
        assertTrue(replicaOfC.state().myself().isMaster());
        assertEquals(7, replicaOfC.state().myself().configEpoch(), "configEpoch = the election's epoch");
        for (ClusterNode n : List.of(a, nodes.get(1), replicaOfC)) {
            assertTrue(n.state().isOk(), n + " cluster_state:ok again");
        }
        assertEquals(Reply.bulk("bar"), run(replicaOfC, "GET", "foo"), "replication kept the write");

        List<ClusterEvent.VoteGranted> votes = cluster.events().recent(ClusterEvent.VoteGranted.class);
        assertEquals(2, votes.size(), "both surviving masters voted, once each");
        assertTrue(votes.stream().allMatch(v -> v.candidate().equals(replicaOfC.id()) && v.epoch() == 7));
        List<ClusterEvent.ElectionStarted> elections = cluster.events().recent(ClusterEvent.ElectionStarted.class);
        ClusterEvent.ElectionStarted scheduled = elections.get(0);
        assertFalse(scheduled.requestingVotes());
        assertTrue(scheduled.delayMillis() >= 500 && scheduled.delayMillis() < 1000,
                "500 ms + random(0..500) + rank x 1000: " + scheduled.delayMillis());
        assertEquals(1, cluster.events().recent(ClusterEvent.FailoverCompleted.class).size());
    }

    @Test
    void anAcknowledgedWriteStillOnTheWireIsLostAndReported() {
        assertEquals(Reply.OK, run(c, "SET", "{foo}kept", "1"));
        cluster.runFor(10);
        assertEquals(Reply.OK, run(c, "SET", "{foo}lost", "2")); // acknowledged to the client...
        cluster.stopNode(c, "crash"); // ...and the master dies before the stream reaches its replica
        cluster.runFor(NODE_TIMEOUT * 5);

        assertTrue(replicaOfC.state().myself().isMaster());
        assertEquals(Reply.bulk("1"), run(replicaOfC, "GET", "{foo}kept"));
        assertEquals(Reply.NIL, run(replicaOfC, "GET", "{foo}lost"), "asynchronous replication loses it");
        List<ClusterEvent.WritesLost> losses = cluster.events().recent(ClusterEvent.WritesLost.class);
        assertEquals(1, losses.size());
        ClusterEvent.WritesLost loss = losses.get(0);
        assertEquals(c.id(), loss.oldMaster());
        assertEquals(replicaOfC.id(), loss.newMaster());
        assertEquals(1, loss.commands());
        assertEquals(List.of("SET {foo}lost 2"), loss.sample());
    }

    @Test
    void theOldMasterComesBackAsAReplicaOfTheNewOne() {
        cluster.stopNode(c, "crash");
        cluster.runFor(NODE_TIMEOUT * 5);
        assertEquals(Reply.OK, run(replicaOfC, "SET", "foo", "after"));
        cluster.restartNode(c);
        cluster.runFor(NODE_TIMEOUT * 5);
        KnownNode self = c.state().myself();
        assertTrue(self.isReplica(), "the restarted master found a newer owner of its slots");
        assertEquals(replicaOfC.id(), self.master().id());
        var session = cluster.connect(c, "test");
        assertEquals(Reply.OK, cluster.execute(c, session, "READONLY"));
        assertEquals(Reply.bulk("after"), cluster.execute(c, session, "GET", "foo"),
                "it resynchronised from its new master");
        for (ClusterNode n : nodes) {
            assertTrue(n.state().isOk(), n + " cluster_state:ok");
            assertFalse(n.state().lookup(c.id()).isFailing(), n + " cleared FAIL: a replica that answers again");
        }
    }

    @Test
    void withoutAReplicaTheClusterStaysDown() {
        cluster.stopNode(a, "crash");
        cluster.stopNode(nodes.get(3), "crash"); // a's replica
        cluster.runFor(NODE_TIMEOUT * 10);
        assertFalse(c.state().isOk());
        assertTrue(cluster.events().recent(ClusterEvent.FailoverCompleted.class).isEmpty());
    }

    @Test
    void manualFailoverSwapsMasterAndReplicaWithoutLosingWrites() {
        // tests/cluster/tests/10-manual-failover.tcl: writes before the failover are all there after
        for (int i = 0; i < 100; i++) {
            assertEquals(Reply.OK, run(c, "SET", "{foo}" + i, "v" + i));
        }
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER"));
        cluster.runFor(NODE_TIMEOUT * 3);
        assertTrue(replicaOfC.state().myself().isMaster());
        assertTrue(c.state().myself().isReplica(), "the old master follows the new one");
        assertEquals(replicaOfC.id(), c.state().myself().master().id());
        for (int i = 0; i < 100; i++) {
            assertEquals(Reply.bulk("v" + i), run(replicaOfC, "GET", "{foo}" + i));
        }
        assertTrue(cluster.events().recent(ClusterEvent.BusMessageSent.class).stream()
                .anyMatch(m -> m.type().equals("mfstart")), "the replica asked its master to pause");
        ClusterEvent.FailoverCompleted done = cluster.events().recent(ClusterEvent.FailoverCompleted.class).get(0);
        assertEquals("manual", done.kind());
        for (ClusterNode n : nodes) {
            assertTrue(n.state().isOk());
        }
    }

    @Test
    void takeoverNeedsNoVotes() {
        // tests/cluster/tests/11-manual-takeover.tcl: even with a majority of masters unreachable
        cluster.stopNode(a, "crash");
        cluster.stopNode(nodes.get(1), "crash");
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER", "TAKEOVER"));
        assertTrue(replicaOfC.state().myself().isMaster());
        // its own configEpoch (6, from create) is already the greatest: clusterBumpConfigEpochWithoutConsensus
        // keeps it, and 6 beats the old master's 3
        assertEquals(6, replicaOfC.state().myself().configEpoch());
        assertTrue(cluster.events().recent(ClusterEvent.VoteGranted.class).isEmpty());
        assertEquals("takeover", cluster.events().recent(ClusterEvent.FailoverCompleted.class).get(0).kind());
    }

    @Test
    void forceFailsOverWhileTheMasterIsUnreachable() {
        cluster.network().setPartitionGroup(c.id(), 1);
        cluster.runFor(NODE_TIMEOUT / 2);
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER", "FORCE"));
        cluster.runFor(NODE_TIMEOUT);
        assertTrue(replicaOfC.state().myself().isMaster());
        assertEquals("manual", cluster.events().recent(ClusterEvent.FailoverCompleted.class).get(0).kind());
    }

    @Test
    void clusterFailoverIsRefusedLikeRedis() {
        // captured from Redis 7.0.15
        assertEquals(Reply.err("You should send CLUSTER FAILOVER to a replica"), run(c, "CLUSTER", "FAILOVER"));
        assertEquals(Reply.err("syntax error"), run(replicaOfC, "CLUSTER", "FAILOVER", "bogus"));
        assertEquals(Reply.err("unknown subcommand or wrong number of arguments for 'failover'. Try CLUSTER HELP."),
                run(replicaOfC, "cluster", "failover", "force", "takeover")); // echoes the name as typed
        nodes.get(5).config().replicaNoFailover(true); // so it stays a replica of the failed master
        cluster.stopNode(c, "crash");
        cluster.runFor(NODE_TIMEOUT * 2);
        assertEquals(Reply.err("Master is down or failed, please use CLUSTER FAILOVER FORCE"),
                run(nodes.get(5), "CLUSTER", "FAILOVER"));
    }

    @Test
    void theReplicaWithTheGreatestOffsetRanksFirstAndWins() {
        // tests/cluster/tests/05-slave-selection.tcl: the most up-to-date replica is promoted
        SimCluster sim = new SimCluster(5, new NodeConfig().nodeTimeout(NODE_TIMEOUT), new EventLog());
        List<ClusterNode> all = sim.createReadyCluster("127.0.0.1", 7000, 3, 2);
        ClusterNode master = all.get(0);
        ClusterNode fresh = all.get(3);
        ClusterNode lagging = all.get(4);
        sim.runFor(3000);
        sim.network().setLinkLatency(master.id(), lagging.id(), 400);
        for (int i = 0; i < 50; i++) {
            sim.execute(master, sim.connect(master, "w"), "SET", "{bar}" + i, "v"); // slot 5061: this master
        }
        sim.runFor(50); // the fresh replica has everything, the lagging one nothing yet
        sim.stopNode(master, "crash");
        sim.runFor(NODE_TIMEOUT * 6);

        assertTrue(fresh.state().myself().isMaster(), "the replica with the greater offset won");
        assertTrue(lagging.state().myself().isReplica());
        assertEquals(fresh.id(), lagging.state().myself().master().id(), "the other replica follows the winner");
        List<ClusterEvent.ElectionStarted> scheduled = sim.events().recent(ClusterEvent.ElectionStarted.class)
                .stream().filter(e -> !e.requestingVotes()).toList();
        assertEquals(0, scheduled.stream().filter(e -> e.replica().equals(fresh.id())).findFirst().orElseThrow().rank());
        assertEquals(1, scheduled.stream().filter(e -> e.replica().equals(lagging.id())).findFirst().orElseThrow().rank());
        for (int i = 0; i < 50; i++) {
            assertEquals(Reply.bulk("v"), sim.execute(fresh, sim.connect(fresh, "r"), "GET", "{bar}" + i));
        }
    }

    @Test
    void aCoordinatedManualFailoverWaitsForTheReplicaAndLosesNothing() {
        // the replica lags 50 ms behind its master: a FORCE now would lose the writes in flight
        cluster.network().setLinkLatency(c.id(), replicaOfC.id(), 50);
        for (int i = 0; i < 100; i++) {
            assertEquals(Reply.OK, run(c, "SET", "{foo}" + i, "v" + i));
        }
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER"));
        cluster.runFor(NODE_TIMEOUT * 3);
        assertTrue(replicaOfC.state().myself().isMaster());
        assertTrue(cluster.events().recent(ClusterEvent.WritesLost.class).isEmpty(), "nothing lost");
        for (int i = 0; i < 100; i++) {
            assertEquals(Reply.bulk("v" + i), run(replicaOfC, "GET", "{foo}" + i));
        }
    }

    @Test
    void aForcedFailoverOfALaggingReplicaLosesTheWritesInFlight() {
        cluster.network().setLinkLatency(c.id(), replicaOfC.id(), 500);
        for (int i = 0; i < 100; i++) {
            assertEquals(Reply.OK, run(c, "SET", "{foo}" + i, "v" + i));
        }
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER", "TAKEOVER"));
        List<ClusterEvent.WritesLost> losses = cluster.events().recent(ClusterEvent.WritesLost.class);
        assertEquals(1, losses.size());
        assertEquals(100, losses.get(0).commands());
    }

    @Test
    void theReplicasOfAMasterThatGaveAwayAllItsSlotsFollowTheNewOwner() {
        // tests/cluster/tests/12-replica-migration-2.tcl: masters emptied by resharding lose their replicas
        ClusterNode b = nodes.get(1);
        ClusterNode replicaOfB = nodes.get(4);
        // move every slot of b (5461-10922) to a, as a reshard would, SETSLOT NODE on the masters
        for (int slot = 5461; slot <= 10922; slot++) {
            String s = String.valueOf(slot);
            assertEquals(Reply.OK, run(a, "CLUSTER", "SETSLOT", s, "IMPORTING", b.id().value()));
            assertEquals(Reply.OK, run(b, "CLUSTER", "SETSLOT", s, "MIGRATING", a.id().value()));
            assertEquals(Reply.OK, run(a, "CLUSTER", "SETSLOT", s, "NODE", a.id().value()));
            assertEquals(Reply.OK, run(b, "CLUSTER", "SETSLOT", s, "NODE", a.id().value()));
            assertEquals(Reply.OK, run(c, "CLUSTER", "SETSLOT", s, "NODE", a.id().value()));
        }
        cluster.runFor(NODE_TIMEOUT * 5);
        assertTrue(b.state().myself().isReplica(), "the emptied master turned replica");
        assertEquals(a.id(), b.state().myself().master().id());
        assertTrue(replicaOfB.state().myself().isReplica());
        assertEquals(a.id(), replicaOfB.state().myself().master().id(), "its replica followed the slots");
    }

    @Test
    void aHalfMigratedSlotSurvivesTheFailoverOfItsSource() {
        // tests/cluster/tests/20-half-migrated-slot.tcl: a failover in the middle of a slot move keeps
        // every key, and leaves the open slot for redis-cli --cluster fix to close
        for (int i = 0; i < 20; i++) {
            assertEquals(Reply.OK, run(c, "SET", "{foo}" + i, "v" + i));
        }
        assertEquals(Reply.OK, run(a, "CLUSTER", "SETSLOT", "12182", "IMPORTING", c.id().value()));
        assertEquals(Reply.OK, run(c, "CLUSTER", "SETSLOT", "12182", "MIGRATING", a.id().value()));
        for (int i = 0; i < 10; i++) {
            assertEquals(Reply.OK, run(c, "MIGRATE", "127.0.0.1", "7000", "{foo}" + i, "0", "1000"));
        }
        cluster.runFor(10); // the DELs reach the replica
        cluster.stopNode(c, "crash");
        cluster.runFor(NODE_TIMEOUT * 5);

        assertTrue(replicaOfC.state().myself().isMaster());
        assertEquals(replicaOfC.state().myself(), replicaOfC.state().slotOwner(12182));
        assertEquals(null, replicaOfC.state().migratingSlotsTo(12182), "a replica never had the MIGRATING state");
        assertEquals(10, replicaOfC.keyspace().countInSlot(12182), "the keys not moved yet");
        assertEquals(10, a.keyspace().countInSlot(12182), "the moved keys, still behind IMPORTING");
        assertTrue(a.state().importingSlotsFrom(12182) != null, "an open slot that check reports and fix closes");
        assertTrue(cluster.events().recent(ClusterEvent.WritesLost.class).isEmpty());
    }

    @Test
    void aReplicaThatMustNotFailOverSaysSoInItsFlags() {
        // cluster-replica-no-failover yes: "slave,nofailover" in everyone's CLUSTER NODES
        replicaOfC.config().replicaNoFailover(true);
        cluster.runFor(NODE_TIMEOUT * 2);
        String nodesSeenByA = ((Reply.VerbatimString) run(a, "CLUSTER", "NODES")).text();
        assertTrue(nodesSeenByA.contains(replicaOfC.id().value() + " 127.0.0.1:7005@17005 slave,nofailover "),
                nodesSeenByA);
        cluster.stopNode(c, "crash");
        cluster.runFor(NODE_TIMEOUT * 5);
        assertTrue(replicaOfC.state().myself().isReplica(), "it did not run for election");
        assertFalse(a.state().isOk(), "nobody took the failed master's slots");
    }

    @Test
    void writesDuringACoordinatedFailoverWaitAndAreRedirected() {
        cluster.network().setLinkLatency(c.id(), replicaOfC.id(), 50);
        assertEquals(Reply.OK, run(replicaOfC, "CLUSTER", "FAILOVER"));
        cluster.runFor(60); // MFSTART has reached the master: it is paused now
        Reply held = run(c, "SET", "{foo}during", "x");
        assertTrue(held instanceof Reply.Blocked, "the paused master holds the write");
        Reply after = cluster.resolve(held);
        assertEquals(Reply.error("MOVED 12182 127.0.0.1:7005"), after, "released after the switch: go to the new master");
        assertTrue(replicaOfC.state().myself().isMaster());
        assertTrue(cluster.events().recent(ClusterEvent.WritesLost.class).isEmpty());
    }
}
