package org.slotscope.resp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeId;

/**
 * Exposes every simulated node of an {@link EngineLoop}'s cluster on its own TCP port, so
 * redis-cli, redis-benchmark and Jedis talk to it as to a redis-server process. Like Redis's ae
 * loop, one thread does everything: the engine runs on a Netty event loop ({@link #newEngineLoop})
 * and every connection of every node is registered on that same loop, so a request is read,
 * executed and answered without changing threads (one more thread only accepts connections).
 *
 * <p>A node that stops (SHUTDOWN, a simulated crash: {@link ClusterEvent.NodeStopped}) closes its
 * listening socket and every connection to it, like a process that exits. A node started later
 * (CLUSTER MEET demos, add-node) gets its port opened when {@link ClusterEvent.NodeStarted} arrives.
 */
public final class RespServer implements AutoCloseable {
    /** Redis's tcp-backlog default. */
    static final int TCP_BACKLOG = 511;

    private final EngineLoop engine;
    private final String bindAddress;
    private final Consumer<String> warnings;
    private final EventLoopGroup acceptors;
    /** The engine's own thread, which also serves every connection. */
    private final EventLoop workers;
    private final Map<NodeId, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** The last listening channel per port, so a node restarted on a port waits for the old socket to close. */
    private final Map<Integer, Channel> listenersByPort = new ConcurrentHashMap<>();
    private final Consumer<ClusterEvent> eventListener = this::onClusterEvent;
    private volatile boolean closed;

    private record Endpoint(ClusterNode node, Channel listener, ChannelGroup connections) {
    }

    public RespServer(EngineLoop engine, String bindAddress) {
        this(engine, bindAddress, System.err::println);
    }

    /** {@code warnings} receives problems found after {@link #start()}, e.g. a later node's port in use. */
    public RespServer(EngineLoop engine, String bindAddress, Consumer<String> warnings) {
        this.engine = engine;
        this.bindAddress = bindAddress;
        this.warnings = warnings;
        if (!(engine.executor() instanceof EventLoop engineThread)) {
            throw new IllegalArgumentException("the engine must run on an event loop: build it with RespServer.newEngineLoop");
        }
        this.workers = engineThread;
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("slotscope-resp-accept", true),
                NioIoHandler.newFactory());
    }

    /**
     * An engine loop whose thread is a Netty event loop, so a RespServer built on it serves its
     * connections on the engine thread itself. Closing the loop stops that thread.
     */
    public static EngineLoop newEngineLoop(SimCluster cluster, String threadName) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true),
                NioIoHandler.newFactory());
        return new EngineLoop(cluster, group.next());
    }

    void warn(String message) {
        warnings.accept(message);
    }

    EngineLoop engine() {
        return engine;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /**
     * Opens the port of every running node. Either every port is listening when it returns, or it
     * throws and nothing is left listening.
     */
    public void start() throws BindFailedException {
        record ToBind(ClusterNode node, long protoMaxBulkLen) {
        }
        // listing the nodes and subscribing happen in one engine task, so no start or stop is missed
        List<ToBind> nodes = engine.call(cluster -> {
            cluster.events().addListener(eventListener);
            List<ToBind> running = new ArrayList<>();
            for (ClusterNode node : cluster.nodes()) {
                if (node.isRunning()) {
                    running.add(new ToBind(node, node.config().protoMaxBulkLen()));
                }
            }
            return running;
        }).join();
        for (ToBind toBind : nodes) {
            Binding binding = bind(toBind.node(), toBind.protoMaxBulkLen());
            ChannelFuture bound = binding.future().awaitUninterruptibly();
            if (!bound.isSuccess()) {
                close();
                throw new BindFailedException(bindAddress, toBind.node().port(), bound.cause());
            }
            register(binding);
        }
        // a node may have stopped while the ports were opening
        engine.call(cluster -> {
            closeStoppedEndpoints();
            return null;
        }).join();
    }

    /** The ports currently listening. */
    public List<Integer> listeningPorts() {
        List<Integer> ports = new ArrayList<>();
        for (Endpoint endpoint : endpoints.values()) {
            if (endpoint.listener().isOpen()) {
                ports.add(endpoint.node().port());
            }
        }
        ports.sort(null);
        return ports;
    }

    private Binding bind(ClusterNode node, long protoMaxBulkLen) {
        ChannelGroup connections = new DefaultChannelGroup("node-" + node.port(), GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, TCP_BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new RespConnection(RespServer.this, node, protoMaxBulkLen));
                    }
                });
        return new Binding(node, bootstrap.bind(bindAddress, node.port()), connections);
    }

    private record Binding(ClusterNode node, ChannelFuture future, ChannelGroup connections) {
    }

    /** After a successful bind: the endpoint becomes known (and is closed at once if the server closed meanwhile). */
    private void register(Binding binding) {
        Channel listener = binding.future().channel();
        endpoints.put(binding.node().id(), new Endpoint(binding.node(), listener, binding.connections()));
        listenersByPort.put(binding.node().port(), listener);
        if (closed) {
            closeEndpoint(binding.node().id());
        }
    }

    /** Engine thread (EventLog listener). */
    private void onClusterEvent(ClusterEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof ClusterEvent.NodeStopped stopped) {
            closeEndpoint(stopped.node());
        } else if (event instanceof ClusterEvent.NodeStarted started) {
            ClusterNode node = engine.cluster().node(started.node());
            if (node != null) {
                openLater(node, node.config().protoMaxBulkLen());
            }
        }
    }

    private void openLater(ClusterNode node, long protoMaxBulkLen) {
        Channel previous = listenersByPort.get(node.port());
        Runnable open = () -> {
            Binding binding = bind(node, protoMaxBulkLen);
            binding.future().addListener(f -> {
                if (!f.isSuccess()) {
                    warnings.accept(new BindFailedException(bindAddress, node.port(), f.cause()).getMessage());
                } else {
                    register(binding);
                    onEngine(this::closeStoppedEndpoints);
                }
            });
        };
        if (previous != null && previous.isOpen()) {
            previous.closeFuture().addListener(f -> open.run());
        } else {
            open.run();
        }
    }

    /** Engine thread. */
    private void closeStoppedEndpoints() {
        for (Endpoint endpoint : endpoints.values()) {
            if (!endpoint.node().isRunning()) {
                closeEndpoint(endpoint.node().id());
            }
        }
    }

    private void closeEndpoint(NodeId id) {
        Endpoint endpoint = endpoints.remove(id);
        if (endpoint != null) {
            endpoint.listener().close();
            endpoint.connections().close();
        }
    }

    /** Runs a task on the engine thread; if the engine is gone, there is nothing left to do. */
    private void onEngine(Runnable task) {
        try {
            engine.execute(task);
        } catch (RejectedExecutionException e) {
            // the engine stopped first: its endpoints close with the server
        }
    }

    /** Closes every port and connection and stops the accepting thread. The engine loop stays the caller's. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.cluster().events().removeListener(eventListener); // the listener list is thread-safe
        for (NodeId id : new ArrayList<>(endpoints.keySet())) {
            Endpoint endpoint = endpoints.get(id);
            closeEndpoint(id);
            if (endpoint != null) {
                endpoint.listener().closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
