package org.slotscope.ui.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.SlotRanges;

class SlotRangeTest {
    @Test
    void clockwiseRangeWithinTheRing() {
        SlotRange range = SlotRange.clockwise(100, 199);
        assertEquals(100, range.first());
        assertEquals(100, range.count());
        assertEquals(199, range.last());
        assertFalse(range.wraps());
        assertTrue(range.contains(100) && range.contains(199));
        assertFalse(range.contains(99) || range.contains(200));
        assertEquals("100-199", range.toString());
    }

    @Test
    void clockwiseRangeCrossingSlotZeroWrapsAround() {
        SlotRange range = SlotRange.clockwise(16300, 99);
        assertEquals(84 + 100, range.count());
        assertTrue(range.wraps());
        assertEquals(99, range.last());
        assertTrue(range.contains(16383) && range.contains(0) && range.contains(99) && range.contains(16300));
        assertFalse(range.contains(100) || range.contains(16299) || range.contains(8000));
        assertEquals(16300, range.slotAt(0));
        assertEquals(0, range.slotAt(84));
        assertEquals("16300-16383,0-99", range.toString());
    }

    @Test
    void itsTextIsWhatMoveSlotsParsesBackToTheSameSlots() {
        for (SlotRange range : new SlotRange[] {SlotRange.clockwise(16300, 99), SlotRange.clockwise(5, 5),
                SlotRange.clockwise(16383, 0), SlotRange.clockwise(0, 16383), SlotRange.clockwise(10923, 16383)}) {
            BitSet parsed = SlotRanges.parse(range.toString());
            assertEquals(range.toBitSet(), parsed, range.toString());
            assertEquals(range.count(), parsed.cardinality());
        }
    }

    @Test
    void allSlotsStartAtZeroWhereverTheDragBegan() {
        SlotRange all = new SlotRange(9000, 16384);
        assertEquals(0, all.first());
        assertEquals(16383, all.last());
        assertFalse(all.wraps());
        assertEquals("0-16383", all.toString());
    }

    @Test
    void betweenNeverWrapsAndIgnoresOrder() {
        assertEquals(new SlotRange(130, 391), SlotRange.between(520, 130));
        assertEquals(new SlotRange(130, 391), SlotRange.between(130, 520));
        assertEquals(SlotRange.single(7), SlotRange.between(7, 7));
        assertEquals("7", SlotRange.single(7).toString());
    }

    @Test
    void slotsOutsideZeroTo16383AndEmptyRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SlotRange(16384, 1));
        assertThrows(IllegalArgumentException.class, () -> new SlotRange(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SlotRange(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlotRange(0, 16385));
    }
}
