package org.slotscope.admin;

/**
 * A step of a slot move failed. The message names the slot, the step, the node and its reply; the
 * slot may be left open (MIGRATING / IMPORTING), which `check` reports and `fix` closes.
 */
public final class SlotMoveException extends RuntimeException {
    public SlotMoveException(String message) {
        super(message);
    }
}
