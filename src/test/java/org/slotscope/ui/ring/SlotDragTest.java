package org.slotscope.ui.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slotscope.ui.ring.SlotRingView.Layout;

/**
 * How a drag becomes a range. Ring positions are given as slots (the pointer's angle); the pixel
 * positions only matter for the click threshold, so they move by 10 per step.
 */
class SlotDragTest {
    /** Drags on the ring from {@code from} through each of {@code via} in small steps, as a pointer moves. */
    private static SlotDrag ringDrag(int from, int... via) {
        SlotDrag drag = SlotDrag.press(Layout.RING, from, 0, 0);
        int at = from;
        double x = 0;
        for (int target : via) {
            // the shorter way from one waypoint to the next, 50 slots per event
            int step = Math.floorMod(target - at + 8192, 16384) - 8192;
            int direction = Integer.signum(step);
            while (at != target) {
                int next = Math.abs(step) > 50 ? Math.floorMod(at + 50 * direction, 16384) : target;
                step = Math.floorMod(target - next + 8192, 16384) - 8192;
                at = next;
                x += 10;
                drag.moveTo(at, x, 0);
            }
        }
        return drag;
    }

    @Test
    void aPointerThatStaysWithinTheThresholdIsAClick() {
        SlotDrag drag = SlotDrag.press(Layout.RING, 100, 50, 50);
        drag.moveTo(110, 52, 51);
        drag.moveTo(95, 48, 50);
        assertTrue(drag.isClick());
        assertNull(drag.range());
        assertEquals(100, drag.pressedSlot());
    }

    @Test
    void draggingClockwiseSelectsFromThePressedSlotToThePointer() {
        SlotDrag drag = ringDrag(100, 2000);
        assertFalse(drag.isClick());
        assertEquals(SlotRange.clockwise(100, 2000), drag.range());
    }

    @Test
    void draggingAnticlockwiseSelectsFromThePointerToThePressedSlot() {
        assertEquals(SlotRange.clockwise(100, 2000), ringDrag(2000, 100).range());
    }

    @Test
    void draggingClockwisePastTwelveOClockWrapsAroundSlotZero() {
        SlotRange range = ringDrag(16000, 300).range();
        assertEquals(SlotRange.clockwise(16000, 300), range);
        assertEquals(384 + 301, range.count());
        assertTrue(range.contains(0) && range.contains(16383));
    }

    @Test
    void draggingAnticlockwisePastTwelveOClockSelectsTheSameSlots() {
        assertEquals(SlotRange.clockwise(16000, 300), ringDrag(300, 16000).range());
    }

    @Test
    void theDirectionTravelledWinsOverTheShorterArc() {
        // clockwise from 300 round through 8000 to 16000: most of the ring, not the 685 slots across 0
        SlotRange range = ringDrag(300, 8000, 16000).range();
        assertEquals(SlotRange.clockwise(300, 16000), range);
        assertEquals(15701, range.count());
        assertFalse(range.contains(0));
    }

    @Test
    void turningBackShrinksTheRangeAndCanCrossThePressedSlot() {
        assertEquals(SlotRange.clockwise(100, 500), ringDrag(100, 900, 500).range());
        assertEquals(SlotRange.clockwise(16200, 100), ringDrag(100, 900, 16200).range());
    }

    @Test
    void aFullTurnSelectsEverySlotAndNoMore() {
        SlotRange range = ringDrag(100, 6000, 12000, 100, 3000).range();
        assertEquals(16384, range.count());
        assertEquals(0, range.first());
    }

    @Test
    void theRingsCentreKeepsTheRangeAsItWas() {
        SlotDrag drag = ringDrag(100, 600);
        drag.moveTo(-1, 500, 500);
        assertEquals(SlotRange.clockwise(100, 600), drag.range());
    }

    @Test
    void onTheGridTheRangeIsRowMajorBetweenThePressedAndTheCurrentCell() {
        SlotDrag drag = SlotDrag.press(Layout.GRID, 520, 0, 0);
        drag.moveTo(130, 40, 40);
        assertEquals(new SlotRange(130, 391), drag.range());
        drag.moveTo(16383, 400, 400);
        assertEquals(new SlotRange(520, 16384 - 520), drag.range());
        assertFalse(drag.range().wraps(), "the grid never wraps past 16383");
    }
}
