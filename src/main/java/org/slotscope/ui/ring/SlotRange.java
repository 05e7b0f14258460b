package org.slotscope.ui.ring;

import java.util.BitSet;
import org.slotscope.engine.slot.HashSlot;

/**
 * A contiguous run of slots on the ring: {@code count} slots clockwise from {@code first}, so it may
 * cross slot 0 (16300 .. 99 is 16300-16383 and 0-99). A value: the ring, the inspector and the move
 * action share it.
 *
 * @param first the first slot, clockwise
 * @param count how many slots, 1 to 16384; all 16384 always start at slot 0
 */
public record SlotRange(int first, int count) {
    private static final int MASK = HashSlot.SLOTS - 1; // 16384 is a power of two

    public SlotRange {
        if (first < 0 || first >= HashSlot.SLOTS) {
            throw new IllegalArgumentException("slot out of range (0-16383): " + first);
        }
        if (count < 1 || count > HashSlot.SLOTS) {
            throw new IllegalArgumentException("a range holds 1 to 16384 slots, not " + count);
        }
        if (count == HashSlot.SLOTS) {
            first = 0;
        }
    }

    /** The slots from {@code first} clockwise to {@code last}, both included (crossing 0 when last < first). */
    public static SlotRange clockwise(int first, int last) {
        return new SlotRange(first, ((last - first) & MASK) + 1);
    }

    /** The slots from the lower of the two to the higher: never crosses 0 (the grid's row-major order). */
    public static SlotRange between(int a, int b) {
        return new SlotRange(Math.min(a, b), Math.abs(a - b) + 1);
    }

    public static SlotRange single(int slot) {
        return new SlotRange(slot, 1);
    }

    /** The last slot, clockwise. */
    public int last() {
        return (first + count - 1) & MASK;
    }

    /** Whether the range runs past 16383 into slot 0. */
    public boolean wraps() {
        return first + count > HashSlot.SLOTS;
    }

    public boolean contains(int slot) {
        return ((slot - first) & MASK) < count;
    }

    /** The i-th slot of the range, i from 0 to count - 1. */
    public int slotAt(int i) {
        return (first + i) & MASK;
    }

    /** The slots as the admin planners take them. */
    public BitSet toBitSet() {
        BitSet slots = new BitSet(HashSlot.SLOTS);
        if (wraps()) {
            slots.set(first, HashSlot.SLOTS);
            slots.set(0, last() + 1);
        } else {
            slots.set(first, first + count);
        }
        return slots;
    }

    /**
     * As {@code cluster move-slots --slots} takes it (org.slotscope.admin.SlotRanges): "5000",
     * "100-199", "16300-16383,0-99".
     */
    @Override
    public String toString() {
        if (count == 1) {
            return Integer.toString(first);
        }
        if (wraps()) {
            return part(first, HashSlot.SLOTS - 1) + "," + part(0, last());
        }
        return part(first, last());
    }

    private static String part(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
