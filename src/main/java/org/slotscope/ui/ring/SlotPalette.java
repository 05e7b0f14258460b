package org.slotscope.ui.ring;

import javafx.scene.paint.Color;

/**
 * Colours for masters: the Okabe-Ito palette, which stays distinguishable with the common kinds of
 * colour blindness and on a washed-out projector. Ordered so the first masters get the most
 * distinct hues on a light background; black comes last because the centre text is black.
 */
public final class SlotPalette {
    private static final int[] OKABE_ITO = {
        0xFFE69F00, // orange
        0xFF56B4E9, // sky blue
        0xFF009E73, // bluish green
        0xFFD55E00, // vermillion
        0xFF0072B2, // blue
        0xFFCC79A7, // reddish purple
        0xFFF0E442, // yellow
        0xFF000000, // black
    };
    /** Slots no master claims: a neutral grey, darker than the window background. */
    public static final int UNASSIGNED_ARGB = 0xFFBDBDBD;

    /** Each colour as a selected range of slots shows it: darker, black as a mid grey. */
    private static final int[] SELECTED = new int[OKABE_ITO.length];
    private static final int SELECTED_UNASSIGNED = selected(UNASSIGNED_ARGB);

    static {
        for (int i = 0; i < OKABE_ITO.length; i++) {
            SELECTED[i] = selected(OKABE_ITO[i]);
        }
    }

    private SlotPalette() {
    }

    /**
     * A selected slot keeps its owner's hue, so the range still shows who owns what, at 55 % of its
     * brightness; a colour already that dark (black) turns mid grey instead.
     */
    static int selected(int argb) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        if (r + g + b < 3 * 60) {
            return 0xFF808080;
        }
        return 0xFF000000 | (r * 55 / 100) << 16 | (g * 55 / 100) << 8 | (b * 55 / 100);
    }

    /** The colour of a slot of the selected range whose owner has this colour index (-1: unassigned). */
    public static int selectedArgb(int colorIndex) {
        if (colorIndex < 0) {
            return SELECTED_UNASSIGNED;
        }
        return SELECTED[colorIndex % SELECTED.length];
    }

    public static int size() {
        return OKABE_ITO.length;
    }

    /** The colour of the master with this colour index (wraps around after 8 masters); -1 is unassigned. */
    public static int argb(int colorIndex) {
        if (colorIndex < 0) {
            return UNASSIGNED_ARGB;
        }
        return OKABE_ITO[colorIndex % OKABE_ITO.length];
    }

    public static Color color(int colorIndex) {
        int argb = argb(colorIndex);
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }
}
