package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar's `serve`, started as users start it: `java -jar slotscope.jar serve ...` in its
 * own process. Integration tests (failsafe, `mvn verify`) get the jar's path from the system
 * property slotscope.jar.
 */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int firstPort;

    private ServeProcess(Process process, Path log, int firstPort) {
        this.process = process;
        this.log = log;
        this.firstPort = firstPort;
    }

    /** Starts serve on free ports and waits until the node on the last of {@code nodes} ports answers. */
    public static ServeProcess start(int nodes, String... options) throws IOException, InterruptedException {
        String jar = System.getProperty("slotscope.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "system property slotscope.jar must name the packaged jar (mvn verify sets it): " + jar);
        int port = FreePorts.consecutive(nodes);
        Path log = Files.createTempFile("slotscope-serve", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "serve",
                "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServeProcess serve = new ServeProcess(process, log, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!FreePorts.accepts(port + nodes - 1)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String printed = serve.output();
                serve.close();
                fail("serve did not open its ports (" + (process.isAlive() ? "still running" : "exit "
                        + process.exitValue()) + "):\n" + printed);
            }
            Thread.sleep(100);
        }
        return serve;
    }

    public int port(int index) {
        return firstPort + index;
    }

    /** Everything serve printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }


    /** SIGTERM (the shutdown hook closes every port), then a kill if it does not stop. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
