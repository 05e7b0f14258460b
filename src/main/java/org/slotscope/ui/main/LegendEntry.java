package org.slotscope.ui.main;

/**
 * One master in the ring's legend.
 *
 * @param colorIndex palette index of the master's slots on the ring
 * @param label the master's address
 * @param detail its slot ranges and count, in the window's language
 */
public record LegendEntry(int colorIndex, String label, String detail) {
}
