package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.node.NodeId;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.NodeSnapshot.Role;

class EventTextTest {
    private static final NodeId A = new NodeId("a".repeat(40));
    private static final NodeId B = new NodeId("b".repeat(40));
    private static final NodeId C = new NodeId("c".repeat(40));
    private static final ClusterSnapshot NAMES = new ClusterSnapshot(0, new int[16384], List.of(
            new NodeSnapshot(A.value(), "127.0.0.1:7000", Role.MASTER, null, 16384, 0, 1, 3, true),
            new NodeSnapshot(B.value(), "127.0.0.1:7003", Role.REPLICA, A.value(), 0, 0, 2, 3, true),
            new NodeSnapshot(C.value(), "127.0.0.1:7001", Role.MASTER, null, 0, 0, 3, 3, true)), true);
    private static final ResourceBundle ENGLISH = Messages.bundle(Messages.ENGLISH);
    private static final ResourceBundle CHINESE = Messages.bundle(Messages.SIMPLIFIED_CHINESE);

    private static String english(ClusterEvent event) {
        return EventText.describe(event, NAMES, ENGLISH);
    }

    @Test
    void englishLinesKeepRedisWordsAndPlainNumbers() {
        assertEquals("   1.250 s  :7001 slots 0-99 -> :7000",
                english(new ClusterEvent.SlotsAssigned(1250, C, 0, 99, A)));
        assertEquals("   0.000 s  :7001 slots 7 -> none", english(new ClusterEvent.SlotsAssigned(0, C, 7, 7, null)));
        assertEquals("  12.000 s  :7000 stopped (crash)", english(new ClusterEvent.NodeStopped(12_000, A, "crash")));
        assertEquals("   0.000 s  :17000 started", english(new ClusterEvent.NodeStarted(0, A, "127.0.0.1", 17000)));
        assertEquals("   0.000 s  :7001 flags :7000 fail?", english(new ClusterEvent.NodeFlagChanged(0, C, A, "fail?", true)));
        assertEquals("   0.000 s  :7001 clears :7000 fail", english(new ClusterEvent.NodeFlagChanged(0, C, A, "fail", false)));
        assertEquals("   0.000 s  :7003 asks for votes, epoch 1234",
                english(new ClusterEvent.ElectionStarted(0, B, A, 1234, 0, 0, true)));
        assertEquals("   0.000 s  :7003 schedules an election in 1500 ms (rank 1)",
                english(new ClusterEvent.ElectionStarted(0, B, A, 7, 1, 1500, false)));
        assertEquals("   0.000 s  :7001 votes for :7003, epoch 7", english(new ClusterEvent.VoteGranted(0, C, B, 7)));
        assertEquals("   0.000 s  :7003 replaces :7000 (automatic), configEpoch 7",
                english(new ClusterEvent.FailoverCompleted(0, B, A, 7, "automatic")));
        assertEquals("   0.000 s  :7001 sees :7003 as a master", english(new ClusterEvent.RoleChanged(0, C, B, null)));
        assertEquals("   0.000 s  :7001 sees :7003 as a replica of :7000",
                english(new ClusterEvent.RoleChanged(0, C, B, A)));
        assertEquals("   0.000 s  1200 acknowledged writes lost by the failover of :7000",
                english(new ClusterEvent.WritesLost(0, A, B, 10, 20, 1200, List.of())));
        assertEquals("   0.000 s  :7003 migrates to :7001", english(new ClusterEvent.ReplicaMigrated(0, B, A, C)));
        assertEquals("   0.000 s  :7001 cluster_state:ok", english(new ClusterEvent.ClusterStateChanged(0, C, true)));
        assertNull(english(new ClusterEvent.FullResync(0, B, A, 10, 20)), "not listed");
        // a refused command is named by the error Redis sends (-CROSSSLOT, -TRYAGAIN), not our enum
        assertEquals("   0.000 s  :7000 -> CROSSSLOT 12 (MSET)", english(new ClusterEvent.Redirected(0, A, 1, "MSET",
                RedirectKind.CROSS_SLOT, 12, null, null)));
        assertEquals("   0.000 s  :7000 -> TRYAGAIN 12 (MGET)", english(new ClusterEvent.Redirected(0, A, 1, "MGET",
                RedirectKind.UNSTABLE, 12, null, null)));
    }

    @Test
    void chineseLinesTranslateTheSentenceAroundRedisWords() {
        // the engine's words for the kind of failover (ReplicaFailover) are the window's language's
        assertEquals("   0.000 s  :7003 \u63a5\u66ff :7000\uff08\u81ea\u52a8\uff09\uff0cconfigEpoch 7",
                EventText.describe(new ClusterEvent.FailoverCompleted(0, B, A, 7, "automatic"), NAMES, CHINESE));
        assertEquals("   0.000 s  :7003 \u63a5\u66ff :7000\uff08\u5f3a\u5236\u63a5\u7ba1 TAKEOVER\uff09\uff0cconfigEpoch 8",
                EventText.describe(new ClusterEvent.FailoverCompleted(0, B, A, 8, "takeover"), NAMES, CHINESE));
        assertEquals("   0.000 s  :7001 \u628a :7000 \u6807\u4e3a fail?",
                EventText.describe(new ClusterEvent.NodeFlagChanged(0, C, A, "fail?", true), NAMES, CHINESE));
        assertEquals("   0.000 s  :7000 \u5df2\u505c\u6b62\uff08crash\uff09",
                EventText.describe(new ClusterEvent.NodeStopped(0, A, "crash"), NAMES, CHINESE));
    }
}
