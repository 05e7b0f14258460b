package org.slotscope.link;

/**
 * A node could not be reached or did not answer in time; the message says which and why, in one
 * line, and never contains a password. {@link #reason()} lets a caller that keeps going (a poller)
 * tell a dead node from a slow one or a refused login without parsing the message.
 */
public final class LinkException extends RuntimeException {
    /** Why the node could not be used. */
    public enum Reason {
        /** Nothing listens there, the host is unknown, or the connection was closed. */
        UNREACHABLE,
        /** Connected (or connecting), but no answer within the timeout: a frozen or overloaded node. */
        TIMEOUT,
        /** The node refused the login: NOAUTH, WRONGPASS, or an ACL user without the permission. */
        AUTH,
        /** The TLS handshake failed: an untrusted certificate, or TLS spoken to a plain port. */
        TLS
    }

    private final Reason reason;

    public LinkException(String message, Throwable cause) {
        this(message, cause, Reason.UNREACHABLE);
    }

    public LinkException(String message, Throwable cause, Reason reason) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
