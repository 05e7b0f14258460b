package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.ClusterSettle;
import org.slotscope.testsupport.RealCluster;
import org.slotscope.testsupport.RedisCli;
import org.slotscope.testsupport.ServeProcess;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Jedis's cluster clients, unchanged, through a reshard (the real redis-cli moving 2000 slots to a
 * node just added) and a failover (a master killed: `SLOTSCOPE CRASH` on serve, SIGKILL on Redis),
 * against `serve` and against a real Redis 7 cluster of the same shape, with the same node timeout.
 * A writer uses JedisCluster with its connection pool configured, a reader RedisClusterClient (the
 * builder API); both run all the time.
 *
 * <p>What must hold on both: during the reshard no call fails (Jedis follows MOVED and ASK); during
 * the failover the only failures are the ones Jedis raises while a master is unreachable
 * (JedisConnectionException, JedisClusterOperationException "No more cluster attempts left"), and
 * none once the replica has taken over; a read never returns another key's value; every write
 * acknowledged before the victim's replica confirmed it (WAIT) is still there at the end. Writes
 * acknowledged in the last moment before the kill may be lost (asynchronous replication); how many
 * were is printed, for both.
 */
class JedisClusterIT {
    /**
     * What Jedis raises against real Redis while a master is down: a connection refused (or timed
     * out) until its attempts run out, and "-CLUSTERDOWN The cluster is down", which every node of a
     * real Redis 7 cluster answers from the moment it marks the master FAIL until the replica is
     * promoted (about a second; pitfall 5 of the shared baseline). Jedis does not retry CLUSTERDOWN.
     */
    private static final Set<String> UNREACHABLE_MASTER_ERRORS = Set.of("JedisConnectionException",
            "JedisClusterOperationException", "JedisClusterException CLUSTERDOWN");

    /** How to kill master {@code index} (0-2) of the cluster. */
    private interface Killer {
        void kill(int index) throws Exception;
    }

    @Test
    void jedisThroughReshardAndFailoverOnServe() throws Exception {
        RedisCli cli = RedisCli.require();
        try (ServeProcess serve = ServeProcess.start(7, "--masters", "3", "--replicas", "1", "--spare", "1",
                "--node-timeout", "5000")) {
            int[] ports = new int[7];
            for (int i = 0; i < 7; i++) {
                ports[i] = serve.port(i);
            }
            Report report = scenario(cli, ports, index -> assertEquals("OK", cli.run("-p", String.valueOf(ports[0]),
                    "SLOTSCOPE", "CRASH", "127.0.0.1:" + ports[index])));
            System.out.println("serve: " + report);
        }
    }

    @Test
    void theSameOnARealRedisCluster() throws Exception {
        RedisCli cli = RedisCli.require();
        try (RealCluster real = RealCluster.start(3, 1)) {
            int[] ports = new int[7];
            for (int i = 0; i < 6; i++) {
                ports[i] = real.port(i);
            }
            ports[6] = real.startSpareNode();
            Report report = scenario(cli, ports, real::stop);
            System.out.println("real Redis: " + report);
        }
    }

    /** Failures by phase and exception, and acknowledged writes lost at failover. */
    private record Report(Map<String, Integer> failures, int written, int lostAtFailover) {
    }

    /** A client calling in a loop until stopped, counting failures by phase and exception class. */
    private static final class Loop extends Thread {
        final AtomicReference<String> phase;
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        final List<String> examples = Collections.synchronizedList(new ArrayList<>());
        volatile boolean stop;
        private final Step step;

        interface Step {
            void run() throws Exception;
        }

        Loop(String name, AtomicReference<String> phase, Step step) {
            super(name);
            this.phase = phase;
            this.step = step;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    step.run();
                } catch (AssertionError e) {
                    wrong.add(e.getMessage());
                } catch (Exception e) {
                    failures.merge(phase.get() + " " + kind(e), 1, Integer::sum);
                    if (examples.size() < 5) {
                        examples.add(phase.get() + ": " + e);
                    }
                }
            }
        }
    }

    /** The exception's class; for an error reply also its first word (MOVED, CLUSTERDOWN, ERR, ...). */
    private static String kind(Exception e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof redis.clients.jedis.exceptions.JedisDataException && e.getMessage() != null) {
            kind += " " + e.getMessage().split(" ")[0];
        }
        return kind;
    }

    private static Report scenario(RedisCli cli, int[] ports, Killer killer) throws Exception {
        Set<HostAndPort> seeds = Set.of(new HostAndPort("127.0.0.1", ports[0]));
        JedisClientConfig config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000)
                .socketTimeoutMillis(2000).build();
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(8);
        pool.setMaxIdle(8);
        AtomicReference<String> phase = new AtomicReference<>("start");
        AtomicInteger acknowledged = new AtomicInteger();
        int safe;
        try (JedisCluster writerClient = new JedisCluster(seeds, config, 5, pool);
             UnifiedJedis readerClient = RedisClusterClient.builder().nodes(seeds).clientConfig(config).maxAttempts(5)
                     .build()) {
            Loop writer = new Loop("jedis-writer", phase, () -> {
                int i = acknowledged.get();
                assertEquals("OK", writerClient.set("k:" + i, "v" + i));
                acknowledged.incrementAndGet();
            });
            Loop reader = new Loop("jedis-reader", phase, () -> {
                int n = acknowledged.get();
                if (n == 0) {
                    Thread.sleep(1);
                    return;
                }
                int i = (int) (Math.random() * n);
                String value = readerClient.get("k:" + i);
                // a read may miss a write lost at failover, never see another key's value
                if (value != null && !value.equals("v" + i)) {
                    throw new AssertionError("k:" + i + " read " + value);
                }
                if (value == null && !phase.get().startsWith("failover") && !phase.get().equals("after")) {
                    throw new AssertionError("k:" + i + " missing during " + phase.get());
                }
            });
            writer.start();
            reader.start();
            try {
                Thread.sleep(1000);
                phase.set("reshard");
                String entry = "127.0.0.1:" + ports[0];
                String added = cli.raw(List.of("--cluster", "add-node", "127.0.0.1:" + ports[6], entry));
                assertTrue(added.contains("[OK] New node added correctly."), added);
                ClusterSettle.await(cli, ports[0], 7);
                String newId = cli.run("-p", String.valueOf(ports[6]), "CLUSTER", "MYID");
                RedisCli.Run reshard = cli.exec(List.of("--cluster", "reshard", entry, "--cluster-from", "all",
                        "--cluster-to", newId, "--cluster-slots", "2000", "--cluster-yes", "--cluster-pipeline", "10"), "");
                assertEquals(0, reshard.exit(), reshard.printed());
                ClusterSettle.await(cli, ports[0], 7);
                Thread.sleep(500);

                // every write the victim acknowledged so far reached its replica
                phase.set("failover");
                int victim = 1;
                safe = acknowledged.get();
                try (Jedis direct = new Jedis("127.0.0.1", ports[victim])) {
                    assertEquals(1L, direct.waitReplicas(1, 5000), "the victim's replica acknowledged");
                }
                String victimId = cli.run("-p", String.valueOf(ports[victim]), "CLUSTER", "MYID");
                int replica = replicaOf(cli, ports, victimId);
                killer.kill(victim);
                awaitTakeover(cli, ports[0], ports[replica]);
                phase.set("after");
                Thread.sleep(3000);
            } finally {
                writer.stop = true;
                reader.stop = true;
                writer.join(30_000);
                reader.join(30_000);
            }
            assertEquals(List.of(), reader.wrong, "reads that saw a wrong value or a missing key");
            assertEquals(List.of(), writer.wrong);
            Map<String, Integer> failures = new TreeMap<>(writer.failures);
            reader.failures.forEach((k, v) -> failures.merge(k, v, Integer::sum));
            List<String> examples = new ArrayList<>(writer.examples);
            examples.addAll(reader.examples);
            for (String failure : failures.keySet()) {
                String failurePhase = failure.substring(0, failure.indexOf(' '));
                String kind = failure.substring(failure.indexOf(' ') + 1);
                assertTrue(failurePhase.equals("failover") && UNREACHABLE_MASTER_ERRORS.contains(kind),
                        "a failure Jedis shows only while a master is unreachable: " + failures + " " + examples);
            }
            int written = acknowledged.get();
            assertTrue(written > safe, "the writer went on after the failover: " + written + " " + safe);
            int lost = 0;
            for (int i = 0; i < written; i++) {
                String value = writerClient.get("k:" + i);
                if (value == null) {
                    assertTrue(i >= safe, "k:" + i + " was confirmed by the replica before the kill, and is gone");
                    lost++;
                } else {
                    assertEquals("v" + i, value);
                }
            }
            return new Report(failures, written, lost);
        }
    }

    private static int replicaOf(RedisCli cli, int[] ports, String masterId) {
        for (String line : cli.run("-p", String.valueOf(ports[0]), "CLUSTER", "NODES").split("\n")) {
            String[] f = line.split(" ");
            if (f[3].equals(masterId)) {
                int port = Integer.parseInt(ClusterSettle.port(f[1]));
                for (int i = 0; i < ports.length; i++) {
                    if (ports[i] == port) {
                        return i;
                    }
                }
            }
        }
        throw new AssertionError("no replica of " + masterId);
    }

    /** The replica says it is a master and the entry node is in state ok again. */
    private static void awaitTakeover(RedisCli cli, int entryPort, int replicaPort) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(cli.run("-p", String.valueOf(replicaPort), "ROLE").startsWith("master")
                && cli.run("-p", String.valueOf(entryPort), "CLUSTER", "INFO").contains("cluster_state:ok"))) {
            if (System.nanoTime() > deadline) {
                fail("no failover to 127.0.0.1:" + replicaPort);
            }
            Thread.sleep(100);
        }
    }
}
