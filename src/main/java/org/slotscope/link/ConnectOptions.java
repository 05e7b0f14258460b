package org.slotscope.link;

import java.util.Arrays;

/**
 * How to reach a real node: timeout, optional ACL user and password (Redis 6+ AUTH user pass, or the
 * legacy AUTH pass when there is no user), optional TLS. The password is kept as characters so it can
 * be cleared, and {@link #toString()} never shows it (credentials are never logged).
 */
public record ConnectOptions(int timeoutMillis, String user, char[] password, boolean tls) {
    public static final ConnectOptions DEFAULTS = new ConnectOptions(5000, null, null, false);

    public ConnectOptions {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeoutMillis + " ms");
        }
        password = password == null ? null : password.clone();
    }

    public static ConnectOptions timeout(int timeoutMillis) {
        return new ConnectOptions(timeoutMillis, null, null, false);
    }

    public ConnectOptions withTimeout(int millis) {
        return new ConnectOptions(millis, user, password, tls);
    }

    @Override
    public char[] password() {
        return password == null ? null : password.clone();
    }

    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectOptions other && timeoutMillis == other.timeoutMillis && tls == other.tls
                && java.util.Objects.equals(user, other.user) && Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(timeoutMillis, user, Arrays.hashCode(password), tls);
    }

    @Override
    public String toString() {
        return "ConnectOptions[timeout=" + timeoutMillis + " ms, user=" + (user == null ? "-" : user) + ", password="
                + (password == null ? "none" : "***") + ", tls=" + tls + "]";
    }
}
