package org.slotscope.ui.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.slot.HashSlot;

/**
 * The ring repaints only the slots a snapshot changed (and the open slots' stripes each frame):
 * the image must end up exactly as a repaint of every pixel would make it.
 */
class RingRepaintTest {
    private static final int SIDE = 400;
    private static final int SLOTS = HashSlot.SLOTS;

    private static SlotRingView.Paint paint(int[] colors, int[] peers, int[] keys, int phase) {
        return new SlotRingView.Paint(colors, peers, keys, Math.max(1, Arrays.stream(keys).max().orElse(1)), SIDE,
                phase, -1, -1, 16000, 700);
    }

    private static int[] full(int[] map, SlotRingView.Paint paint) {
        int[] out = new int[map.length];
        SlotRingView.paintAll(IntBuffer.wrap(out), map, paint);
        return out;
    }

    @Test
    void everyDrawnPixelBelongsToExactlyOneSlot() {
        for (int[] map : new int[][] {SlotRingView.pixelToSlotMap(SIDE), SlotRingView.gridMap(SIDE)}) {
            int[] start = new int[SLOTS + 1];
            int[] pixels = SlotRingView.pixelsBySlot(map, start);
            assertEquals(Arrays.stream(map).filter(v -> v >= 0 || v <= -2).count(), pixels.length);
            for (int slot = 0; slot < SLOTS; slot++) {
                for (int k = start[slot]; k < start[slot + 1]; k++) {
                    int value = map[pixels[k]];
                    assertTrue(value == slot || value == -(slot + 2), "pixel " + pixels[k] + " is not slot " + slot);
                }
            }
        }
    }

    @Test
    void repaintingTheChangedSlotsGivesTheSameImageAsRepaintingEverything() {
        int[] map = SlotRingView.pixelToSlotMap(SIDE);
        int[] start = new int[SLOTS + 1];
        int[] bySlot = SlotRingView.pixelsBySlot(map, start);
        Random random = new Random(7);
        int[] colors = new int[SLOTS];
        int[] peers = new int[SLOTS];
        int[] keys = new int[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            colors[slot] = slot * 3 / SLOTS;
            peers[slot] = -1;
            keys[slot] = random.nextInt(50);
        }
        SlotRingView.Paint before = paint(colors, peers, keys, 0);
        int[] image = full(map, before);

        // a reshard's snapshot: slots 100-160 now owned by master 2, 161-163 migrating, a few keys more
        int[] colors2 = colors.clone();
        int[] peers2 = peers.clone();
        int[] keys2 = keys.clone();
        Arrays.fill(colors2, 100, 161, 2);
        Arrays.fill(peers2, 161, 164, 2);
        keys2[9000] = 45; // the fullest slot keeps the scale
        keys2[200] = 0;
        SlotRingView.Paint after = paint(colors2, peers2, keys2, 0);
        int[] changed = SlotRingView.changedSlots(before, after);
        assertTrue(changed.length >= 64 && changed.length < 200, "only the touched slots: " + changed.length);
        int[] box = SlotRingView.paintSlots(IntBuffer.wrap(image), map, start, bySlot, changed, after);
        assertArrayEquals(full(map, after), image, "the same pixels as a full repaint");
        assertTrue(box[0] <= box[2] && box[1] <= box[3] && box[2] < SIDE && box[3] < SIDE);

        // the stripes move: repainting the open slots alone is enough
        SlotRingView.Paint moved = paint(colors2, peers2, keys2, 5);
        SlotRingView.paintSlots(IntBuffer.wrap(image), map, start, bySlot, new int[] {161, 162, 163}, moved);
        assertArrayEquals(full(map, moved), image, "stripes repainted where they are");

        assertEquals(0, SlotRingView.changedSlots(after, after).length);
        assertNull(SlotRingView.paintSlots(IntBuffer.wrap(image), map, start, bySlot, new int[0], after));
    }

    @Test
    void theDensityScaleMovesOnlyWhenTheFullestSlotLeavesItsBand() {
        int scale = SlotRingView.densityScale(1, 800);
        assertEquals(900, scale, "an eighth above the fullest slot");
        assertEquals(900, SlotRingView.densityScale(scale, 850), "growing within the band");
        assertEquals(900, SlotRingView.densityScale(scale, 700), "shrinking a little");
        assertEquals(900, SlotRingView.densityScale(scale, 900), "at the top of the band it holds");
        assertEquals(1125, SlotRingView.densityScale(scale, 1000), "above it: a new scale");
        assertEquals(337, SlotRingView.densityScale(scale, 300), "far below: a new scale");
    }
}
