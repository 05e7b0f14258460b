package org.slotscope.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.engine.command.Reply;
import org.slotscope.testsupport.FreePorts;
import org.slotscope.testsupport.RealServer;

/**
 * Every way a connection to a real redis-server can fail gives one clear line, the reason a poller
 * needs, and never the password: a wrong password, none (NOAUTH), an ACL user with a wrong password or
 * without the permission, nothing listening, a frozen node, a server not in cluster mode. Against a
 * real redis-server 7 started by the test with requirepass and ACL SETUSER.
 */
class JedisLinkFailureTest {
    private static final String PASSWORD = "Sup3r-S3cret-Pa55";
    private static final String WRONG = "Wr0ng-S3cret-Pa55";
    private static final String ACL_PASSWORD = "Al1ce-S3cret-Pa55";

    private static RealServer server;
    /** Every message and toString a failure produced, checked for credentials at the end. */
    private static final List<String> printed = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(List.of("--requirepass", PASSWORD, "--enable-debug-command", "yes"));
        try (JedisLink admin = new JedisLink("127.0.0.1", server.port(), options(null, PASSWORD, 5000))) {
            assertEquals("OK", text(admin.send("ACL", "SETUSER", "alice", "on", ">" + ACL_PASSWORD, "~*", "+@all")));
            assertEquals("OK", text(admin.send("ACL", "SETUSER", "bob", "on", ">" + ACL_PASSWORD, "~*", "+@all",
                    "-cluster")));
        }
    }

    @AfterAll
    static void stopServerAndCheckNoCredentialWasPrinted() throws Exception {
        if (server != null) {
            server.close();
        }
        assertNoCredential(printed);
    }

    private static void assertNoCredential(List<String> lines) {
        for (String line : lines) {
            for (String secret : List.of(PASSWORD, WRONG, ACL_PASSWORD)) {
                assertFalse(line.contains(secret), "a credential in: " + line);
            }
        }
    }

    private static ConnectOptions options(String user, String password, int timeout) {
        return new ConnectOptions(timeout, user, password == null ? null : password.toCharArray(), false);
    }

    private static String text(Reply reply) {
        return reply instanceof Reply.BulkString b ? b.asString() : String.valueOf(reply);
    }

    /** The failure's message, checked to be one line, and remembered with its causes for the credentials check. */
    private static String oneLine(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            printed.add(String.valueOf(t.getMessage()));
            printed.add(t.toString());
        }
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWrongPasswordIsRefusedAsALogin() {
        LinkException e = assertThrows(LinkException.class,
                () -> new JedisLink("127.0.0.1", server.port(), options(null, WRONG, 2000)));
        assertEquals(LinkException.Reason.AUTH, e.reason());
        assertEquals("cannot log in to " + server.address()
                + ": WRONGPASS invalid username-password pair or user is disabled.", oneLine(e));
    }

    @Test
    void noPasswordForAServerThatWantsOneSaysSo() {
        LinkException e = assertThrows(LinkException.class,
                () -> new JedisLink("127.0.0.1", server.port(), options(null, null, 2000)));
        assertEquals(LinkException.Reason.AUTH, e.reason());
        assertEquals("cannot log in to " + server.address()
                + ": the node requires a password (NOAUTH) and none was given", oneLine(e));
    }

    @Test
    void anAclUserWithAWrongPasswordIsRefusedAndWithTheRightOneLogsIn() {
        LinkException e = assertThrows(LinkException.class,
                () -> new JedisLink("127.0.0.1", server.port(), options("alice", WRONG, 2000)));
        assertEquals(LinkException.Reason.AUTH, e.reason());
        assertEquals("cannot log in to " + server.address()
                + ": WRONGPASS invalid username-password pair or user is disabled.", oneLine(e));
        printed.add(options("alice", ACL_PASSWORD, 2000).toString());
        try (JedisLink link = new JedisLink("127.0.0.1", server.port(), options("alice", ACL_PASSWORD, 2000))) {
            assertEquals("alice", text(link.send("ACL", "WHOAMI")));
        }
    }

    @Test
    void anAclUserWithoutTheClusterCommandIsALoginProblemNotANonClusterServer() {
        LinkException e = assertThrows(LinkException.class, () -> ClusterTopology.load(
                JedisLink.connector(options("bob", ACL_PASSWORD, 2000)), server.address()));
        assertEquals(LinkException.Reason.AUTH, e.reason());
        assertTrue(oneLine(e).startsWith("cannot log in to " + server.address() + ": NOPERM"), e.getMessage());
    }

    @Test
    void aServerNotInClusterModeIsNamedAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterTopology.load(
                JedisLink.connector(options(null, PASSWORD, 2000)), server.address()));
        assertEquals(server.address() + " is not a cluster node: ERR This instance has cluster support disabled",
                oneLine(e));
    }

    @Test
    void nothingListeningIsConnectionRefused() {
        int port = FreePorts.one();
        LinkException e = assertThrows(LinkException.class,
                () -> new JedisLink("127.0.0.1", port, options(null, PASSWORD, 2000)));
        assertEquals(LinkException.Reason.UNREACHABLE, e.reason());
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", oneLine(e));
    }

    @Test
    void aFrozenNodeTimesOutOnConnectAndOnACommand() throws Exception {
        try (JedisLink open = new JedisLink("127.0.0.1", server.port(), options(null, PASSWORD, 400));
             JedisLink sleeper = new JedisLink("127.0.0.1", server.port(), options(null, PASSWORD, 10_000))) {
            // DEBUG SLEEP blocks the whole server, as a stuck node would be
            CompletableFuture<Reply> sleeping = CompletableFuture.supplyAsync(() -> sleeper.send("DEBUG", "SLEEP", "2"));
            Thread.sleep(200);
            LinkException onCommand = assertThrows(LinkException.class, () -> open.send("PING"));
            assertEquals(LinkException.Reason.TIMEOUT, onCommand.reason());
            assertEquals("no answer from " + server.address() + " within 400 ms", oneLine(onCommand));
            LinkException onConnect = assertThrows(LinkException.class,
                    () -> new JedisLink("127.0.0.1", server.port(), options(null, PASSWORD, 400)));
            assertEquals(LinkException.Reason.TIMEOUT, onConnect.reason());
            assertEquals("cannot connect to " + server.address() + ": no answer within 400 ms", oneLine(onConnect));
            assertEquals("OK", text(sleeping.get()));
        }
    }

    /** Provokes failures with each kind of credential; what the other tests printed is checked after all. */
    @Test
    void noMessageOrToStringEverShowsThePassword() {
        List<String> seen = new ArrayList<>();
        for (ConnectOptions o : List.of(options(null, WRONG, 2000), options("alice", WRONG, 2000),
                options("alice", PASSWORD, 2000))) {
            seen.add(o.toString());
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> ClusterTopology.load(JedisLink.connector(o), server.address()));
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.add(String.valueOf(t.getMessage()));
                seen.add(t.toString());
            }
        }
        assertTrue(seen.size() >= 12, seen.toString());
        assertNoCredential(seen);
    }
}
