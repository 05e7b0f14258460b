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

    @Test
    void changedSlotsAreExactlyThoseWhosePixelsDifferAlsoWhenTheScaleMoves() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            int[] colors = new int[SLOTS];
            int[] peers = new int[SLOTS];
            int[] keys = new int[SLOTS];
            for (int slot = 0; slot < SLOTS; slot++) {
                colors[slot] = random.nextInt(3);
                peers[slot] = random.nextInt(10) == 0 ? random.nextInt(3) : -1;
                keys[slot] = random.nextInt(40);
            }
            int[] colors2 = colors.clone();
            int[] peers2 = peers.clone();
            int[] keys2 = keys.clone();
            for (int k = 0; k < 50; k++) {
                colors2[random.nextInt(SLOTS)] = random.nextInt(3);
                peers2[random.nextInt(SLOTS)] = -1;
                keys2[random.nextInt(SLOTS)] += random.nextInt(5);
            }
            int maxBefore = 40 + random.nextInt(3);
            int maxAfter = round % 2 == 0 ? maxBefore : maxBefore + 1 + random.nextInt(200);
            SlotRingView.Paint before = new SlotRingView.Paint(colors, peers, keys, maxBefore, SIDE, 0, -1, -1, 0, 0);
            SlotRingView.Paint after = new SlotRingView.Paint(colors2, peers2, keys2, maxAfter, SIDE, 0, -1, -1, 0, 0);
            int[] expected = java.util.stream.IntStream.range(0, SLOTS)
                    .filter(slot -> colors[slot] != colors2[slot] || peers[slot] != peers2[slot]
                            || SlotRingView.densityArgb(keys[slot], maxBefore)
                            != SlotRingView.densityArgb(keys2[slot], maxAfter))
                    .toArray();
            assertArrayEquals(expected, SlotRingView.changedSlots(before, after), "round " + round);
            assertTrue(expected.length > 0);
        }
    }

    @Test
    void openSlotsAndTheLargestCount() {
        assertArrayEquals(new int[] {1, 3}, SlotRingView.openSlots(new int[] {-1, 0, -1, 4}));
        assertArrayEquals(new int[0], SlotRingView.openSlots(new int[] {-1, -1}));
        assertEquals(7, SlotRingView.max(new int[] {3, 7, 0}));
        assertEquals(0, SlotRingView.max(new int[] {0, 0}));
        assertEquals(1, SlotRingView.max(new int[0]), "no slots: a scale of 1");
    }
}
