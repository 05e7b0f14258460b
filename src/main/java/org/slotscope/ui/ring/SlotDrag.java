package org.slotscope.ui.ring;

import org.slotscope.engine.slot.HashSlot;

/**
 * One press-move-release on the slots, turned into a selection: a click (one slot) or a range.
 *
 * <p>On the ring the range follows the direction the pointer travelled, not the shorter arc:
 * dragging clockwise from slot 16000 past twelve o'clock to slot 300 selects 16000-16383 and 0-300;
 * dragging anticlockwise from 300 to 16000 selects the same slots; dragging clockwise from 300 to
 * 16000 selects 300-16000, most of the ring. The shorter arc would flip to the other side as soon as
 * the drag passed half the ring, and could never select more than half of it. Each move adds the
 * signed step from the previous angle (the shorter way, since two pointer events are close), so the
 * total says how far and which way the pointer went; a full turn selects all 16384 slots.
 *
 * <p>On the grid the range is row-major from the pressed cell to the current one, whichever comes
 * first: 16384 slots in reading order never cross slot 0.
 *
 * <p>A pointer that moved less than {@link #THRESHOLD_PIXELS} from where it was pressed is a click:
 * a ring pixel spans about ten slots, so a hand's tremor must not become a range.
 */
public final class SlotDrag {
    public static final double THRESHOLD_PIXELS = 4;
    private static final int HALF_TURN = HashSlot.SLOTS / 2;

    private final SlotRingView.Layout layout;
    private final int pressedSlot;
    private final double pressX;
    private final double pressY;
    private int lastSlot;
    /** Ring: slots travelled from the pressed one, clockwise positive. */
    private long travel;
    private boolean dragging;

    private SlotDrag(SlotRingView.Layout layout, int pressedSlot, double pressX, double pressY) {
        this.layout = layout;
        this.pressedSlot = pressedSlot;
        this.pressX = pressX;
        this.pressY = pressY;
        this.lastSlot = pressedSlot;
    }

    /** A press on {@code slot} at image point (x, y). */
    public static SlotDrag press(SlotRingView.Layout layout, int slot, double x, double y) {
        if (slot < 0 || slot >= HashSlot.SLOTS) {
            throw new IllegalArgumentException("not a slot: " + slot);
        }
        return new SlotDrag(layout, slot, x, y);
    }

    public int pressedSlot() {
        return pressedSlot;
    }

    /**
     * The pointer is at (x, y), over {@code slot} (the ring: the slot at its angle; the grid: the cell
     * under it, clamped to the grid), or -1 when no slot can be told (the ring's centre): the range
     * then stays as it was.
     */
    public void moveTo(int slot, double x, double y) {
        if (!dragging && Math.hypot(x - pressX, y - pressY) >= THRESHOLD_PIXELS) {
            dragging = true;
        }
        if (slot < 0) {
            return;
        }
        if (layout == SlotRingView.Layout.RING) {
            int step = Math.floorMod(slot - lastSlot + HALF_TURN, HashSlot.SLOTS) - HALF_TURN;
            travel += step;
        }
        lastSlot = slot;
    }

    /** Whether this is still a click (the pointer stayed within the threshold). */
    public boolean isClick() {
        return !dragging;
    }

    /** The selected range so far; null while it is still a click. */
    public SlotRange range() {
        if (!dragging) {
            return null;
        }
        if (layout == SlotRingView.Layout.GRID) {
            return SlotRange.between(pressedSlot, lastSlot);
        }
        int count = (int) Math.min(Math.abs(travel) + 1, HashSlot.SLOTS);
        if (travel >= 0) {
            return new SlotRange(pressedSlot, count);
        }
        return new SlotRange(Math.floorMod(pressedSlot - count + 1, HashSlot.SLOTS), count);
    }
}
