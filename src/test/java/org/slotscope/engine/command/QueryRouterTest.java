package org.slotscope.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.slot.HashSlot;

/**
 * Every branch of getNodeByQuery, on a 3-master cluster (0-5460, 5461-10922, 10923-16383) plus one
 * replica per master. "foo" hashes to 12182 (third master), "bar" to 5061 (first master).
 */
class QueryRouterTest {
    private static final CommandSpec GET = CommandSpec.command("get", 2).flags(CommandFlag.READONLY)
            .keys(1, 1, 1).handler((c, a) -> Reply.OK).build();
    private static final CommandSpec SET = CommandSpec.command("set", -3).flags(CommandFlag.WRITE)
            .keys(1, 1, 1).handler((c, a) -> Reply.OK).build();
    private static final CommandSpec MGET = CommandSpec.command("mget", -2).flags(CommandFlag.READONLY)
            .keys(1, -1, 1).handler((c, a) -> Reply.OK).build();
    private static final CommandSpec PING = CommandSpec.command("ping", -1).handler((c, a) -> Reply.OK).build();
    private static final CommandSpec RESTORE_ASKING = CommandSpec.command("restore-asking", -4)
            .flags(CommandFlag.WRITE, CommandFlag.ASKING).keys(1, 1, 1).handler((c, a) -> Reply.OK).build();

    private SimCluster cluster;
    private ClusterNode first;
    private ClusterNode second;
    private ClusterNode third;
    private ClusterNode replicaOfThird;
    private ClientSession client;

    @BeforeEach
    void setUp() {
        cluster = new SimCluster(7);
        List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 7000, 3, 1);
        first = nodes.get(0);
        second = nodes.get(1);
        third = nodes.get(2);
        replicaOfThird = nodes.get(5);
        client = new ClientSession(1, "test", 0, false);
    }

    private static byte[][] argv(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private Route route(ClusterNode node, CommandSpec spec, String... words) {
        return QueryRouter.route(node, client, spec, argv(words));
    }

    private String error(ClusterNode node, CommandSpec spec, String... words) {
        Route route = route(node, spec, words);
        return assertInstanceOf(Route.Redirect.class, route).toError().message();
    }

    private static void put(ClusterNode node, String key) {
        node.keyspace().set(Key.of(key), new StringValue(new byte[] {1}));
    }

    /** Opens the slot of "foo" (12182): MIGRATING on third, IMPORTING on first, in both views. */
    private void openFooSlot() {
        int slot = HashSlot.of("foo");
        ClusterState source = third.state();
        ClusterState target = first.state();
        target.setImporting(slot, target.lookup(third.id()));
        source.setMigrating(slot, source.lookup(first.id()));
    }

    @Test
    void commandsWithoutKeysAreServedAnywhere() {
        assertEquals(new Route.Serve(-1), route(first, PING, "ping"));
    }

    @Test
    void keyOfAnOwnSlotIsServed() {
        assertEquals(new Route.Serve(12182), route(third, GET, "get", "foo"));
    }

    @Test
    void keyOfAnotherNodesSlotIsMoved() {
        assertEquals("MOVED 12182 127.0.0.1:7002", error(first, GET, "get", "foo"));
        assertEquals("MOVED 5061 127.0.0.1:7000", error(third, SET, "set", "bar", "1"));
    }

    @Test
    void keysInDifferentSlotsAreCrossSlot() {
        assertEquals("CROSSSLOT Keys in request don't hash to the same slot", error(third, MGET, "mget", "foo", "bar"));
    }

    @Test
    void keysSharingAHashTagAreServedTogether() {
        assertEquals(new Route.Serve(HashSlot.of("user1000")),
                route(first, MGET, "mget", "{user1000}.following", "{user1000}.followers"));
    }

    @Test
    void unassignedSlotIsHashSlotNotServed() {
        for (ClusterNode n : cluster.nodes()) {
            n.state().assignSlot(12182, null);
        }
        assertEquals("CLUSTERDOWN Hash slot not served", error(third, GET, "get", "foo"));
    }

    @Test
    void migratingSourceServesAKeyItStillHas() {
        openFooSlot();
        put(third, "foo");
        assertEquals(new Route.Serve(12182), route(third, GET, "get", "foo"));
    }

    @Test
    void askRedirectWhenKeyAlreadyMigrated() {
        openFooSlot();
        assertEquals("ASK 12182 127.0.0.1:7000", error(third, GET, "get", "foo"));
        // a write of a key the source does not have goes to the target as well
        assertEquals("ASK 12182 127.0.0.1:7000", error(third, SET, "set", "foo", "v"));
    }

    @Test
    void multiKeyCommandWithSomeKeysMovedIsTryAgain() {
        openFooSlot();
        put(third, "{foo}a");
        Route.Redirect redirect = assertInstanceOf(Route.Redirect.class,
                route(third, MGET, "mget", "{foo}a", "{foo}b"));
        assertEquals(RedirectKind.UNSTABLE, redirect.kind());
        assertEquals("TRYAGAIN Multiple keys request during rehashing of slot", redirect.toError().message());
    }

    @Test
    void multiKeyCommandWithAllKeysMovedIsAsk() {
        openFooSlot();
        assertEquals("ASK 12182 127.0.0.1:7000", error(third, MGET, "mget", "{foo}a", "{foo}b"));
    }

    @Test
    void importingTargetWithoutAskingRedirectsToTheOwner() {
        openFooSlot();
        assertEquals("MOVED 12182 127.0.0.1:7002", error(first, GET, "get", "foo"));
    }

    @Test
    void importingTargetServesAfterAsking() {
        openFooSlot();
        client.setAsking(true);
        assertEquals(new Route.Serve(12182), route(first, GET, "get", "foo"));
    }

    @Test
    void importingTargetWithAskingIsTryAgainForIncompleteMultiKey() {
        openFooSlot();
        put(first, "{foo}a");
        client.setAsking(true);
        assertEquals("TRYAGAIN Multiple keys request during rehashing of slot",
                error(first, MGET, "mget", "{foo}a", "{foo}b"));
        put(first, "{foo}b");
        assertEquals(new Route.Serve(12182), route(first, MGET, "mget", "{foo}a", "{foo}b"));
    }

    @Test
    void restoreAskingIsAcceptedByTheImportingNodeWithoutAsking() {
        openFooSlot();
        assertEquals(new Route.Serve(12182), route(first, RESTORE_ASKING, "restore-asking", "foo", "0", "x"));
    }

    @Test
    void askingFlagLastsForOneCommandOnly() {
        CommandTable table = new CommandTable();
        table.register(CommandSpec.command("asking", 1).flags(CommandFlag.FAST)
                .handler((c, a) -> {
                    c.session().setAsking(true);
                    return Reply.OK;
                }));
        table.register(CommandSpec.command("get", 2).flags(CommandFlag.READONLY).keys(1, 1, 1)
                .handler((c, a) -> Reply.NIL));
        SimCluster sim = new SimCluster(7, new org.slotscope.engine.node.NodeConfig(),
                new org.slotscope.engine.event.EventLog(), table);
        List<ClusterNode> nodes = sim.createReadyCluster("127.0.0.1", 7000, 3, 0);
        int slot = HashSlot.of("foo");
        nodes.get(0).state().setImporting(slot, nodes.get(0).state().lookup(nodes.get(2).id()));
        ClientSession session = sim.connect(nodes.get(0), "test");
        assertEquals(Reply.OK, sim.execute(nodes.get(0), session, "ASKING"));
        assertEquals(Reply.NIL, sim.execute(nodes.get(0), session, "GET", "foo"));
        assertEquals("MOVED 12182 127.0.0.1:7002",
                ((Reply.Error) sim.execute(nodes.get(0), session, "GET", "foo")).message());
    }

    @Test
    void clusterDownRefusesKeyedCommands() {
        for (ClusterNode n : cluster.nodes()) {
            n.state().assignSlot(0, null);
            n.state().updateState(n.config());
        }
        assertEquals("CLUSTERDOWN The cluster is down", error(third, GET, "get", "foo"));
        // a keyless command is still served
        assertEquals(new Route.Serve(-1), route(third, PING, "ping"));
    }

    @Test
    void allowReadsWhenDownServesReadsAndRefusesWrites() {
        for (ClusterNode n : cluster.nodes()) {
            n.state().assignSlot(0, null);
            n.config().allowReadsWhenDown(true);
            n.state().updateState(n.config());
        }
        assertEquals(new Route.Serve(12182), route(third, GET, "get", "foo"));
        assertEquals("CLUSTERDOWN The cluster is down and only accepts read commands",
                error(third, SET, "set", "foo", "v"));
        // reads of another node's slot are still redirected
        assertEquals("MOVED 12182 127.0.0.1:7002", error(first, GET, "get", "foo"));
    }

    @Test
    void readonlyReplicaServesReadsOfItsMastersSlots() {
        assertEquals("MOVED 12182 127.0.0.1:7002", error(replicaOfThird, GET, "get", "foo"));
        client.setReadonly(true);
        assertEquals(new Route.Serve(12182), route(replicaOfThird, GET, "get", "foo"));
        assertEquals("MOVED 12182 127.0.0.1:7002", error(replicaOfThird, SET, "set", "foo", "v"));
        assertEquals("MOVED 5061 127.0.0.1:7000", error(replicaOfThird, GET, "get", "bar"));
    }

    @Test
    void aReplicaRefusesWritesWithoutKeysAndRedirectsKeyedOnes() {
        // Redis 7.0.15 on a replica: FLUSHALL -> READONLY ...; SET of its master's key -> MOVED
        ClientSession session = cluster.connect(replicaOfThird, "test");
        replicaOfThird.keyspace().set(Key.of("foo"), new StringValue(new byte[] {1}));
        assertEquals("READONLY You can't write against a read only replica.",
                ((Reply.Error) cluster.execute(replicaOfThird, session, "FLUSHALL")).message());
        assertEquals(1, replicaOfThird.keyspace().size(), "nothing was flushed");
        assertEquals("MOVED 12182 127.0.0.1:7002",
                ((Reply.Error) cluster.execute(replicaOfThird, session, "SET", "foo", "x")).message());
        cluster.execute(replicaOfThird, session, "READONLY");
        assertEquals("MOVED 12182 127.0.0.1:7002",
                ((Reply.Error) cluster.execute(replicaOfThird, session, "SET", "foo", "x")).message());
    }

    @Test
    void migrateIsServedLocallyOnAnOpenSlot() {
        openFooSlot();
        CommandSpec migrate = cluster.commands().lookup("migrate");
        assertEquals(new Route.Serve(12182),
                route(third, migrate, "migrate", "127.0.0.1", "7000", "foo", "0", "1000"));
    }
}
