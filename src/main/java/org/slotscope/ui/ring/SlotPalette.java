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

    private SlotPalette() {
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
