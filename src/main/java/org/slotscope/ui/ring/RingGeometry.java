package org.slotscope.ui.ring;

import org.slotscope.engine.slot.HashSlot;

/**
 * Where a slot is on a square image of {@code side} pixels, as plain arithmetic (no JavaFX), so the
 * pixel map, the hover and the drag agree and are tested without a window. Ring: slot 0 at twelve
 * o'clock, clockwise. Grid: 128 x 128 cells, slot 0 top left, row by row.
 */
public final class RingGeometry {
    public static final int GRID = 128;
    /** Closer than this fraction of the outer radius to the centre, the angle is too unsteady to follow. */
    static final double DEAD_CENTRE = 0.08;

    private RingGeometry() {
    }

    public static double outerRadius(int side) {
        return side / 2.0 - 2;
    }

    /**
     * The slot at the angle of offset (dx, dy) from the centre: clockwise from twelve o'clock,
     * atan2(dx, -dy) is 0 straight up and grows to the right. Pixel rows grow downwards.
     */
    public static int slotAtAngle(double dx, double dy) {
        double fullTurn = 2 * Math.PI;
        double angle = Math.atan2(dx, -dy);
        if (angle < 0) {
            angle += fullTurn;
        }
        return Math.min((int) (angle / fullTurn * HashSlot.SLOTS), HashSlot.SLOTS - 1);
    }

    /**
     * The slot at the angle of image point (x, y), wherever it is (inside the ring, outside it, off the
     * image: a drag keeps following the angle), or -1 too close to the centre to tell.
     */
    public static int ringSlotToward(double x, double y, int side) {
        double dx = x - side / 2.0;
        double dy = y - side / 2.0;
        if (Math.hypot(dx, dy) < outerRadius(side) * DEAD_CENTRE) {
            return -1;
        }
        return slotAtAngle(dx, dy);
    }

    /** The grid cell under image point (x, y), clamped to the grid's edges (so a drag past them still counts). */
    public static int gridSlotToward(double x, double y, int side) {
        double cell = side / (double) GRID;
        int column = clamp((int) Math.floor(x / cell));
        int row = clamp((int) Math.floor(y / cell));
        return row * GRID + column;
    }

    private static int clamp(int cell) {
        return Math.max(0, Math.min(GRID - 1, cell));
    }
}
