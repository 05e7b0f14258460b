package org.slotscope.engine.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.ClusterNode;

class ConnectionCommandsTest {
    private final SimCluster cluster = new SimCluster(3);
    private final List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 30001, 3, 0);
    private final ClusterNode node = nodes.get(0);
    private ClientSession session = cluster.connect(node, "127.0.0.1:5000");

    /** CONFIG SET requirepass, then a new connection (the old ones stay authenticated, as in Redis). */
    private void requirePassAndReconnect(String password) {
        assertEquals(Reply.OK, run("config", "set", "requirepass", password));
        assertEquals(Reply.PONG, run("ping"), "a client connected before the password keeps working");
        session = cluster.connect(node, "127.0.0.1:5001");
    }

    private Reply run(String... words) {
        return cluster.execute(node, session, words);
    }

    @Test
    void askingFlagSurvivesOnlyUntilTheNextCommand() {
        assertEquals(Reply.OK, run("asking"));
        assertTrue(session.asking(), "ASKING itself keeps the flag");
        run("ping");
        assertFalse(session.asking(), "any other command clears it (resetClient)");
    }

    @Test
    void askingFlagIsClearedByARejectedCommand() {
        run("asking");
        run("echo"); // arity error
        assertFalse(session.asking());
    }

    @Test
    void readonlyAndReadwriteToggleTheSessionFlag() {
        run("readonly");
        assertTrue(session.readonly());
        run("readwrite");
        assertFalse(session.readonly());
    }

    @Test
    void selectAcceptsOnlyDatabaseZeroInClusterMode() {
        assertEquals(Reply.OK, run("select", "0"));
        assertEquals(Reply.err("SELECT is not allowed in cluster mode"), run("select", "5"));
        assertEquals(0, session.db());
    }

    @Test
    void quitAnswersOkAndAsksToCloseTheConnection() {
        assertEquals(Reply.OK, run("quit"));
        assertTrue(session.closeRequested());
    }

    @Test
    void timeFollowsTheVirtualClock() {
        cluster.runFor(2_500);
        long micros = (SimCluster.DEFAULT_UNIX_MILLIS_AT_ZERO + cluster.now()) * 1000;
        assertEquals(Reply.bulkStrings(List.of(Long.toString(micros / 1_000_000), Long.toString(micros % 1_000_000))),
                run("time"));
        assertEquals(Reply.bulkStrings(List.of("1767225602", "500000")), run("time")); // 2026-01-01T00:00:02.5Z
    }

    @Test
    void shutdownStopsTheNodeWithoutAReply() {
        assertNull(run("shutdown", "nosave"));
        assertFalse(node.isRunning());
        assertTrue(session.closeRequested());
        assertTrue(cluster.events().recent(ClusterEvent.NodeStopped.class).stream()
                .anyMatch(stopped -> stopped.node().equals(node.id()) && stopped.reason().equals("SHUTDOWN")));
    }

    @Test
    void shutdownWithBadOptionsKeepsTheNodeRunning() {
        assertEquals(Reply.err("syntax error"), run("shutdown", "save", "nosave"));
        assertEquals(Reply.err("No shutdown in progress."), run("shutdown", "abort"));
        assertTrue(node.isRunning());
    }

    @Test
    void requirepassBlocksCommandsUntilAuth() {
        requirePassAndReconnect("s3cret");
        assertEquals(Reply.error("NOAUTH Authentication required."), run("ping"));
        assertEquals(ServerCommands.WRONGPASS, run("auth", "wrong"));
        assertEquals(Reply.error("NOAUTH Authentication required."), run("ping"));
        assertEquals(Reply.OK, run("auth", "s3cret"));
        assertEquals(Reply.PONG, run("ping"));
    }

    @Test
    void authWithUserNameAcceptsOnlyTheDefaultUser() {
        requirePassAndReconnect("pw");
        assertEquals(ServerCommands.WRONGPASS, run("auth", "alice", "pw"));
        assertEquals(Reply.OK, run("auth", "default", "pw"));
    }

    @Test
    void helloCanAuthenticateSetTheNameAndSwitchToResp3() {
        requirePassAndReconnect("pw");
        Reply refused = run("hello", "3");
        assertTrue(refused.isError() && ((Reply.Error) refused).code().equals("NOAUTH"));
        assertEquals(2, session.protocol(), "a refused HELLO changes nothing");
        Reply reply = run("hello", "3", "auth", "default", "pw", "setname", "teacher");
        assertTrue(reply instanceof Reply.MapReply);
        assertEquals(3, session.protocol());
        assertEquals("teacher", session.name());
        assertEquals(Reply.PONG, run("ping"));
    }

    @Test
    void helloReportsTheReplicaRole() {
        SimCluster other = new SimCluster(5);
        ClusterNode replica = other.createReadyCluster("127.0.0.1", 30001, 1, 1).get(1);
        Reply.MapReply map = (Reply.MapReply) other.execute(replica, other.connect(replica, "x:1"), "hello");
        int role = map.keysAndValues().indexOf(Reply.bulk("role"));
        assertEquals(Reply.bulk("replica"), map.keysAndValues().get(role + 1));
    }

    @Test
    void helloWithAnUnsupportedVersionKeepsTheProtocol() {
        assertEquals(Reply.error("NOPROTO unsupported protocol version"), run("hello", "4"));
        assertEquals(2, session.protocol());
    }
}
