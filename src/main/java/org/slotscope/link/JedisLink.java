package org.slotscope.link;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.slotscope.engine.command.Reply;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A link to a real Redis node through one Jedis connection (or to a simulated node over RESP).
 * Replies come back as the same {@link Reply} values the simulator produces; RESP2 does not tell a
 * status reply from a bulk one, so both arrive as bulk strings.
 */
public final class JedisLink implements NodeLink {
    private final String address;
    private final Connection connection;
    private final int timeoutMillis;

    public JedisLink(String host, int port, int timeoutMillis) {
        this(host, port, ConnectOptions.timeout(timeoutMillis));
    }

    public JedisLink(String host, int port, ConnectOptions options) {
        this(host, port, options, null);
    }

    /**
     * {@code sslSocketFactory}: with TLS, whom to trust (e.g. {@link TlsTrust#fromPem}); null uses the
     * JVM's default trust store.
     */
    public JedisLink(String host, int port, ConnectOptions options, SSLSocketFactory sslSocketFactory) {
        this.address = host + ":" + port;
        this.timeoutMillis = options.timeoutMillis();
        // RESP2: Jedis 8 would otherwise negotiate RESP3, whose maps and doubles it hands back as its
        // own types
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis(options.timeoutMillis()).protocol(RedisProtocol.RESP2).ssl(options.tls());
        if (options.tls() && sslSocketFactory != null) {
            config.sslSocketFactory(sslSocketFactory);
        }
        if (options.hasPassword()) {
            config.user(options.user()).password(new String(options.password()));
        }
        Connection opened = null;
        try {
            opened = new Connection(new HostAndPort(host, port), config.build());
            opened.connect();
        } catch (JedisAccessControlException e) {
            closeQuietly(opened);
            throw new LinkException("cannot log in to " + address + ": " + loginProblem(e.getMessage(), options), e,
                    LinkException.Reason.AUTH);
        } catch (JedisConnectionException e) {
            closeQuietly(opened);
            throw connectFailure(e, options.tls());
        } catch (JedisDataException e) {
            closeQuietly(opened);
            boolean auth = e.getMessage() != null && (e.getMessage().startsWith("NOAUTH")
                    || e.getMessage().startsWith("WRONGPASS") || e.getMessage().startsWith("NOPERM"));
            throw new LinkException(address + " refused the connection: " + e.getMessage(), e,
                    auth ? LinkException.Reason.AUTH : LinkException.Reason.UNREACHABLE);
        }
        this.connection = opened;
    }

    /** Opens JedisLinks with these options. */
    public static Connector connector(ConnectOptions options) {
        return connector(options, null);
    }

    /** Opens JedisLinks with these options, trusting what {@code sslSocketFactory} trusts (null: the JVM's). */
    public static Connector connector(ConnectOptions options, SSLSocketFactory sslSocketFactory) {
        return address -> {
            Connector.HostPort hp = Connector.parse(address);
            return new JedisLink(hp.host(), hp.port(), options, sslSocketFactory);
        };
    }

    /** Redis's own words for a refused login, except NOAUTH, whose HELLO text does not say what to do. */
    private static String loginProblem(String redisMessage, ConnectOptions options) {
        if (redisMessage != null && redisMessage.startsWith("NOAUTH")) {
            return options.hasPassword() ? "NOAUTH the node refused the credentials"
                    : "the node requires a password (NOAUTH) and none was given";
        }
        return redisMessage;
    }

    /** One line saying why the connection could not be opened, classified by the root cause. */
    private LinkException connectFailure(JedisConnectionException e, boolean tls) {
        Throwable timeout = find(e, SocketTimeoutException.class);
        if (timeout != null) {
            return new LinkException("cannot connect to " + address + ": no answer within " + timeoutMillis + " ms"
                    + (tls ? " (does that port speak TLS?)" : ""), e, LinkException.Reason.TIMEOUT);
        }
        Throwable ssl = find(e, SSLException.class);
        if (ssl != null) {
            String why = String.valueOf(rootMessage(ssl));
            if (why.contains("PKIX") || why.contains("certification path")) {
                why = "the node's certificate is not trusted (its CA is not in the trust store)";
            }
            return new LinkException("cannot connect to " + address + " over TLS: " + why, e, LinkException.Reason.TLS);
        }
        if (find(e, ConnectException.class) != null) {
            return new LinkException("cannot connect to " + address + ": connection refused", e,
                    LinkException.Reason.UNREACHABLE);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new LinkException("cannot connect to " + address + ": unknown host", e,
                    LinkException.Reason.UNREACHABLE);
        }
        String why = rootMessage(e);
        if (why.startsWith("Unexpected end of stream") || why.startsWith("Connection reset")) {
            // a TLS port drops a client that does not start with a TLS handshake
            return new LinkException("cannot connect to " + address + ": the node closed the connection"
                    + (tls ? "" : " (a TLS port? connect with TLS)"), e, LinkException.Reason.UNREACHABLE);
        }
        return new LinkException("cannot connect to " + address + ": " + why, e, LinkException.Reason.UNREACHABLE);
    }

    /** The first throwable of this type among the causes and suppressed exceptions (Jedis keeps both). */
    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                Throwable inner = find(suppressed, type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Reply send(byte[]... argv) {
        ProtocolCommand command = () -> argv[0];
        byte[][] args = new byte[argv.length - 1][];
        System.arraycopy(argv, 1, args, 0, args.length);
        try {
            connection.sendCommand(command, args);
            return toReply(connection.getOne());
        } catch (JedisConnectionException e) {
            if (find(e, SocketTimeoutException.class) != null) {
                throw new LinkException("no answer from " + address + " within " + timeoutMillis + " ms", e,
                        LinkException.Reason.TIMEOUT);
            }
            throw new LinkException("lost the connection to " + address + ": " + rootMessage(e), e);
        } catch (JedisDataException e) {
            return Reply.error(e.getMessage());
        }
    }

    @Override
    public List<Reply> pipeline(List<byte[][]> commands) {
        try {
            for (byte[][] argv : commands) {
                byte[][] args = new byte[argv.length - 1][];
                System.arraycopy(argv, 1, args, 0, args.length);
                connection.sendCommand(() -> argv[0], args);
            }
            // getMany flushes, then reads one reply per command; an error reply comes back as an
            // exception object in its place rather than thrown
            List<Object> raw = connection.getMany(commands.size());
            List<Reply> replies = new ArrayList<>(raw.size());
            for (Object one : raw) {
                replies.add(toReply(one));
            }
            return replies;
        } catch (JedisConnectionException e) {
            throw new LinkException("lost the connection to " + address + ": " + rootMessage(e), e);
        }
    }

    private static Reply toReply(Object raw) {
        if (raw == null) {
            return Reply.NIL;
        }
        if (raw instanceof byte[] bytes) {
            return Reply.bulk(bytes);
        }
        if (raw instanceof Long number) {
            return Reply.integer(number);
        }
        if (raw instanceof List<?> list) {
            List<Reply> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(element instanceof JedisDataException error ? Reply.error(error.getMessage())
                        : toReply(element));
            }
            return Reply.array(elements);
        }
        if (raw instanceof JedisDataException error) {
            return Reply.error(error.getMessage());
        }
        throw new IllegalStateException("unexpected reply type from " + raw.getClass().getName());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        connection.close();
    }
}
