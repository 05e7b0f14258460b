package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster for contract tests: N cluster-enabled redis-server processes on free loopback
 * ports (children of the test, in a temporary directory), joined by `redis-cli --cluster create`.
 * Skips the test without redis-server / redis-cli, except on CI where that is a failure.
 */
public final class RealCluster implements AutoCloseable {
    private final List<Process> servers = new ArrayList<>();
    private final Path dir;
    private final int firstPort;
    private final int size;
    private final RedisCli cli;
    /** Whether nodes get a config file (see {@link #start(int, int, boolean)}). */
    private boolean configFile;
    /** Each node's host, for clusters made by {@link #startEmpty}; null means 127.0.0.1 for all. */
    private List<String> hosts;

    private RealCluster(Path dir, int firstPort, int size, RedisCli cli) {
        this.dir = dir;
        this.firstPort = firstPort;
        this.size = size;
        this.cli = cli;
    }

    /** Starts {@code masters} masters with {@code replicas} replicas each and waits until all agree. */
    public static RealCluster start(int masters, int replicas) throws IOException, InterruptedException {
        return start(masters, replicas, false);
    }

    /**
     * The same; with {@code configFile} every node (spare nodes too) is started with a config file, so
     * CONFIG REWRITE works as on an installed server (redis-cli --cluster set-timeout needs it);
     * without one, CONFIG REWRITE fails, which tests of that error rely on.
     */
    public static RealCluster start(int masters, int replicas, boolean configFile)
            throws IOException, InterruptedException {
        Path redisServer = RedisBinaries.requireRedisServer();
        RedisCli cli = RedisCli.require();
        int size = masters * (1 + replicas);
        int port = FreePorts.consecutive(size);
        RealCluster cluster = new RealCluster(Files.createTempDirectory("slotscope-real-cluster"), port, size, cli);
        cluster.configFile = configFile;
        try {
            for (int i = 0; i < size; i++) {
                int p = port + i;
                Path nodeDir = Files.createDirectories(cluster.dir.resolve(String.valueOf(p)));
                cluster.servers.add(new ProcessBuilder(serverCommand(redisServer, nodeDir, cluster.configFile, "--port", String.valueOf(p),
                        "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no", "--dir",
                        nodeDir.toString())).redirectErrorStream(true)
                        .redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
            }
            for (int i = 0; i < size; i++) {
                cluster.await("PONG", "-p", String.valueOf(port + i), "PING");
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            for (int i = 0; i < size; i++) {
                create.add("127.0.0.1:" + (port + i));
            }
            create.addAll(List.of("--cluster-replicas", String.valueOf(replicas), "--cluster-yes"));
            String created = cli.raw(create);
            if (!created.contains("[OK] All 16384 slots covered")) {
                fail("redis-cli --cluster create failed:\n" + created);
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitAgreement(port + i);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public int port(int index) {
        return firstPort + index;
    }

    /**
     * Cluster-enabled redis-servers that know nobody and own no slot, not joined (for create): one
     * per entry of {@code hosts}, on consecutive ports, each bound to its host. Loopback addresses
     * other than 127.0.0.1 (127.0.0.2, ...) stand for separate machines, for redis-cli's host
     * anti-affinity; the server also sends its cluster bus traffic from that address
     * (bind-source-addr), or the others would see every node as 127.0.0.1.
     */
    public static RealCluster startEmpty(String... hosts) throws IOException, InterruptedException {
        Path redisServer = RedisBinaries.requireRedisServer();
        RedisCli cli = RedisCli.require();
        int port = FreePorts.consecutive(hosts.length);
        RealCluster cluster = new RealCluster(Files.createTempDirectory("slotscope-real-empty"), port, hosts.length,
                cli);
        cluster.hosts = List.of(hosts);
        try {
            for (int i = 0; i < hosts.length; i++) {
                int p = port + i;
                Path nodeDir = Files.createDirectories(cluster.dir.resolve(String.valueOf(p)));
                cluster.servers.add(new ProcessBuilder(serverCommand(redisServer, nodeDir, cluster.configFile, "--port", String.valueOf(p),
                        "--bind", hosts[i], "--bind-source-addr", hosts[i], "--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000", "--save", "",
                        "--appendonly", "no", "--dir", nodeDir.toString())).redirectErrorStream(true)
                        .redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
            }
            for (int i = 0; i < hosts.length; i++) {
                cluster.await("PONG", "-h", hosts[i], "-p", String.valueOf(port + i), "PING");
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** host:port of a node (the host is 127.0.0.1 unless {@link #startEmpty} was given others). */
    public String address(int index) {
        return (hosts == null ? "127.0.0.1" : hosts.get(index)) + ":" + port(index);
    }

    /** How many nodes were started (spare nodes not counted). */
    public int size() {
        return size;
    }

    /** One more cluster-enabled redis-server that knows nobody (for add-node); returns its port. */
    public int startSpareNode() throws IOException, InterruptedException {
        Path redisServer = RedisBinaries.requireRedisServer();
        int p = FreePorts.consecutive(1);
        Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(p)));
        servers.add(new ProcessBuilder(serverCommand(redisServer, nodeDir, configFile, "--port", String.valueOf(p), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                "--save", "", "--appendonly", "no", "--dir", nodeDir.toString())).redirectErrorStream(true)
                .redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
        await("PONG", "-p", String.valueOf(p), "PING");
        return p;
    }

    /**
     * Kills node {@code index} (in start order, spare nodes after the cluster's) as a crash would: SIGKILL,
     * so it says goodbye to nobody and the others must detect it (PFAIL, then FAIL, then a failover).
     */
    public void stop(int index) throws InterruptedException {
        Process server = servers.get(index);
        server.destroyForcibly();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            fail("redis-server on port " + port(index) + " did not die");
        }
    }

    /**
     * An empty redis.conf for the node: the options come on the command line, but with a config file
     * CONFIG REWRITE works (redis-cli --cluster set-timeout needs it), as on an installed server.
     */
    private static List<String> serverCommand(Path redisServer, Path nodeDir, boolean configFile, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(redisServer.toString()));
        if (configFile) {
            command.add(Files.writeString(nodeDir.resolve("redis.conf"), "").toString());
        }
        command.addAll(List.of(options));
        return command;
    }

    private void await(String expected, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = cli.run(args);
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("redis-cli " + String.join(" ", args) + " kept answering: " + last);
    }

    /** cluster_state:ok and every node known, as seen from one node. */
    private void awaitAgreement(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String info = cli.run("-p", String.valueOf(port), "CLUSTER", "INFO");
            String nodes = cli.run("-p", String.valueOf(port), "CLUSTER", "NODES");
            if (info.contains("cluster_state:ok") && nodes.lines().count() == size
                    && nodes.lines().noneMatch(l -> l.contains("handshake") || l.contains("noaddr"))) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the real cluster did not settle as seen from port " + port);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process server : servers) {
            server.destroy();
        }
        for (Process server : servers) {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        FileTrees.delete(dir);
    }
}
