package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail lines of check, over CLUSTER NODES texts written for each case. */
class ClusterCheckDetailsTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);

    /** One node's CLUSTER NODES: itself first (flag myself), then the others; slots as given per node. */
    private static List<NodeEntry> view(String me, String slotsA, String slotsB, String slotsC) {
        StringBuilder text = new StringBuilder();
        String[][] nodes = {{A, "7000", slotsA}, {B, "7001", slotsB}, {C, "7002", slotsC}};
        for (String[] n : nodes) {
            text.append(n[0]).append(" 127.0.0.1:").append(n[1]).append("@1").append(n[1])
                    .append(n[0].equals(me) ? " myself,master" : " master").append(" - 0 0 1 connected");
            if (!n[2].isEmpty()) {
                text.append(' ').append(n[2]);
            }
            text.append('\n');
        }
        return ClusterNodesParser.parse(text.toString());
    }

    private static final String ALL_A = "0-5460";
    private static final String ALL_B = "5461-10922";
    private static final String ALL_C = "10923-16383";

    @Test
    void agreeingViewsHaveNoDetails() {
        List<List<NodeEntry>> views = List.of(view(A, ALL_A, ALL_B, ALL_C), view(B, ALL_A, ALL_B, ALL_C),
                view(C, ALL_A, ALL_B, ALL_C));
        assertTrue(ClusterCheck.agree(views));
        assertEquals(List.of(), ClusterCheck.disagreements(views));
        assertTrue(ClusterCheck.check(views).clean());
    }

    @Test
    void aNodeThatClaimsSlotsTheOthersGiveElsewhereIsNamedWithTheRange() {
        // node B also thinks 0-9 are its own; A and C say they are A's
        List<List<NodeEntry>> views = List.of(view(A, ALL_A, ALL_B, ALL_C),
                view(B, "10-5460", "0-9 " + ALL_B, ALL_C), view(C, ALL_A, ALL_B, ALL_C));
        assertFalse(ClusterCheck.agree(views));
        assertEquals(List.of("    127.0.0.1:7001 thinks slots 0-9 belong to " + B + " (the others: " + A + ")"),
                ClusterCheck.disagreements(views));
        ClusterCheck.Report report = ClusterCheck.check(views);
        assertEquals(List.of("Nodes don't agree about configuration!"), report.errors());
        assertEquals(ClusterCheck.disagreements(views), report.details());
    }

    @Test
    void withTwoViewsATieGoesToTheEntryNodeAndTheOtherIsNamed() {
        // A (the entry node) has slot 100 unassigned; B says it is A's
        List<List<NodeEntry>> views = List.of(view(A, "0-99 101-5460", ALL_B, ALL_C), view(B, ALL_A, ALL_B, ALL_C));
        assertEquals(List.of("    127.0.0.1:7001 thinks slot 100 belongs to " + A + " (the others: unassigned)"),
                ClusterCheck.disagreements(views));
    }

    @Test
    void coverageCountsWhatEachNodeSaysAboutItselfAsInRedisCli() {
        // A gave up slot 100 in its own view; B and C still say A owns it
        List<List<NodeEntry>> views = List.of(view(A, "0-99 101-5460", ALL_B, ALL_C), view(B, ALL_A, ALL_B, ALL_C),
                view(C, ALL_A, ALL_B, ALL_C));
        assertEquals(16383, ClusterCheck.covered(views).cardinality());
        ClusterCheck.Report report = ClusterCheck.check(views);
        assertEquals(List.of("Nodes don't agree about configuration!", "Not all 16384 slots are covered by nodes."),
                report.errors());
        assertEquals(List.of("    127.0.0.1:7000 thinks slot 100 is unassigned (the others: " + A + ")",
                "    Uncovered: [100] (1 slot)"), report.details());
    }

    @Test
    void divergingOthersAreCounted() {
        // three views of slot 7000: A says B, B says C, C says unassigned; the entry node's answer wins the tie
        List<List<NodeEntry>> views = List.of(view(A, ALL_A, ALL_B, ALL_C),
                view(B, ALL_A, "5461-6999 7001-10922", "7000 " + ALL_C),
                view(C, ALL_A, "5461-6999 7001-10922", ALL_C));
        assertEquals(List.of(
                "    127.0.0.1:7001 thinks slot 7000 belongs to " + C + " (the others: " + B + " x1, unassigned x1)",
                "    127.0.0.1:7002 thinks slot 7000 is unassigned (the others: " + B + " x1, " + C + " x1)"),
                ClusterCheck.disagreements(views));
    }

    @Test
    void manyDisagreementsAreSummedUpPerNode() {
        StringBuilder odd = new StringBuilder();
        for (int slot = 0; slot < 40; slot += 2) {
            odd.append(slot).append(' ');
        }
        // C thinks the even slots 0-38 are its own: 20 separate runs
        List<List<NodeEntry>> views = List.of(view(A, ALL_A, ALL_B, ALL_C), view(B, ALL_A, ALL_B, ALL_C),
                view(C, ALL_A, ALL_B, odd + ALL_C));
        List<String> lines = ClusterCheck.disagreements(views);
        assertEquals(ClusterCheck.MAX_DETAIL_RUNS_PER_NODE + 1, lines.size(), String.join("\n", lines));
        assertEquals("    127.0.0.1:7002 disagrees on 12 more slot ranges", lines.get(lines.size() - 1));
    }

    @Test
    void openSlotsAreDescribedPerNode() {
        List<NodeEntry> a = view(A, ALL_A + " [12->-" + B + "]", ALL_B, ALL_C);
        List<NodeEntry> b = view(B, ALL_A, ALL_B + " [12-<-" + A + "]", ALL_C);
        ClusterCheck.Report report = ClusterCheck.check(List.of(a, b, view(C, ALL_A, ALL_B, ALL_C)));
        assertEquals(List.of("Node 127.0.0.1:7000 has slots in migrating state 12.",
                "Node 127.0.0.1:7001 has slots in importing state 12.", "The following slots are open: 12."),
                report.warnings());
        assertEquals(List.of("    Slot 12: 127.0.0.1:7000 is migrating it to " + B + "; 127.0.0.1:7001 is importing it"
                + " from " + A), report.details());
    }

    @Test
    void slotListsAreWrittenAsRedisCliWritesThem() {
        BitSet slots = new BitSet();
        slots.set(0, 100);
        slots.set(102);
        slots.set(5000, 5461);
        assertEquals("[0-99],[102],[5000-5460]", ClusterCheck.slotsString(slots));
        assertEquals("", ClusterCheck.slotsString(new BitSet()));
    }
}
