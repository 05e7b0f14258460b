package org.slotscope.engine.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;

/** Asynchronous replication: PSYNC when histories agree, a full resync when they do not. */
class ReplicationTest {
    private final SimCluster cluster = new SimCluster(17, new NodeConfig().nodeTimeout(15_000), new EventLog());

    /** One master and two replicas that both have its 10 keys; then the master crashes. */
    private List<ClusterNode> tenKeysThenMasterCrashed() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 2);
        for (int i = 0; i < 10; i++) {
            run(nodes.get(0), "SET", "k" + i, "v");
        }
        cluster.runFor(50);
        cluster.stopNode(nodes.get(0), "crash");
        return nodes;
    }

    private Reply run(ClusterNode node, String... words) {
        return cluster.execute(node, cluster.connect(node, "t"), words);
    }

    private static String info(Reply reply) {
        return reply instanceof Reply.VerbatimString v ? v.text() : ((Reply.BulkString) reply).asString();
    }

    @Test
    void aHeldReplicaTakesNoStreamThenLoadsEverythingAtOnce() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClusterNode replica = nodes.get(1);
        cluster.replication().holdStream(replica);
        int pendingBefore = cluster.scheduler().pending();
        for (int i = 0; i < 100; i++) {
            run(master, "SET", "k" + i, "v" + i);
        }
        assertEquals(pendingBefore, cluster.scheduler().pending(), "no delivery queued per write");
        long now = cluster.now();
        cluster.replication().resyncNow(replica);
        assertEquals(now, cluster.now(), "no time passes");
        assertEquals(100, replica.keyspace().size());
        assertEquals(master.state().myself().replOffset(), replica.state().myself().replOffset());
        assertEquals(master.replId(), replica.replId());

        run(master, "SET", "after", "x"); // and the stream goes on from there
        cluster.runFor(10);
        assertEquals(101, replica.keyspace().size());
        assertEquals(master.state().myself().replOffset(), replica.state().myself().replOffset());
        assertThrows(IllegalStateException.class, () -> cluster.replication().resyncNow(replica), "not held");
        assertThrows(IllegalArgumentException.class, () -> cluster.replication().holdStream(master), "a master");
    }

    @Test
    void aRestartedReplicaIsNotInSyncUntilItGetsASnapshot() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClusterNode replica = nodes.get(1);
        for (int i = 0; i < 10; i++) {
            run(master, "SET", "k" + i, "v");
        }
        cluster.runFor(10);
        cluster.stopNode(replica, "crash");
        cluster.restartNode(replica);
        assertEquals(0, replica.keyspace().size(), "no persistence");
        assertTrue(info(run(replica, "INFO", "replication")).contains("master_sync_in_progress:1"));
        cluster.runFor(replica.config().replDisklessSyncDelayMillis() + 10);
        assertEquals(10, replica.keyspace().size());
        assertEquals(master.state().myself().replOffset(), replica.state().myself().replOffset());
    }

    @Test
    void aMasterRestartedWithoutPersistenceEmptiesItsReplicaToo() {
        // the classic trap: the replica follows the empty master with a full resync
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 1);
        ClusterNode master = nodes.get(0);
        ClusterNode replica = nodes.get(1);
        for (int i = 0; i < 10; i++) {
            run(master, "SET", "k" + i, "v");
        }
        cluster.runFor(10);
        cluster.stopNode(master, "crash");
        cluster.runFor(1000);
        cluster.restartNode(master);
        cluster.runFor(3000); // a restarted master refuses writes until its state is ok again
        assertEquals(Reply.OK, run(master, "SET", "after", "1"));
        cluster.runFor(master.config().replDisklessSyncDelayMillis() + 2000);
        assertEquals(1, replica.keyspace().size(), "the replica now mirrors the empty-then-written master");
        assertTrue(cluster.events().recent(ClusterEvent.KeyspaceFlushed.class).stream()
                .anyMatch(e -> e.node().equals(replica.id()) && e.keysRemoved() == 10), "the flush is visible");
    }

    @Test
    void aSiblingAheadOfThePromotedReplicaResyncsFully() {
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 1, 2);
        ClusterNode master = nodes.get(0);
        ClusterNode behind = nodes.get(1);
        ClusterNode ahead = nodes.get(2);
        cluster.network().setLinkLatency(master.id(), behind.id(), 300);
        for (int i = 0; i < 10; i++) {
            run(master, "SET", "k" + i, "v");
        }
        cluster.runFor(50); // "ahead" has the writes, "behind" not yet
        cluster.stopNode(master, "crash");
        cluster.network().heal();
        assertEquals(Reply.OK, run(behind, "CLUSTER", "FAILOVER", "TAKEOVER"));
        cluster.runFor(20_000);
        assertEquals(behind.id(), ahead.state().myself().master().id());
        assertTrue(cluster.events().recent(ClusterEvent.FullResync.class).stream()
                .anyMatch(e -> e.replica().equals(ahead.id())), "histories diverged: a full resync");
        assertEquals(behind.keyspace().size(), ahead.keyspace().size());
        assertEquals(behind.state().myself().replOffset(), ahead.state().myself().replOffset());
    }

    @Test
    void aSiblingBehindThePromotedReplicaContinuesWithPsync() {
        List<ClusterNode> nodes = tenKeysThenMasterCrashed();
        ClusterNode master = nodes.get(0);
        ClusterNode winner = nodes.get(1);
        ClusterNode sibling = nodes.get(2);
        assertEquals(Reply.OK, run(winner, "CLUSTER", "FAILOVER", "TAKEOVER"));
        run(winner, "SET", "new", "1");
        cluster.runFor(20_000);
        assertEquals(winner.id(), sibling.state().myself().master().id());
        assertTrue(cluster.events().recent(ClusterEvent.FullResync.class).stream()
                .noneMatch(e -> e.replica().equals(sibling.id())), "same history: no full resync");
        assertEquals(11, sibling.keyspace().size());
    }

    @Test
    void aReplicaCaughtInAFullSyncFollowsTheNewMasterWithAFullSyncToo() {
        // found by torture seed 5005: the master restarts empty, its replicas start a full sync from
        // it, then a sibling takes over before the snapshot arrives. The replica had already given up
        // its old history (+FULLRESYNC discards the cached master), so it must not PSYNC the sibling.
        List<ClusterNode> nodes = tenKeysThenMasterCrashed();
        ClusterNode master = nodes.get(0);
        ClusterNode winner = nodes.get(1);
        ClusterNode sibling = nodes.get(2);
        cluster.runFor(100);
        cluster.restartNode(master);
        cluster.runFor(1200); // replicationCron sees the new history and asks for a snapshot
        assertEquals(master.id(), sibling.syncingFrom(), "the sibling waits for the restarted master's snapshot");
        assertEquals(Reply.OK, run(winner, "CLUSTER", "FAILOVER", "TAKEOVER"));
        cluster.runFor(100);
        assertEquals(1L, ((Reply.IntegerReply) run(winner, "DEL", "k0")).value());
        assertEquals(Reply.OK, run(winner, "SET", "new", "1"));
        cluster.runFor(20_000);
        assertEquals(winner.id(), sibling.state().myself().master().id());
        assertEquals(null, sibling.syncingFrom());
        assertEquals(winner.keyspace().size(), sibling.keyspace().size());
        assertTrue(!sibling.keyspace().exists(new org.slotscope.engine.keyspace.Key("k0".getBytes())),
                "the key the new master deleted is gone from its replica");
        assertTrue(sibling.keyspace().exists(new org.slotscope.engine.keyspace.Key("new".getBytes())));
    }
}
