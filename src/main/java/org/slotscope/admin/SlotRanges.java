package org.slotscope.admin;

import java.util.BitSet;
import org.slotscope.engine.slot.HashSlot;

/** Slot lists as a user types them: "5000", "0-99", "0-99,5000,6000-6010". */
public final class SlotRanges {
    private SlotRanges() {
    }

    /** @throws IllegalArgumentException naming the bad part: not a number, out of 0-16383, or a reversed range */
    public static BitSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no slots given");
        }
        BitSet slots = new BitSet(HashSlot.SLOTS);
        for (String part : text.split(",")) {
            String item = part.strip();
            int dash = item.indexOf('-', 1);
            int first = slot(dash < 0 ? item : item.substring(0, dash), item);
            int last = dash < 0 ? first : slot(item.substring(dash + 1), item);
            if (last < first) {
                throw new IllegalArgumentException("the range " + item + " ends before it starts");
            }
            slots.set(first, last + 1);
        }
        return slots;
    }

    private static int slot(String number, String item) {
        int slot;
        try {
            slot = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a slot number: " + item);
        }
        if (slot < 0 || slot >= HashSlot.SLOTS) {
            throw new IllegalArgumentException("slot out of range (0-16383): " + item);
        }
        return slot;
    }
}
