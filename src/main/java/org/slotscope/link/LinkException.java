package org.slotscope.link;

/** A node could not be reached or did not answer in time; the message says which and why. */
public final class LinkException extends RuntimeException {
    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
