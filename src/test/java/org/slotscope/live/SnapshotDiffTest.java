package org.slotscope.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slotscope.live.Topo.A;
import static org.slotscope.live.Topo.ALL;
import static org.slotscope.live.Topo.B;
import static org.slotscope.live.Topo.C;
import static org.slotscope.live.Topo.D;
import static org.slotscope.live.Topo.E;
import static org.slotscope.live.Topo.F;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.ClusterEvent.ClusterStateChanged;
import org.slotscope.engine.event.ClusterEvent.EpochChanged;
import org.slotscope.engine.event.ClusterEvent.NodeFlagChanged;
import org.slotscope.engine.event.ClusterEvent.NodeMembershipChanged;
import org.slotscope.engine.event.ClusterEvent.RoleChanged;
import org.slotscope.engine.event.ClusterEvent.SlotMigrationStateChanged;
import org.slotscope.engine.event.ClusterEvent.SlotsAssigned;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.engine.node.NodeId;

/** SnapshotDiff on snapshots built from CLUSTER NODES / CLUSTER INFO text: no cluster needed. */
class SnapshotDiffTest {
    private static List<ClusterEvent> diff(ClusterSnapshot before, ClusterSnapshot after) {
        return SnapshotDiff.diff(before, after);
    }

    private static List<ClusterEvent> from(NodeId viewer, List<ClusterEvent> events) {
        return events.stream().filter(e -> viewerOf(e).equals(viewer)).toList();
    }

    private static NodeId viewerOf(ClusterEvent e) {
        if (e instanceof NodeMembershipChanged m) {
            return m.viewer();
        } else if (e instanceof NodeFlagChanged f) {
            return f.viewer();
        } else if (e instanceof RoleChanged r) {
            return r.viewer();
        } else if (e instanceof SlotsAssigned s) {
            return s.viewer();
        } else if (e instanceof SlotMigrationStateChanged m) {
            return m.viewer();
        } else if (e instanceof EpochChanged ep) {
            return ep.viewer();
        } else if (e instanceof ClusterStateChanged c) {
            return c.viewer();
        }
        throw new AssertionError("not an event SnapshotDiff makes: " + e);
    }

    @Test
    void theSameClusterTwiceGivesNoEvents() {
        Topo topo = Topo.sixNodes();
        assertEquals(List.of(), diff(topo.snapshot(0, ALL), topo.snapshot(1000, ALL)));
    }

    @Test
    void aFailingMasterIsFlaggedPfailThenFailByEachViewerThatSeesIt() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot healthy = topo.snapshot(0, A, B, C, D, E, F);
        topo.seenBy(B, A, "fail?");
        ClusterSnapshot suspected = topo.snapshot(1000, B, C, D, E, F);
        assertEquals(List.of(new NodeFlagChanged(1000, B, A, "fail?", true)), diff(healthy, suspected));

        topo.seenBy(B, A, "fail").seenBy(C, A, "fail");
        ClusterSnapshot failed = topo.snapshot(2000, B, C, D, E, F);
        assertEquals(List.of(
                new NodeFlagChanged(2000, B, A, "fail?", false), // markNodeAsFailingIfNeeded: PFAIL off, FAIL on
                new NodeFlagChanged(2000, B, A, "fail", true),
                new NodeFlagChanged(2000, C, A, "fail", true)), diff(suspected, failed));

        topo.seenBy(B, A, null).seenBy(C, A, null);
        assertEquals(List.of(new NodeFlagChanged(3000, B, A, "fail", false), new NodeFlagChanged(3000, C, A, "fail", false)),
                diff(failed, topo.snapshot(3000, B, C, D, E, F)));
    }

    @Test
    void aFailoverIsFlagsThenEpochThenRoleThenSlotsThenClusterState() {
        Topo topo = Topo.sixNodes();
        topo.seenBy(B, A, "fail").state(B, "fail");
        ClusterSnapshot down = topo.snapshot(0, B, C, D, E, F);
        // D wins the election: epoch 4, becomes master with A's slots; A, still failing, is its replica
        topo.line(D).role = "master";
        topo.line(D).master = null;
        topo.line(D).configEpoch = 4;
        topo.line(D).slots = "0-5460";
        topo.line(A).slots = "";
        topo.line(A).role = "slave";
        topo.line(A).master = D;
        topo.state(B, "ok").currentEpoch(B, 4).currentEpoch(D, 4);
        ClusterSnapshot after = topo.snapshot(1000, B, C, D, E, F);
        List<ClusterEvent> seenByB = from(B, diff(down, after));
        assertEquals(List.of(
                new EpochChanged(1000, B, 4, 2),
                new RoleChanged(1000, B, A, D),
                new RoleChanged(1000, B, D, null),
                new SlotsAssigned(1000, B, 0, 5460, D),
                new ClusterStateChanged(1000, B, true)), seenByB);
        List<ClusterEvent> seenByD = from(D, diff(down, after));
        assertEquals(List.of(
                new EpochChanged(1000, D, 4, 4),
                new RoleChanged(1000, D, A, D),
                new RoleChanged(1000, D, D, null),
                new SlotsAssigned(1000, D, 0, 5460, D)), seenByD);
    }

    @Test
    void ownerChangesAreReportedInRunsOfConsecutiveSlotsWithTheSameNewOwner() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot before = topo.snapshot(0, A);
        topo.line(A).slots = "100-5460";
        topo.line(B).slots = "0-49 5461-10922";
        topo.line(C).slots = "50-98 10923-16383";
        // slot 99 is nobody's now (DELSLOTS)
        List<ClusterEvent> events = diff(before, topo.snapshot(10, A));
        assertEquals(List.of(
                new SlotsAssigned(10, A, 0, 49, B),
                new SlotsAssigned(10, A, 50, 98, C),
                new SlotsAssigned(10, A, 99, 99, null)), events);
    }

    @Test
    void aSlotMovedByHandOpensAndClosesOnBothSidesInOrder() {
        Topo topo = new Topo().master(A, 7000, 1, "0-5460").master(B, 7001, 2, "5461-10922");
        ClusterSnapshot start = topo.snapshot(0, A, B);
        topo.line(B).open = "[866-<-" + A + "]";
        ClusterSnapshot importing = topo.snapshot(1, A, B);
        assertEquals(List.of(new SlotMigrationStateChanged(1, B, 866, SlotMigrationState.IMPORTING, A)),
                diff(start, importing));
        topo.line(A).open = "[866->-" + B + "]";
        ClusterSnapshot migrating = topo.snapshot(2, A, B);
        assertEquals(List.of(new SlotMigrationStateChanged(2, A, 866, SlotMigrationState.MIGRATING, B)),
                diff(importing, migrating));
        // SETSLOT 866 NODE B on B: B closes its half, takes the slot and bumps its configEpoch
        topo.line(B).open = "";
        topo.line(B).slots = "866 5461-10922";
        topo.line(B).configEpoch = 3;
        ClusterSnapshot targetDone = topo.snapshot(3, A, B);
        List<ClusterEvent> events = diff(migrating, targetDone);
        assertEquals(List.of(
                new EpochChanged(3, B, 3, 3),
                new SlotsAssigned(3, A, 866, 866, B), // A's view lists B's new slot too (gossip, epoch 3 wins)
                new SlotsAssigned(3, B, 866, 866, B),
                new SlotMigrationStateChanged(3, B, 866, SlotMigrationState.STABLE, null)), events);
        topo.line(A).open = "";
        topo.line(A).slots = "0-865 867-5460";
        ClusterSnapshot sourceDone = topo.snapshot(4, A, B);
        // A's view already had slot 866 on B (the lines say so): only its own half closes
        assertEquals(List.of(new SlotMigrationStateChanged(4, A, 866, SlotMigrationState.STABLE, null)),
                diff(targetDone, sourceDone));
    }

    /** The two halves of an open slot from a real Redis 7.0.15 (captured replies), against the same nodes before. */
    @Test
    void openSlotsCapturedFromARealRedisAreRead() throws IOException {
        String source = captured("nodes-migrating-source.resp2");
        String target = captured("nodes-importing-target.resp2");
        NodeId sourceId = new NodeId("0f1b7b0ed857dc01dec46dd8eed668ef8892bacf");
        NodeId targetId = new NodeId("b591aebcdd00dc01c342ba142f893e030e3cf767");
        ClusterSnapshot open = ClusterSnapshot.of(1, List.of(NodeView.parse(source, null), NodeView.parse(target, null)));
        ClusterSnapshot closed = ClusterSnapshot.of(0, List.of(
                NodeView.parse(source.replaceAll(" \\[.*]", ""), null),
                NodeView.parse(target.replaceAll(" \\[.*]", ""), null)));
        assertEquals(List.of(
                new SlotMigrationStateChanged(1, sourceId, 866, SlotMigrationState.MIGRATING, targetId),
                new SlotMigrationStateChanged(1, targetId, 866, SlotMigrationState.IMPORTING, sourceId)),
                diff(closed, open));
        assertEquals(targetId, open.node(sourceId).migrating().get(866));
        assertEquals(sourceId, open.node(targetId).importing().get(866));
    }

    private static String captured(String file) throws IOException {
        try (InputStream in = Objects.requireNonNull(SnapshotDiffTest.class.getResourceAsStream("/redis7/cluster/" + file),
                file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("@") && !l.startsWith("#")).collect(Collectors.joining("\n"));
        }
    }

    @Test
    void aSlotThatLosesOneHalfReportsTheHalfThatRemains() {
        Topo topo = new Topo().master(A, 7000, 1, "0-5460").master(B, 7001, 2, "5461-16383");
        topo.line(A).open = "[7->-" + B + "] [6000-<-" + B + "]";
        ClusterSnapshot before = topo.snapshot(0, A);
        topo.line(A).open = "[6000-<-" + B + "]";
        topo.line(B).configEpoch = 2;
        assertEquals(List.of(new SlotMigrationStateChanged(5, A, 7, SlotMigrationState.STABLE, null)),
                diff(before, topo.snapshot(5, A)));
        // a slot both migrating and importing that keeps only its importing half
        topo.line(A).open = "[9->-" + B + "] [9-<-" + B + "]";
        ClusterSnapshot both = topo.snapshot(6, A);
        topo.line(A).open = "[9-<-" + B + "]";
        assertEquals(List.of(new SlotMigrationStateChanged(7, A, 9, SlotMigrationState.IMPORTING, B)),
                diff(both, topo.snapshot(7, A)));
        // retargeted: MIGRATING to another node
        Topo three = new Topo().master(A, 7000, 1, "0-5460").master(B, 7001, 2, "5461-10922")
                .master(C, 7002, 3, "10923-16383");
        three.line(A).open = "[7->-" + B + "]";
        ClusterSnapshot toB = three.snapshot(0, A);
        three.line(A).open = "[7->-" + C + "]";
        assertEquals(List.of(new SlotMigrationStateChanged(1, A, 7, SlotMigrationState.MIGRATING, C)),
                diff(toB, three.snapshot(1, A)));
    }

    @Test
    void nodesJoiningAndForgottenAreReportedByEachViewerThatSeesTheChange() {
        Topo topo = new Topo().master(A, 7000, 1, "0-8191").master(B, 7001, 2, "8192-16383");
        topo.add(D, 7003).role = "master";
        topo.forgets(A, D).forgets(B, D);
        ClusterSnapshot before = topo.snapshot(0, A, B);
        // D is met by A first; it answers too now, but its own view is a baseline
        Topo after = new Topo().master(A, 7000, 1, "0-8191").master(B, 7001, 2, "8192-16383").replica(D, 7003, A);
        after.forgets(B, D);
        List<ClusterEvent> events = diff(before, after.snapshot(10, A, B, D));
        assertEquals(List.of(new NodeMembershipChanged(10, A, D, true), new RoleChanged(10, A, D, A)), events);

        // B forgets A (CLUSTER FORGET): A's slots are nobody's in B's view, and A is gone from it
        ClusterSnapshot met = after.snapshot(20, A, B, D);
        after.forgets(B, A);
        List<ClusterEvent> forget = diff(met, after.snapshot(30, A, B, D));
        assertEquals(List.of(new SlotsAssigned(30, B, 0, 8191, null), new NodeMembershipChanged(30, B, A, false)),
                forget);
    }

    @Test
    void aViewerThatStopsAnsweringEmitsNothingAndOneSeenFirstIsABaseline() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot all = topo.snapshot(0, ALL);
        topo.line(C).slots = "";
        topo.line(B).slots = "5461-16383";
        topo.line(B).configEpoch = 7;
        // C and B do not answer this time: their views are missing, not empty
        ClusterSnapshot partial = topo.snapshot(1, A, D);
        List<ClusterEvent> events = diff(all, partial);
        assertEquals(List.of(new SlotsAssigned(1, A, 10923, 16383, B), new SlotsAssigned(1, D, 10923, 16383, B)),
                events);
        // they answer again: compared with nothing, so no events from them; A and D saw nothing new
        assertEquals(List.of(), diff(partial, topo.snapshot(2, ALL)));
    }

    @Test
    void epochsAreTheViewersOwnCurrentAndConfigEpoch() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot before = topo.snapshot(0, A, B);
        topo.currentEpoch(A, 9);
        assertEquals(List.of(new EpochChanged(1, A, 9, 1)), diff(before, topo.snapshot(1, A, B)));
        // another node's configEpoch, in A's view, is not A's epoch: only B (whose own it is) reports it
        topo.currentEpoch(A, 3).currentEpoch(B, 5);
        topo.line(B).configEpoch = 5;
        ClusterSnapshot before2 = topo.snapshot(2, A, B);
        topo.currentEpoch(B, 6);
        topo.line(B).configEpoch = 6;
        assertEquals(List.of(new EpochChanged(3, B, 6, 6)), diff(before2, topo.snapshot(3, A, B)));
    }

    @Test
    void anUnreadableClusterInfoIsNotAChangeOfStateOrEpoch() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot before = topo.snapshot(0, A);
        NodeView noInfo = NodeView.parse(topo.clusterNodes(A), null);
        ClusterSnapshot after = ClusterSnapshot.of(1, List.of(noInfo));
        assertEquals(List.of(), diff(before, after));
        assertEquals(List.of(), diff(after, topo.snapshot(2, A)));
    }

    @Test
    void clusterStateTurnsFailAndOkPerViewer() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot ok = topo.snapshot(0, A, B);
        topo.state(B, "fail");
        ClusterSnapshot fail = topo.snapshot(1, A, B);
        assertEquals(List.of(new ClusterStateChanged(1, B, false)), diff(ok, fail));
        topo.state(B, "ok");
        assertEquals(List.of(new ClusterStateChanged(2, B, true)), diff(fail, topo.snapshot(2, A, B)));
    }

    @Test
    void aReplicaMovingToAnotherMasterIsARoleChange() {
        Topo topo = Topo.sixNodes();
        ClusterSnapshot before = topo.snapshot(0, A);
        topo.line(F).master = B; // replica migration: F leaves C for B
        ClusterSnapshot migrated = topo.snapshot(4, A);
        assertEquals(List.of(new RoleChanged(4, A, F, B)), diff(before, migrated));
        topo.line(E).master = null; // master id "-": a replica of a master this view does not know
        ClusterSnapshot orphan = topo.snapshot(6, A);
        assertEquals(List.of(new RoleChanged(6, A, E, null)), diff(migrated, orphan));
        assertEquals(LiveNode.Role.REPLICA, orphan.node(E).role());
        assertEquals(null, orphan.node(E).master());
    }
}
