package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisBinaries;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;

/**
 * The real `redis-benchmark --cluster` with every test the issue names, one request at a time and
 * with `-P 16`, against `serve` and against a real Redis 7 cluster of the same shape. redis-benchmark
 * 7.0 exits at the first error reply ("We now immediately exit on error"), so every test printing its
 * requests per second and exit status 0 mean no error at all. Then what the run left behind must be
 * what it sent: redis-benchmark puts one hash tag per master in its keys ("counter:{06S}:__rand_int__"),
 * and the INCRs summed over the masters equal the requests issued.
 */
class RedisBenchmarkIT {
    private static final String TESTS = "set,get,incr,lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,mset";
    private static final List<String> TITLES = List.of("SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD",
            "HSET", "SPOP", "ZADD", "MSET (10 keys)");
    private static final int REQUESTS = 20_000;
    /** A multiple of 16: a client claims a whole pipeline's worth of requests at a time. */
    private static final int PIPELINED_REQUESTS = 160_000;

    @Test
    void everyTestRunsCleanOnServe() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(3, "--masters", "3")) {
            benchmark(cli, serve::port);
        }
    }

    @Test
    void theSameRunOnARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 0)) {
            benchmark(cli, real::port);
        }
    }

    private static void benchmark(RedisCli cli, IntUnaryOperator port) throws Exception {
        String printed = run(port.applyAsInt(0), "-n", String.valueOf(REQUESTS), "-c", "20");
        assertEveryTestReported(printed);
        assertEquals(REQUESTS, sumOfCounters(cli, port));
        assertLeftovers(cli, port);

        printed = run(port.applyAsInt(0), "-n", String.valueOf(PIPELINED_REQUESTS), "-c", "20", "-P", "16");
        assertEveryTestReported(printed);
        assertEquals(REQUESTS + PIPELINED_REQUESTS, sumOfCounters(cli, port));
        assertLeftovers(cli, port);
    }

    private static String run(int port, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RedisBinaries.requireRedisBenchmark().toString(), "-h",
                "127.0.0.1", "-p", String.valueOf(port), "--cluster", "-t", TESTS, "-q"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "redis-benchmark did not finish");
        // the progress line is rewritten with \r: keep what stays on screen
        String shown = printed.replaceAll("[^\n]*\r", "");
        assertEquals(0, process.exitValue(), shown);
        return shown;
    }

    /** Every test's final line, with a positive rate, in redis-benchmark's order; no error line. */
    private static void assertEveryTestReported(String printed) {
        Pattern line = Pattern.compile("^(.+): ([0-9.]+) requests per second", Pattern.MULTILINE);
        Matcher m = line.matcher(printed);
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            titles.add(m.group(1).trim());
            assertTrue(Double.parseDouble(m.group(2)) > 0, printed);
        }
        assertEquals(TITLES, titles, printed);
        assertTrue(!printed.contains("Error") && !printed.contains("error"), printed);
    }

    /** The masters' ports, from the first node's CLUSTER NODES. */
    private static List<Integer> masters(RedisCli cli, IntUnaryOperator port) {
        List<Integer> ports = new ArrayList<>();
        for (String l : cli.run("-p", String.valueOf(port.applyAsInt(0)), "CLUSTER", "NODES").split("\n")) {
            String[] f = l.split(" ");
            if (f[2].contains("master")) {
                ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        return ports;
    }

    private static List<String> keys(RedisCli cli, int port, String pattern) {
        String listed = cli.run("-p", String.valueOf(port), "KEYS", pattern);
        return listed.isEmpty() ? List.of() : List.of(listed.split("\n"));
    }

    private static long sumOfCounters(RedisCli cli, IntUnaryOperator port) {
        long sum = 0;
        int tags = 0;
        for (int master : masters(cli, port)) {
            for (String key : keys(cli, master, "counter:*")) {
                sum += Long.parseLong(cli.run("-p", String.valueOf(master), "GET", key));
                tags++;
            }
        }
        assertEquals(3, tags, "one counter per master, under that master's hash tag");
        return sum;
    }

    /** SET and MSET wrote 3 bytes (-d 3), HSET one field, ZADD one member of score 0; SPOP emptied the set. */
    private static void assertLeftovers(RedisCli cli, IntUnaryOperator port) {
        for (int master : masters(cli, port)) {
            String p = String.valueOf(master);
            List<String> strings = keys(cli, master, "key:*");
            assertEquals(1, strings.size(), strings.toString());
            assertEquals("3", cli.run("-p", p, "STRLEN", strings.get(0)));
            List<String> hashes = keys(cli, master, "myhash:*");
            assertEquals(1, hashes.size(), hashes.toString());
            assertEquals("1", cli.run("-p", p, "HLEN", hashes.get(0)));
            assertEquals("3", cli.run("-p", p, "HSTRLEN", hashes.get(0), "element:__rand_int__"));
            List<String> zsets = keys(cli, master, "myzset:*");
            assertEquals(1, zsets.size(), zsets.toString());
            assertEquals("0", cli.run("-p", p, "ZSCORE", zsets.get(0), "element:__rand_int__"));
            assertEquals(List.of(), keys(cli, master, "myset:*"));
        }
    }
}
