package org.slotscope.link;

/**
 * Opens a {@link NodeLink} to host:port: the cluster operations take one of these, so the same code
 * runs over {@link SimLink}s into the engine and over {@link JedisLink}s to real nodes.
 */
@FunctionalInterface
public interface Connector {
    /** @throws LinkException when the node cannot be reached */
    NodeLink connect(String address);

    /** Splits "host:port" (the last colon, so an IPv6 host keeps its colons). */
    static HostPort parse(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("not a host:port address: " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number in " + address);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + address);
        }
        return new HostPort(host, port);
    }

    /** A parsed address. */
    record HostPort(String host, int port) {
    }
}
