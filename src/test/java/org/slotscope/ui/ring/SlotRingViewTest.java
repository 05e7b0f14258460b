package org.slotscope.ui.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlotRingViewTest {
    private static final int SIDE = 400;

    private static int slotAt(int[] map, int x, int y) {
        return map[y * SIDE + x];
    }

    @Test
    void ringStartsAtTwelveOClockAndRunsClockwise() {
        int[] map = SlotRingView.pixelToSlotMap(SIDE);
        int mid = (int) (SIDE / 2.0 - 2 - (SIDE / 2.0 - 2) * (1 - SlotRingView.INNER_RATIO) / 2);
        int top = slotAt(map, SIDE / 2, SIDE / 2 - mid);
        int right = slotAt(map, SIDE / 2 + mid, SIDE / 2);
        int bottom = slotAt(map, SIDE / 2, SIDE / 2 + mid);
        int left = slotAt(map, SIDE / 2 - mid, SIDE / 2);
        assertTrue(top >= 0 && top < 50, "top: " + top);
        assertTrue(Math.abs(right - 4096) < 50, "right: " + right);
        assertTrue(Math.abs(bottom - 8192) < 50, "bottom: " + bottom);
        assertTrue(Math.abs(left - 12288) < 50, "left: " + left);
    }

    @Test
    void centreAndCornersAreOutsideTheRing() {
        int[] map = SlotRingView.pixelToSlotMap(SIDE);
        assertEquals(-1, slotAt(map, SIDE / 2, SIDE / 2));
        assertEquals(-1, slotAt(map, 0, 0));
        assertEquals(-1, slotAt(map, SIDE - 1, SIDE - 1));
    }

    @Test
    void everyQuarterOfTheSlotsIsDrawnSomewhere() {
        int[] map = SlotRingView.pixelToSlotMap(SIDE);
        boolean[] quarter = new boolean[4];
        for (int slot : map) {
            if (slot >= 0) {
                quarter[slot / 4096] = true;
            }
        }
        for (int q = 0; q < 4; q++) {
            assertTrue(quarter[q], "no pixel for quarter " + q);
        }
    }

    @Test
    void paletteIsOkabeItoWithAGreyForUnassigned() {
        assertEquals(0xFFE69F00, SlotPalette.argb(0));
        assertEquals(0xFF56B4E9, SlotPalette.argb(1));
        assertEquals(0xFF009E73, SlotPalette.argb(2));
        assertEquals(SlotPalette.argb(0), SlotPalette.argb(SlotPalette.size()));
        assertEquals(SlotPalette.UNASSIGNED_ARGB, SlotPalette.argb(-1));
    }

    @Test
    void aSelectedSlotKeepsItsOwnersHueDarkerAndBlackTurnsGrey() {
        assertEquals(0xFF7E5700, SlotPalette.selectedArgb(0), "orange at 55 %");
        assertEquals(0xFF2F6380, SlotPalette.selectedArgb(1), "sky blue at 55 %");
        assertEquals(0xFF808080, SlotPalette.selectedArgb(7), "black");
        assertEquals(SlotPalette.selectedArgb(0), SlotPalette.selectedArgb(SlotPalette.size()));
        assertEquals(0xFF676767, SlotPalette.selectedArgb(-1), "unassigned grey, darker");
        for (int i = 0; i < SlotPalette.size(); i++) {
            assertTrue(SlotPalette.selectedArgb(i) != SlotPalette.argb(i), "colour " + i + " looks the same selected");
        }
    }

    @Test
    void densityIsAveragedOverNeighbouringSlotsAroundTheRing() {
        int[] keys = new int[16384];
        keys[0] = 3;
        keys[16383] = 3;
        int[] smooth = SlotRingView.smoothed(keys, 1);
        assertEquals(200, smooth[0], "(3 + 3 + 0) / 3 slots, x100");
        assertEquals(100, smooth[1]);
        assertEquals(0, smooth[2]);
        assertEquals(200, smooth[16383], "wraps past slot 16383");
        assertEquals(100, smooth[16382]);
    }

    @Test
    void smoothingMatchesTheAverageOfEachWindowTakenOneByOne() {
        java.util.Random random = new java.util.Random(5);
        for (int n : new int[] {16384, 7, 3}) {
            int[] keys = random.ints(n, 0, 1000).toArray();
            for (int half : new int[] {0, 1, 2, 5}) {
                int[] smooth = SlotRingView.smoothed(keys, half);
                for (int slot = 0; slot < n; slot++) {
                    long sum = 0;
                    for (int d = -half; d <= half; d++) {
                        sum += keys[Math.floorMod(slot + d, n)];
                    }
                    assertEquals((int) (sum * 100 / (2 * half + 1)), smooth[slot], "n " + n + " half " + half + " slot " + slot);
                }
            }
        }
    }
}
