package org.slotscope.ui.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RingGeometryTest {
    @Test
    void anglesRunClockwiseFromTwelveOClock() {
        assertEquals(0, RingGeometry.slotAtAngle(0, -100));
        assertEquals(4096, RingGeometry.slotAtAngle(100, 0));
        assertEquals(8192, RingGeometry.slotAtAngle(0, 100));
        assertEquals(12288, RingGeometry.slotAtAngle(-100, 0));
        assertEquals(16383, RingGeometry.slotAtAngle(-0.001, -100), "just left of twelve o'clock");
    }

    @Test
    void aDragFollowsTheAngleAnywhereButTheCentre() {
        int side = 400;
        assertEquals(4096, RingGeometry.ringSlotToward(395, 200, side), "on the ring");
        assertEquals(4096, RingGeometry.ringSlotToward(250, 200, side), "inside it");
        assertEquals(4096, RingGeometry.ringSlotToward(900, 200, side), "off the image");
        assertEquals(-1, RingGeometry.ringSlotToward(203, 198, side), "too close to the centre");
    }

    @Test
    void theGridIsRowMajorAndClampedToItsEdges() {
        int side = 512; // 4 pixels per cell
        assertEquals(0, RingGeometry.gridSlotToward(1, 1, side));
        assertEquals(128 + 2, RingGeometry.gridSlotToward(9, 5, side));
        assertEquals(127, RingGeometry.gridSlotToward(9999, -50, side));
        assertEquals(16383, RingGeometry.gridSlotToward(9999, 9999, side));
        assertEquals(127 * 128, RingGeometry.gridSlotToward(-3, 600, side));
    }

    @Test
    void thePixelMapUsesTheSameAngles() {
        int side = 400;
        int[] map = SlotRingView.pixelToSlotMap(side);
        for (int y = 0; y < side; y += 7) {
            for (int x = 0; x < side; x += 7) {
                int value = map[y * side + x];
                if (value >= 0) {
                    assertEquals(value, RingGeometry.ringSlotToward(x + 0.5, y + 0.5, side), x + "," + y);
                }
            }
        }
    }
}
