package org.slotscope.admin;

/**
 * A cluster operation refused its input or stopped: the message says why in one line, worded as
 * redis-cli words it where redis-cli has the same check, and says what was already done when the
 * cluster was changed before the failure.
 */
public final class OperationException extends RuntimeException {
    public OperationException(String message) {
        super(message);
    }
}
