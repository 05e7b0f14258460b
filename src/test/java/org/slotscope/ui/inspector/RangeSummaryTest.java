package org.slotscope.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.NodeSnapshot.Role;

/** What the inspector says about a range of slots, from a snapshot built by hand. */
class RangeSummaryTest {
    private static final ResourceBundle EN = Messages.bundle(Messages.ENGLISH);

    /**
     * 7000 owns 0-5460, 7001 5461-10922, 7002 10923-16383 except 16000-16099 (nobody); one key in
     * every tenth slot; slot 5470 is MIGRATING from 7001 to 7002 (which is IMPORTING it), slot 100
     * is IMPORTING on 7002 from 7000 only.
     */
    private static ClusterSnapshot snapshot() {
        int[] owners = new int[16384];
        Arrays.fill(owners, 0, 5461, 0);
        Arrays.fill(owners, 5461, 10923, 1);
        Arrays.fill(owners, 10923, 16384, 2);
        Arrays.fill(owners, 16000, 16100, -1);
        int[] migrating = new int[16384];
        int[] importing = new int[16384];
        Arrays.fill(migrating, -1);
        Arrays.fill(importing, -1);
        migrating[5470] = 2;
        importing[5470] = 1;
        importing[100] = 0;
        int[] keys = new int[16384];
        for (int slot = 0; slot < keys.length; slot += 10) {
            keys[slot] = 1;
        }
        List<NodeSnapshot> nodes = List.of(
                new NodeSnapshot("a".repeat(40), "127.0.0.1:7000", Role.MASTER, null, 5461, 547, 1, 3, true),
                new NodeSnapshot("b".repeat(40), "127.0.0.1:7001", Role.MASTER, null, 5462, 546, 2, 3, true),
                new NodeSnapshot("c".repeat(40), "127.0.0.1:7002", Role.MASTER, null, 5361, 536, 3, 3, true));
        return new ClusterSnapshot(1000, owners, nodes, true, migrating, importing, keys);
    }

    @Test
    void countsKeysOwnersAndOpenSlotsOfARange() {
        RangeSummary summary = RangeSummary.of(snapshot(), SlotRange.clockwise(5000, 6000));
        assertEquals(1001, summary.range().count());
        assertEquals(101, summary.keys(), "5000, 5010, ..., 6000");
        assertEquals(List.of(new RangeSummary.Share(0, 461), new RangeSummary.Share(1, 540)), summary.owners());
        assertEquals(0, summary.unassigned());
        assertEquals(1, summary.openCount());
        assertEquals(List.of(new RangeSummary.OpenSlot(5470, 2, 1)), summary.open());
    }

    @Test
    void aRangeAcrossSlotZeroCountsBothEndsAndUnassignedSlots() {
        RangeSummary summary = RangeSummary.of(snapshot(), SlotRange.clockwise(15990, 199));
        assertEquals(394 + 200, summary.range().count());
        assertEquals(List.of(new RangeSummary.Share(0, 200), new RangeSummary.Share(2, 294)), summary.owners());
        assertEquals(100, summary.unassigned());
        assertEquals(List.of(new RangeSummary.OpenSlot(100, -1, 0)), summary.open());
        assertEquals(60, summary.keys(), "15990..16380 (40 slots) and 0..190 (20)");
    }

    @Test
    void listsOnlyTheFirstOpenSlotsAndCountsTheRest() {
        ClusterSnapshot base = snapshot();
        int[] migrating = base.migratingTo();
        for (int slot = 200; slot < 220; slot++) {
            migrating[slot] = 1;
        }
        ClusterSnapshot snap = new ClusterSnapshot(1000, base.slotOwner(), base.nodes(), true, migrating,
                base.importingFrom(), base.keysInSlot());
        RangeSummary summary = RangeSummary.of(snap, SlotRange.clockwise(150, 300));
        assertEquals(20, summary.openCount());
        assertEquals(RangeSummary.OPEN_LISTED, summary.open().size());
        assertEquals(200, summary.open().get(0).slot());
    }

    @Test
    void inspectorSaysTheRangeItsKeysOwnersAndOpenSlots() {
        ClusterSnapshot snap = snapshot();
        assertEquals("Slots 5000-6000 \u00b7 1,001 slots \u00b7 101 keys\n"
                + "Owners: 127.0.0.1:7000 (461 slots), 127.0.0.1:7001 (540 slots)\n"
                + "1 slot open: slot 5470 MIGRATING to 127.0.0.1:7002, IMPORTING from 127.0.0.1:7001",
                InspectorViewModel.describe(RangeSummary.of(snap, SlotRange.clockwise(5000, 6000)), snap, EN));
        assertEquals("Slots 16050-16383,0-5 \u00b7 340 slots \u00b7 35 keys\n"
                + "Owners: 127.0.0.1:7000 (6 slots), 127.0.0.1:7002 (284 slots), nobody (50 slots)\n"
                + "No slot in it is MIGRATING or IMPORTING.",
                InspectorViewModel.describe(RangeSummary.of(snap, SlotRange.clockwise(16050, 5)), snap, EN));
        assertEquals("Slots 1 \u00b7 1 slot \u00b7 no keys\nOwners: 127.0.0.1:7000 (1 slot)\n"
                + "No slot in it is MIGRATING or IMPORTING.",
                InspectorViewModel.describe(RangeSummary.of(snap, SlotRange.single(1)), snap, EN));
    }

    @Test
    void theInspectorFollowsTheSelectedRangeAndTheLanguage() {
        Locale[] language = {Messages.ENGLISH};
        InspectorViewModel model = new InspectorViewModel(() -> Messages.bundle(language[0]));
        model.apply(snapshot());
        assertEquals("", model.rangeTextProperty().get());
        assertNull(model.rangeSummaryProperty().get());
        model.selectedRangeProperty().set(SlotRange.clockwise(15990, 199));
        assertEquals(100, model.rangeSummaryProperty().get().unassigned());
        assertEquals("Slots 15990-16383,0-199 \u00b7 594 slots \u00b7 60 keys", model.rangeTextProperty().get().lines()
                .findFirst().orElseThrow());
        language[0] = Messages.SIMPLIFIED_CHINESE;
        model.refresh();
        assertEquals("\u69fd 15990-16383,0-199 \u00b7 594 \u4e2a\u69fd \u00b7 60 \u4e2a\u952e",
                model.rangeTextProperty().get().lines().findFirst().orElseThrow());
        model.selectedRangeProperty().set(null);
        assertEquals("", model.rangeTextProperty().get());
    }
}
