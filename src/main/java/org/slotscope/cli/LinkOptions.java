package org.slotscope.cli;

import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;
import org.slotscope.link.JedisLink;
import org.slotscope.link.TlsTrust;
import picocli.CommandLine.Option;

/**
 * How the cluster commands reach the nodes, with redis-cli's option names: {@code -a} / {@code --pass},
 * {@code --user}, {@code --askpass}, {@code --tls}. The password can also come from REDISCLI_AUTH, as
 * with redis-cli, so it need not appear in the shell history.
 */
final class LinkOptions {
    @Option(names = {"-a", "--pass"}, paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Password for AUTH (or set REDISCLI_AUTH). Without a value, it is asked for.")
    char[] password;

    @Option(names = "--askpass", description = "Ask for the password on the terminal.")
    boolean askpass;

    @Option(names = "--user", paramLabel = "USER", description = "ACL user name (Redis 6+).")
    String user;

    @Option(names = "--tls", description = "Connect with TLS (the JVM's trust store decides which servers to trust).")
    boolean tls;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "With --tls, trust the CA certificates in this PEM file (as redis-cli's --cacert) instead of"
                    + " the JVM's trust store.")
    java.nio.file.Path cacert;

    @Option(names = "--connect-timeout", defaultValue = "5000", paramLabel = "MS",
            description = "Connect and reply timeout for each node, ms (default: 5000).")
    int connectTimeout;

    ConnectOptions options(int replyTimeoutMillis) {
        if (connectTimeout <= 0) {
            // checked here too: the MIGRATE timeout below would otherwise hide a bad one
            throw new IllegalArgumentException("--connect-timeout must be positive: " + connectTimeout);
        }
        char[] secret = password;
        if (askpass && secret == null && System.console() != null) {
            secret = System.console().readPassword("Please input password: ");
        }
        if (secret == null && System.getenv("REDISCLI_AUTH") != null) {
            secret = System.getenv("REDISCLI_AUTH").toCharArray();
        }
        return new ConnectOptions(Math.max(connectTimeout, replyTimeoutMillis), user, secret, tls);
    }

    Connector connector() {
        return connector(connectTimeout);
    }

    Connector connector(int replyTimeoutMillis) {
        return JedisLink.connector(options(replyTimeoutMillis), cacert == null ? null : TlsTrust.fromPem(cacert));
    }
}
