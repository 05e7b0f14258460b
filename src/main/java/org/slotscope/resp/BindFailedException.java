package org.slotscope.resp;

/** A node's port could not be opened; {@link #getMessage()} is meant for the user as it is. */
public final class BindFailedException extends Exception {
    private final String host;
    private final int port;
    private final boolean inUse;

    public BindFailedException(String host, int port, Throwable cause) {
        super(describe(host, port, cause), cause);
        this.host = host;
        this.port = port;
        this.inUse = cause instanceof java.net.BindException && String.valueOf(cause.getMessage()).contains("in use");
    }

    private static String describe(String host, int port, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof java.net.BindException && reason.contains("in use")) {
            return "port " + port + " is already in use: " + reason;
        }
        return "cannot listen on " + host + ":" + port + ": " + reason;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True when another process (or socket) already listens on the port. */
    public boolean inUse() {
        return inUse;
    }
}
