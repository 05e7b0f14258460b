package org.slotscope.admin;

/** One slot to move, and from which master to which. */
public record SlotMove(int slot, String source, String target) {
}
