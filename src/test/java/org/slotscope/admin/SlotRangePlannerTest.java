package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chosen slots and ranges: parsing, and which moves they make; no cluster needed. */
class SlotRangePlannerTest {
    private static MasterSlots master(String id, int first, int last) {
        BitSet slots = new BitSet();
        slots.set(first, last + 1);
        return new MasterSlots(id, slots);
    }

    private static final List<MasterSlots> THREE = List.of(master("a", 0, 5460), master("b", 5461, 10922),
            master("c", 10923, 16383));

    @Test
    void eachChosenSlotMovesFromItsOwnerAndTheTargetsOwnStayPut() {
        List<SlotMove> moves = SlotRangePlanner.plan(THREE, SlotRanges.parse("5460-5462, 0 ,16383"), "b");
        assertEquals(List.of(new SlotMove(0, "a", "b"), new SlotMove(5460, "a", "b"), new SlotMove(16383, "c", "b")),
                moves);
    }

    @Test
    void anUnownedSlotOrAnUnknownTargetIsRefused() {
        List<MasterSlots> gap = List.of(master("a", 0, 99), master("b", 101, 16383));
        IllegalArgumentException unowned = assertThrows(IllegalArgumentException.class,
                () -> SlotRangePlanner.plan(gap, SlotRanges.parse("99-101"), "b"));
        assertEquals("slot 100 has no owner: `cluster fix` covers it first", unowned.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> SlotRangePlanner.plan(THREE, SlotRanges.parse("1"), "zz"));
        assertEquals("the target zz is not a master of this cluster", target.getMessage());
    }

    @Test
    void slotListsAreParsedWithClearErrors() {
        BitSet parsed = SlotRanges.parse("0-2,7,16383");
        assertEquals("{0, 1, 2, 7, 16383}", parsed.toString());
        assertEquals("slot out of range (0-16383): 16384", assertThrows(IllegalArgumentException.class,
                () -> SlotRanges.parse("16384")).getMessage());
        assertEquals("slot out of range (0-16383): -1", assertThrows(IllegalArgumentException.class,
                () -> SlotRanges.parse("-1")).getMessage());
        assertEquals("not a slot number: 5-x", assertThrows(IllegalArgumentException.class,
                () -> SlotRanges.parse("5-x")).getMessage());
        assertEquals("the range 9-3 ends before it starts", assertThrows(IllegalArgumentException.class,
                () -> SlotRanges.parse("9-3")).getMessage());
        assertEquals("no slots given", assertThrows(IllegalArgumentException.class,
                () -> SlotRanges.parse(" ")).getMessage());
    }
}
