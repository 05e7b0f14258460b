package org.slotscope.live;

import org.slotscope.link.LinkException;

/**
 * Why a node was not (fully) polled, in one line. The message never contains a password: it comes from
 * {@link LinkException}s, whose messages never do.
 */
public record NodeProblem(String address, Kind kind, String message) {
    public enum Kind {
        /** Refused, unknown host, or the connection dropped. */
        UNREACHABLE,
        /** No answer within the timeout: a frozen or overloaded node. */
        TIMEOUT,
        /** NOAUTH, WRONGPASS, or an ACL user without the permission. */
        AUTH,
        /** The TLS handshake failed. */
        TLS,
        /** A Redis that is not in cluster mode. */
        NOT_CLUSTER,
        /** The entry node flags it failing, in handshake, without address or disconnected: not asked. */
        NOT_POLLED,
        /** Anything else the node answered that made no sense. */
        ERROR
    }

    /** The problem an exception from connecting to, or asking, {@code address} describes. */
    public static NodeProblem of(String address, RuntimeException error) {
        if (error instanceof LinkException link) {
            Kind kind = switch (link.reason()) {
                case UNREACHABLE -> Kind.UNREACHABLE;
                case TIMEOUT -> Kind.TIMEOUT;
                case AUTH -> Kind.AUTH;
                case TLS -> Kind.TLS;
            };
            return new NodeProblem(address, kind, link.getMessage());
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new NodeProblem(address, message.contains("not a cluster node") ? Kind.NOT_CLUSTER : Kind.ERROR,
                message);
    }
}
