package org.slotscope.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.cluster.ClusterNodesFormat;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.resp.BindFailedException;
import org.slotscope.resp.RespServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `slotscope serve`: a simulated cluster on loopback ports, for redis-cli, redis-benchmark and Jedis. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts a simulated Redis Cluster and serves every node on its own TCP port",
            "(port, port+1, ...) until Ctrl-C, so redis-cli, redis-benchmark and Jedis can use it.",
            "Virtual time runs at wall-clock pace."})
public final class ServeCommand implements Callable<Integer> {
    /** A node's cluster bus port is port+10000 and must be a valid port (Redis refuses more). */
    public static final int MAX_PORT = 65535 - 10000;

    @Option(names = "--masters", defaultValue = "3", paramLabel = "N",
            description = "Masters of the ready cluster (default: ${DEFAULT-VALUE}).")
    int masters;

    @Option(names = "--replicas", defaultValue = "0", paramLabel = "N",
            description = "Replicas per master (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--port", defaultValue = "7000", paramLabel = "PORT",
            description = "Port of the first node; the others follow (default: ${DEFAULT-VALUE}, at most " + MAX_PORT + ").")
    int port;

    @Option(names = "--empty", paramLabel = "N",
            description = "Instead of a ready cluster, start N empty nodes that know nobody and own no slot"
                    + ", like fresh redis-servers (build the cluster with redis-cli --cluster create).")
    Integer empty;

    @Option(names = "--spare", defaultValue = "0", paramLabel = "N",
            description = "Extra empty nodes after the ready cluster's ports, for add-node demos (default: ${DEFAULT-VALUE}).")
    int spare;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the simulation; the same seed and the same inputs give the same run (default: random, printed).")
    Long seed;

    @Option(names = "--node-timeout", defaultValue = "15000", paramLabel = "MS",
            description = "cluster-node-timeout of every node, in milliseconds (default: ${DEFAULT-VALUE}).")
    long nodeTimeout;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback exposes"
                    + " password-less nodes to other hosts.")
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The running cluster once {@link #call()} has started it (tests stop it through this). */
    volatile Serving serving;

    /** One started node as the startup listing shows it. */
    public record NodeLine(String address, String id, String role) {
        @Override
        public String toString() {
            return address + " " + id + " " + role;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Serving serving;
        try {
            serving = start();
            this.serving = serving;
        } catch (BindFailedException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return SlotScopeCli.EXIT_PORT_UNAVAILABLE;
        }
        if (!serving.loopbackOnly()) {
            err.println("WARNING: listening on " + bind + ": the simulated nodes accept connections from other"
                    + " hosts and have no password.");
        }
        out.println("SlotScope simulated cluster, seed " + serving.seed() + " (--seed " + serving.seed()
                + " repeats this run), cluster-node-timeout " + nodeTimeout + " ms");
        for (NodeLine line : serving.nodes()) {
            out.println(line);
        }
        out.println("Connect with: redis-cli -c -p " + port);
        out.println("Press Ctrl-C to stop.");
        out.flush();
        err.flush();
        Thread hook = new Thread(serving::close, "slotscope-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        serving.awaitClosed();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is what closed it
        }
        return 0;
    }

    /** Checks the options; a bad one is a picocli usage error (message, usage, exit code 2). */
    void validate() {
        CommandLine cl = spec == null ? new CommandLine(this) : spec.commandLine();
        if (empty != null) {
            if (empty < 1) {
                throw new CommandLine.ParameterException(cl, "--empty must be at least 1, got " + empty);
            }
            if (spec != null) {
                for (String option : List.of("--masters", "--replicas", "--spare")) {
                    if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                        throw new CommandLine.ParameterException(cl,
                                "--empty starts empty nodes only; it cannot be combined with " + option);
                    }
                }
            }
        } else {
            if (masters < 1 || masters > org.slotscope.engine.slot.HashSlot.SLOTS) {
                // each master is given at least one of the 16384 slots
                throw new CommandLine.ParameterException(cl, "--masters must be from 1 to 16384, got " + masters);
            }
            if (replicas < 0) {
                throw new CommandLine.ParameterException(cl, "--replicas cannot be negative, got " + replicas);
            }
            if (spare < 0) {
                throw new CommandLine.ParameterException(cl, "--spare cannot be negative, got " + spare);
            }
        }
        if (nodeTimeout < 1) {
            throw new CommandLine.ParameterException(cl, "--node-timeout must be a positive number of milliseconds, got "
                    + nodeTimeout);
        }
        if (port < 1) {
            throw new CommandLine.ParameterException(cl, "--port must be between 1 and " + MAX_PORT + ", got " + port);
        }
        long last = (long) port + nodeCount() - 1;
        if (last > MAX_PORT) {
            throw new CommandLine.ParameterException(cl, "port " + last + " is too high: each node's cluster bus port"
                    + " is its port + 10000, which must not exceed 65535, so every node port must be at most " + MAX_PORT
                    + (nodeCount() > 1 ? " (" + nodeCount() + " nodes use ports " + port + "-" + last + ")" : ""));
        }
    }

    /** How many nodes the options ask for. */
    long nodeCount() {
        if (empty != null) {
            return empty;
        }
        return (long) masters * (1 + replicas) + spare;
    }

    /** The address nodes announce (CLUSTER NODES, MOVED): the bind address, or loopback for a wildcard. */
    String announcedHost() {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? SimCluster.DEFAULT_HOST : bind;
    }

    /** Validates, builds the cluster and opens every port; the caller owns the result. */
    Serving start() throws BindFailedException {
        validate();
        boolean loopbackOnly;
        try {
            loopbackOnly = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec == null ? new CommandLine(this) : spec.commandLine(),
                    "--bind: unknown address " + bind);
        }
        long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
        NodeConfig defaults = new NodeConfig().nodeTimeout(nodeTimeout);
        SimCluster cluster = new SimCluster(chosenSeed, defaults,
                new EventLog(EventLog.DEFAULT_RETAINED, false), CommandTable.standard());
        EngineLoop loop = RespServer.newEngineLoop(cluster, "slotscope-engine");
        String host = announcedHost();
        List<NodeLine> lines = loop.call(c -> {
            List<ClusterNode> nodes = new ArrayList<>();
            if (empty != null) {
                for (int i = 0; i < empty; i++) {
                    nodes.add(c.startNode(host, port + i));
                }
            } else {
                // built as redis-cli --cluster create builds it: ADDSLOTS, MEET, gossip, REPLICATE
                nodes.addAll(c.createClusterThroughBus(host, port, masters, replicas));
                int next = port + nodes.size();
                for (int i = 0; i < spare; i++) {
                    nodes.add(c.startNode(host, next + i));
                }
            }
            List<NodeLine> described = new ArrayList<>();
            for (ClusterNode node : nodes) {
                described.add(describe(node));
            }
            return described;
        }).join();
        RespServer server = new RespServer(loop, bind);
        try {
            server.start();
        } catch (BindFailedException e) {
            loop.close();
            throw e;
        }
        // Clients send real UNIX times (EXPIREAT, SET PXAT): virtual time is aligned with the wall
        // clock at the moment it starts to run.
        loop.execute(() -> cluster.setUnixMillisAtZero(System.currentTimeMillis() - cluster.now()));
        loop.play();
        return new Serving(chosenSeed, lines, loop, server, loopbackOnly);
    }

    static NodeLine describe(ClusterNode node) {
        KnownNode self = node.state().myself();
        String role;
        if (self.master() != null) {
            role = "replica of " + self.master().id();
        } else if (self.slotCount() == 0) {
            role = "master (no slots)";
        } else {
            role = "master " + ClusterNodesFormat.slotRangesText(self.slots());
        }
        return new NodeLine(node.host() + ":" + node.port(), node.id().toString(), role);
    }

    /** A running `serve`: closing it closes every port, then stops the engine. */
    public static final class Serving implements AutoCloseable {
        private final long seed;
        private final List<NodeLine> nodes;
        private final EngineLoop loop;
        private final RespServer server;
        private final boolean loopbackOnly;
        private final CountDownLatch closed = new CountDownLatch(1);

        Serving(long seed, List<NodeLine> nodes, EngineLoop loop, RespServer server, boolean loopbackOnly) {
            this.seed = seed;
            this.nodes = List.copyOf(nodes);
            this.loop = loop;
            this.server = server;
            this.loopbackOnly = loopbackOnly;
        }

        public long seed() {
            return seed;
        }

        public List<NodeLine> nodes() {
            return nodes;
        }

        public RespServer server() {
            return server;
        }

        public EngineLoop loop() {
            return loop;
        }

        public boolean loopbackOnly() {
            return loopbackOnly;
        }

        public void awaitClosed() throws InterruptedException {
            closed.await();
        }

        @Override
        public synchronized void close() {
            if (closed.getCount() == 0) {
                return;
            }
            server.close();
            loop.close();
            closed.countDown();
        }
    }
}
