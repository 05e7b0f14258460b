package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * The packaged jar, run as users run it: `java -jar slotscope.jar serve --masters 3 --port P` in a
 * separate process, driven by the real redis-cli. Runs in `mvn verify` (failsafe), which sets
 * the system property slotscope.jar.
 */
class ServeRedisCliIT {
    private static ServeProcess serve;
    private static RedisCli cli;
    private static String port;

    @BeforeAll
    static void startServe() throws Exception {
        cli = RedisCli.require();
        serve = ServeProcess.start(3, "--masters", "3");
        port = String.valueOf(serve.port(0));
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void printsEveryNodeAndHowToConnect() throws Exception {
        // serve opens its ports a moment before it prints the listing: wait for the last line
        String printed = serve.output();
        for (int i = 0; i < 100 && !printed.contains("Press Ctrl-C to stop."); i++) {
            Thread.sleep(100);
            printed = serve.output();
        }
        assertTrue(printed.matches("(?s).*127\\.0\\.0\\.1:" + port + " [0-9a-f]{40} master 0-5460\\n.*"), printed);
        assertTrue(printed.contains("redis-cli -c -p " + port), printed);
    }

    @Test
    void pingAnswersPong() {
        assertEquals("PONG", cli.run("-p", port, "PING"));
    }

    @Test
    void setOnANodeThatDoesNotOwnTheSlotPrintsMoved() {
        // foo hashes to slot 12182, owned by the third master (10923-16383)
        assertEquals("MOVED 12182 127.0.0.1:" + serve.port(2), cli.run("-p", port, "SET", "foo", "bar"));
    }

    @Test
    void clusterModeFollowsMovedForSetThenGet() {
        assertEquals("OK", cli.run("-c", "-p", port, "SET", "foo", "bar"));
        assertEquals("bar", cli.run("-c", "-p", port, "GET", "foo"));
    }

    @Test
    void waitAndDebugSleepBlockTheClientOnTheVirtualClock() {
        // no replicas in this cluster: WAIT 1 200 gives up after 200 ms with 0 acknowledgements
        long start = System.nanoTime();
        assertEquals("0", cli.run("-p", port, "WAIT", "1", "200"));
        assertEquals("OK", cli.run("-p", port, "DEBUG", "SLEEP", "0.3"));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 450, "both blocked for their time: " + elapsedMillis + " ms");
        assertEquals("PONG", cli.run("-p", port, "PING"), "awake again");
    }
}
