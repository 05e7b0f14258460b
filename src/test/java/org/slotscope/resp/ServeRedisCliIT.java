package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RedisBinaries;

/**
 * The packaged jar, run as users run it: `java -jar slotscope.jar serve --masters 3 --port P` in a
 * separate process, driven by the real redis-cli. Runs in `mvn verify` (failsafe), which sets
 * the system property slotscope.jar.
 */
class ServeRedisCliIT {
    private static Process serve;
    private static Path log;
    private static int port;
    private static Path redisCli;

    @BeforeAll
    static void startServe() throws Exception {
        redisCli = RedisBinaries.requireRedisCli();
        String jar = System.getProperty("slotscope.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "system property slotscope.jar must name the packaged jar (mvn verify sets it): " + jar);
        port = FreePorts.consecutive(3);
        log = Files.createTempFile("slotscope-serve", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        serve = new ProcessBuilder(java, "-jar", jar, "serve", "--masters", "3", "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!answers(port + 2)) {
            if (!serve.isAlive() || System.nanoTime() > deadline) {
                fail("serve did not open its ports (exit " + (serve.isAlive() ? "none" : serve.exitValue())
                        + "):\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.destroy(); // SIGTERM: the shutdown hook closes the ports
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    private static boolean answers(int p) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String redisCli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(redisCli.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(new File("/dev/null")).start();
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "redis-cli finished");
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void printsEveryNodeAndHowToConnect() throws IOException {
        String printed = Files.readString(log);
        assertTrue(printed.matches("(?s).*127\\.0\\.0\\.1:" + port + " [0-9a-f]{40} master 0-5460\\n.*"), printed);
        assertTrue(printed.contains("redis-cli -c -p " + port), printed);
    }

    @Test
    void pingAnswersPong() throws Exception {
        assertEquals("PONG", redisCli("-p", String.valueOf(port), "PING"));
    }

    @Test
    void setOnANodeThatDoesNotOwnTheSlotPrintsMoved() throws Exception {
        // foo hashes to slot 12182, owned by the third master (10923-16383)
        assertEquals("MOVED 12182 127.0.0.1:" + (port + 2), redisCli("-p", String.valueOf(port), "SET", "foo", "bar"));
    }

    @Test
    void clusterModeFollowsMovedForSetThenGet() throws Exception {
        assertEquals("OK", redisCli("-c", "-p", String.valueOf(port), "SET", "foo", "bar"));
        assertEquals("bar", redisCli("-c", "-p", String.valueOf(port), "GET", "foo"));
    }
}
