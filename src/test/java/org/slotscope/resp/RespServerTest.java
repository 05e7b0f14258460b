package org.slotscope.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;
import org.slotscope.engine.node.ServerStats;
import org.slotscope.testsupport.FreePorts;

class RespServerTest {
    private static final String HOST = "127.0.0.1";

    private int base;
    private EngineLoop loop;
    private List<ClusterNode> nodes;
    private RespServer server;

    @BeforeEach
    void startThreeMasters() throws BindFailedException {
        base = FreePorts.consecutive(4);
        SimCluster cluster = new SimCluster(7, new NodeConfig(), new EventLog(), TestCommands.table());
        loop = RespServer.newEngineLoop(cluster, "test-engine");
        nodes = loop.call(c -> c.createReadyCluster(HOST, base, 3, 0)).join();
        server = new RespServer(loop, HOST);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }


    @Test
    void everyNodeListensOnItsOwnPort() throws IOException {
        assertEquals(List.of(base, base + 1, base + 2), server.listeningPorts());
        for (int i = 0; i < 3; i++) {
            try (RawClient client = new RawClient(base + i)) {
                client.send("PING\r\n").expect("+PONG\r\n");
            }
        }
    }

    @Test
    void pipelinedCommandsInOneWriteAreAnsweredInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String word = "w" + i;
            requests.append("*2\r\n$4\r\nECHO\r\n$").append(word.length()).append("\r\n").append(word).append("\r\n");
            replies.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        try (RawClient client = new RawClient(base)) {
            client.send(requests.toString()).expect(replies.toString());
        }
    }

    @Test
    void longPipelinesSentInSeveralWritesKeepTheirOrder() throws Exception {
        // More commands than one engine turn runs, arriving in several reads: every reply comes
        // back, in order (redis-cli --pipe closes as soon as its final ECHO is answered, so a reply
        // overtaking earlier ones would lose the rest).
        StringBuilder expected = new StringBuilder();
        try (RawClient client = new RawClient(base)) {
            for (int chunk = 0; chunk < 6; chunk++) {
                StringBuilder requests = new StringBuilder();
                for (int i = 0; i < RespConnection.MAX_COMMANDS_PER_TURN + 100; i++) {
                    String word = chunk + "-" + i;
                    requests.append("*2\r\n$4\r\nECHO\r\n$").append(word.length()).append("\r\n").append(word)
                            .append("\r\n");
                    expected.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
                }
                client.send(requests.toString());
                Thread.sleep(2);
            }
            client.expect(expected.toString());
        }
    }

    @Test
    void aFrameSplitAcrossWritesIsAnsweredOnceComplete() throws Exception {
        try (RawClient client = new RawClient(base)) {
            client.send("*2\r\n$4\r\nEC");
            client.expectSilence(150);
            client.send("HO\r\n$5\r\nhel");
            client.expectSilence(150);
            client.send("lo\r\n").expect("$5\r\nhello\r\n");
        }
    }

    @Test
    void everyCapturedRequestGetsTheBytesRedisSent() throws IOException {
        for (RespFixtures.Case c : RespFixtures.all("protocol.txt")) {
            try (RawClient client = new RawClient(base)) {
                client.send(c.request());
                if (c.closed()) {
                    assertEquals(c.replyText(), new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1),
                            c.name());
                } else {
                    client.expect(c.reply());
                    client.expectSilence(100);
                }
            } catch (AssertionError e) {
                throw new AssertionError(c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aProtocolErrorClosesOnlyThatConnection() throws IOException {
        try (RawClient good = new RawClient(base); RawClient bad = new RawClient(base)) {
            good.send("PING\r\n").expect("+PONG\r\n");
            bad.send("*1\r\n$4\r\nPING\r\n*1\r\nx\r\n");
            assertEquals("+PONG\r\n-ERR Protocol error: expected '$', got 'x'\r\n",
                    new String(bad.readUntilClosed(), StandardCharsets.ISO_8859_1));
            good.send("ECHO still-here\r\n").expect("$10\r\nstill-here\r\n");
            try (RawClient another = new RawClient(base)) {
                another.send("PING\r\n").expect("+PONG\r\n");
            }
        }
    }

    @Test
    void quitRepliesThenClosesWithoutRunningTheRestOfThePipeline() throws Exception {
        try (RawClient client = new RawClient(base)) {
            client.send("ECHO a\r\nQUIT\r\nSET k v\r\n");
            assertEquals("$1\r\na\r\n+OK\r\n", new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1));
        }
        ClusterNode first = nodes.get(0);
        // k hashes to slot 7629, owned by the second node: had SET run, it would have been redirected;
        // check on the owner that nothing arrived there either
        assertEquals(0L, (long) loop.call(c -> c.node(nodes.get(1).id()).keyspace().size()).join());
        assertEquals(0L, (long) loop.call(c -> c.node(first.id()).keyspace().size()).join());
    }

    @Test
    void repliesFollowTheProtocolChosenWithHello() throws IOException {
        try (RawClient client = new RawClient(base)) {
            client.send("SCORE\r\nHELLO 2\r\n").expect("$19\r\n0.10000000000000001\r\n*2\r\n$5\r\nproto\r\n:2\r\n");
            client.send("HELLO 3\r\nSCORE\r\nGET nosuchkey{b}\r\n")
                    .expect("%1\r\n$5\r\nproto\r\n:3\r\n,0.10000000000000001\r\n_\r\n");
        }
    }

    @Test
    void keyedCommandOnTheWrongNodeGetsMoved() throws IOException {
        try (RawClient client = new RawClient(base)) {
            client.send("SET foo bar\r\n").expect("-MOVED 12182 127.0.0.1:" + (base + 2) + "\r\n");
        }
        try (RawClient owner = new RawClient(base + 2)) {
            owner.send("SET foo bar\r\nGET foo\r\n").expect("+OK\r\n$3\r\nbar\r\n");
        }
    }

    @Test
    void stoppedNodeClosesItsPortAndConnectionsWhileOthersKeepServing() throws Exception {
        try (RawClient onFirst = new RawClient(base); RawClient onSecond = new RawClient(base + 1)) {
            onFirst.send("PING\r\n").expect("+PONG\r\n");
            loop.call(c -> {
                c.stopNode(c.node(nodes.get(0).id()), "test crash");
                return null;
            }).join();
            assertEquals(0, onFirst.readUntilClosed().length);
            eventually("port " + base + " refuses connections", () -> FreePorts.refusesConnections(base));
            onSecond.send("PING\r\n").expect("+PONG\r\n");
            assertEquals(List.of(base + 1, base + 2), server.listeningPorts());
        }
    }

    @Test
    void shutdownStopsTheNodeWithoutReplyingAndDropsTheRestOfThePipeline() throws Exception {
        // redis-server 7.0.15 exits with the earlier replies of the same read still unsent
        RespFixtures.Case redis = RespFixtures.load("shutdown.txt").get("shutdownDropsPendingReplies");
        try (RawClient client = new RawClient(base + 1)) {
            client.send(redis.request());
            assertTrue(redis.closed());
            assertEquals(redis.replyText(), new String(client.readUntilClosed(), StandardCharsets.ISO_8859_1));
        }
        eventually("port " + (base + 1) + " refuses connections", () -> FreePorts.refusesConnections(base + 1));
        assertEquals(false, loop.call(c -> c.node(nodes.get(1).id()).isRunning()).join());
    }

    @Test
    void statsCountBytesAndConnectedClients() throws Exception {
        ClusterNode node = nodes.get(0);
        byte[] ping = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RawClient client = new RawClient(base)) {
            client.send(ping).expect("+PONG\r\n");
            ServerStats stats = loop.call(c -> node.stats()).join();
            assertEquals(ping.length, loop.call(c -> stats.netInputBytes).join());
            assertEquals(7L, (long) loop.call(c -> stats.netOutputBytes).join());
            assertEquals(1, (int) loop.call(c -> stats.connectedClients).join());
            assertEquals(1L, (long) loop.call(c -> stats.connectionsReceived).join());
        }
        eventually("the client is disconnected",
                () -> loop.call(c -> node.stats().connectedClients).join() == 0);
    }

    @Test
    void connectionsOverMaxclientsGetTheErrorAndAreClosed() throws Exception {
        loop.call(c -> c.node(nodes.get(0).id()).config().maxClients(1)).join();
        RespFixtures.Case redis = RespFixtures.load("maxclients.txt").get("secondClientOverMaxclients");
        try (RawClient first = new RawClient(base)) {
            first.send("PING\r\n").expect("+PONG\r\n");
            try (RawClient second = new RawClient(base)) {
                second.send(redis.request());
                assertEquals(redis.replyText(), new String(second.readUntilClosed(), StandardCharsets.ISO_8859_1));
            }
            first.send("PING\r\n").expect("+PONG\r\n");
        }
        eventually("the first client is gone", () -> loop.call(c -> nodes.get(0).stats().connectedClients).join() == 0);
        try (RawClient third = new RawClient(base)) {
            third.send("PING\r\n").expect("+PONG\r\n");
        }
    }

    @Test
    void aFailingCommandGetsAnErrorReplyAndThePipelineGoesOn() throws IOException {
        try (RawClient client = new RawClient(base)) {
            client.send("ECHO a\r\nBOOM\r\nECHO b\r\n")
                    .expect("$1\r\na\r\n-ERR internal error in the simulator: java.lang.IllegalStateException: a defect\r\n"
                            + "$1\r\nb\r\n");
        }
    }

    @Test
    void aNodeStartedLaterIsServedOnItsPort() throws Exception {
        loop.call(c -> c.startNode(HOST, base + 3)).join();
        eventually("port " + (base + 3) + " accepts", () -> server.listeningPorts().contains(base + 3));
        try (RawClient client = new RawClient(base + 3)) {
            client.send("PING\r\n").expect("+PONG\r\n");
        }
    }

    @Test
    void closeReleasesEveryPortAndConnection() throws Exception {
        try (RawClient client = new RawClient(base)) {
            client.send("PING\r\n").expect("+PONG\r\n");
            server.close();
            assertEquals(0, client.readUntilClosed().length);
        }
        for (int i = 0; i < 3; i++) {
            int port = base + i;
            // (a plain bind test would fail for a while: the closed connection leaves a TIME_WAIT on the port)
            eventually("port " + port + " refuses connections", () -> FreePorts.refusesConnections(port));
        }
    }

    @Test
    void startFailsWithPortInUseAndLeavesNothingListening() throws Exception {
        int other = FreePorts.consecutive(3);
        SimCluster cluster = new SimCluster(8, new NodeConfig(), new EventLog(), TestCommands.table());
        try (EngineLoop otherLoop = RespServer.newEngineLoop(cluster, "test-engine-2");
                ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), other + 1));
            otherLoop.call(c -> c.createReadyCluster(HOST, other, 3, 0)).join();
            RespServer failing = new RespServer(otherLoop, HOST);
            BindFailedException e = assertThrows(BindFailedException.class, failing::start);
            assertTrue(e.inUse());
            assertEquals(other + 1, e.port());
            assertTrue(e.getMessage().startsWith("port " + (other + 1) + " is already in use: "), e.getMessage());
            assertTrue(FreePorts.isFree(other), "the port opened before the failure is closed again");
            assertTrue(FreePorts.isFree(other + 2));
            assertArrayEquals(new Object[0], failing.listeningPorts().toArray());
        }
    }
}
