package org.slotscope.link;

import java.util.ArrayList;
import java.util.List;
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

    public JedisLink(String host, int port, int timeoutMillis) {
        this(host, port, ConnectOptions.timeout(timeoutMillis));
    }

    public JedisLink(String host, int port, ConnectOptions options) {
        this.address = host + ":" + port;
        // RESP2: Jedis 8 would otherwise negotiate RESP3, whose maps and doubles it hands back as its
        // own types
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis(options.timeoutMillis()).protocol(RedisProtocol.RESP2).ssl(options.tls());
        if (options.hasPassword()) {
            config.user(options.user()).password(new String(options.password()));
        }
        Connection opened = null;
        try {
            opened = new Connection(new HostAndPort(host, port), config.build());
            opened.connect();
        } catch (JedisAccessControlException e) {
            closeQuietly(opened);
            throw new LinkException("cannot log in to " + address + ": " + e.getMessage()
                    + (options.hasPassword() ? "" : " (give a password)"), e);
        } catch (JedisConnectionException e) {
            closeQuietly(opened);
            throw new LinkException("cannot connect to " + address + ": " + rootMessage(e), e);
        } catch (JedisDataException e) {
            closeQuietly(opened);
            throw new LinkException(address + " refused the connection: " + e.getMessage(), e);
        }
        this.connection = opened;
    }

    /** Opens JedisLinks with these options. */
    public static Connector connector(ConnectOptions options) {
        return address -> {
            Connector.HostPort hp = Connector.parse(address);
            return new JedisLink(hp.host(), hp.port(), options);
        };
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
