package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real redis-server on a free loopback port, with whatever extra options a test needs
 * (requirepass, TLS, cluster-enabled, enable-debug-command). A child of the test in a temporary
 * directory; skips the test without redis-server, except on CI.
 */
public final class RealServer implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final int port;

    private RealServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts redis-server with these extra options ("{port}" in one stands for the free port found) and
     * waits until the port accepts connections.
     */
    public static RealServer start(List<String> options) throws IOException, InterruptedException {
        Path redisServer = RedisBinaries.requireRedisServer();
        Path dir = Files.createTempDirectory("slotscope-real-server");
        int port = FreePorts.one();
        List<String> command = new ArrayList<>(List.of(redisServer.toString(), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString()));
        // --port comes from the options when a test wants it elsewhere (a TLS-only server has --port 0)
        if (options.stream().noneMatch(o -> o.equals("--port"))) {
            command.addAll(List.of("--port", String.valueOf(port)));
        }
        command.addAll(options.stream().map(o -> o.replace("{port}", String.valueOf(port))).toList());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        RealServer server = new RealServer(process, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!FreePorts.accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = server.log();
                server.close();
                fail("redis-server did not start (" + (process.isAlive() ? "still running" : "exit "
                        + process.exitValue()) + "):\n" + log);
            }
            Thread.sleep(50);
        }
        return server;
    }

    /** The port the server listens on (its TLS port when started with --tls-port {port}). */
    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** What the server logged so far. */
    public String log() throws IOException {
        Path log = dir.resolve("redis.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        FileTrees.delete(dir);
    }
}
