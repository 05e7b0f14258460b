package org.slotscope.engine.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.NodeConfig;

/**
 * COMMAND works from whatever the table holds, so these tests iterate over the table instead of
 * naming commands of other families; where a real capture exists for a command of the table, the
 * fields the table defines are compared with it.
 */
class CommandCommandTest {
    private final CommandTable table = tableWithAKeyedCommand();
    private final SimCluster cluster = new SimCluster(9, new NodeConfig(), new EventLog(), table);
    private final ClusterNode node = cluster.createReadyCluster("127.0.0.1", 17300, 3, 0).get(0);
    private final ClientSession session = cluster.connect(node, "127.0.0.1:6000");

    /**
     * The standard table plus a keyed command Redis does not have (its metadata must be derived)
     * and, if no family provides it yet, STRLEN (whose metadata comes from Redis's reference).
     */
    private static CommandTable tableWithAKeyedCommand() {
        CommandTable table = CommandTable.standard();
        table.register(CommandSpec.command("peek", 2).flags(CommandFlag.READONLY, CommandFlag.FAST)
                .keys(1, 1, 1).group("string").summary("Test command: read one key")
                .handler((ctx, argv) -> Reply.ZERO));
        if (table.lookup("strlen") == null) {
            table.register(CommandSpec.command("strlen", 2).flags(CommandFlag.READONLY, CommandFlag.FAST)
                    .keys(1, 1, 1).group("string").summary("Get the length of the value stored in a key")
                    .handler((ctx, argv) -> Reply.ZERO));
        }
        return table;
    }

    private Object run(int protocol, String... words) {
        return RespTestCodec.decode(RespTestCodec.encode(cluster.execute(node, session, words), protocol));
    }

    private static List<String> names(CommandTable table) {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            names.add(spec.fullName());
            for (CommandSpec sub : spec.subcommands().values()) {
                names.add(sub.fullName());
            }
        }
        return names;
    }

    @Test
    void countIsTheNumberOfTopLevelCommands() {
        assertEquals((long) table.size(), run(2, "command", "count"));
    }

    @Test
    void listNamesEveryCommandAndSubcommand() {
        assertEquals(names(table), run(2, "command", "list"));
        List<?> pattern = (List<?>) run(2, "command", "list", "filterby", "pattern", "CONFIG|*");
        assertEquals(List.of("config|rewrite", "config|get", "config|set", "config|resetstat"), pattern);
        List<?> connection = (List<?>) run(2, "command", "list", "filterby", "aclcat", "connection");
        assertTrue(connection.contains("hello") && connection.contains("client|setname") && !connection.contains("time"));
    }

    @Test
    void bareCommandDescribesEveryCommandInTenFields() {
        List<?> all = (List<?>) run(2, "command");
        assertEquals(table.size(), all.size());
        for (Object entry : all) {
            List<?> info = (List<?>) entry;
            assertEquals(10, info.size(), "COMMAND INFO entry of " + info.get(0));
            CommandSpec spec = CommandCommand.lookup(table, (String) info.get(0));
            assertNotNull(spec);
            assertEquals((long) spec.arity(), info.get(1));
            assertEquals((long) spec.subcommands().size(), (long) ((List<?>) info.get(9)).size());
        }
    }

    @Test
    void infoOfUnknownCommandIsNil() {
        List<?> reply = (List<?>) run(2, "command", "info", "nosuch", "ping");
        assertEquals(null, reply.get(0));
        assertEquals("ping", ((List<?>) reply.get(1)).get(0));
    }

    /** For every command of the table that the capture also describes, name..step must agree. */
    @Test
    void infoMatchesTheRealServerForCapturedCommandsInTheTable() {
        int compared = 0;
        for (RedisFixtures.Exchange e : RedisFixtures.exchanges("command-replies.txt")) {
            if (!e.command().startsWith("command info ") || e.protocol() != 2) {
                continue;
            }
            List<?> real = (List<?>) ((List<?>) RespTestCodec.decode(e.reply())).get(0);
            if (real == null || CommandCommand.lookup(table, (String) real.get(0)) == null) {
                continue;
            }
            List<?> ours = (List<?>) ((List<?>) run(2, "command", "info", (String) real.get(0))).get(0);
            assertEquals(real.subList(0, 6), ours.subList(0, 6), "name, arity, flags, first, last, step");
            compared++;
        }
        assertTrue(compared >= 4, "config|get, hello, time, client|list at least");
    }

    @Test
    void docsOfEveryCommandRedisHasCarryItsSinceAndGroup() {
        Map<Object, Object> docs = RespTestCodec.pairs(run(2, "command", "docs"));
        for (Map.Entry<Object, Object> entry : docs.entrySet()) {
            if (RedisCommandReference.get().docs((String) entry.getKey()) != null) {
                Map<Object, Object> doc = RespTestCodec.pairs(entry.getValue());
                assertTrue(doc.containsKey("since") && doc.containsKey("group"), entry.getKey() + ": " + doc.keySet());
            }
        }
    }

    @Test
    void derivedKeySpecOfACommandRedisLacksHasTheRedisShape() {
        List<?> info = (List<?>) ((List<?>) run(3, "command", "info", "peek")).get(0);
        List<?> specs = (List<?>) info.get(8);
        assertEquals(1, specs.size());
        Map<?, ?> spec = (Map<?, ?>) specs.get(0);
        assertEquals(List.of("flags", "begin_search", "find_keys"), List.copyOf(spec.keySet()));
        assertEquals(List.of("RO", "access"), spec.get("flags"));
        assertEquals(Map.of("type", "index", "spec", Map.of("index", 1L)), spec.get("begin_search"));
        assertEquals(Map.of("type", "range", "spec", Map.of("lastkey", 0L, "keystep", 1L, "limit", 0L)),
                spec.get("find_keys"));
        assertEquals(List.of("@read", "@string", "@fast"), info.get(6), "derived as Redis derives GET's");
        Map<?, ?> docs = (Map<?, ?>) ((Map<?, ?>) run(3, "command", "docs", "peek")).get("peek");
        assertEquals(Map.of("summary", "Test command: read one key", "group", "string"), docs);
    }

    @Test
    void metadataOfACommandRedisHasComesFromRedis() {
        List<?> info = (List<?>) ((List<?>) run(2, "command", "info", "strlen")).get(0);
        Map<Object, Object> spec = RespTestCodec.pairs(((List<?>) info.get(8)).get(0));
        assertEquals(List.of("RO"), spec.get("flags"), "STRLEN's key spec flags in Redis 7.0.15");
        Map<Object, Object> docs = RespTestCodec.pairs(RespTestCodec.pairs(run(2, "command", "docs", "strlen"))
                .get("strlen"));
        assertEquals("2.2.0", docs.get("since"));
        assertEquals("O(1)", docs.get("complexity"));
        assertTrue(docs.containsKey("arguments"));
    }

    @Test
    void docsHaveRedisKeysAndNestSubcommands() {
        Map<?, ?> docs = (Map<?, ?>) run(3, "command", "docs", "config", "nosuch", "ping");
        assertEquals(List.of("config", "ping"), List.copyOf(docs.keySet()));
        Map<?, ?> config = (Map<?, ?>) docs.get("config");
        Map<?, ?> real = (Map<?, ?>) ((Map<?, ?>) RedisFixtures.exchanges("command-replies.txt").stream()
                .filter(e -> e.command().equals("command docs config")).map(e -> RespTestCodec.decode(e.reply()))
                .findFirst().orElseThrow()).get("config");
        assertTrue(real.keySet().containsAll(config.keySet()), config.keySet() + " within " + real.keySet());
        assertEquals(real.get("summary"), config.get("summary"));
        assertEquals(real.get("group"), config.get("group"));
        Map<?, ?> subs = (Map<?, ?>) config.get("subcommands");
        assertTrue(((Map<?, ?>) real.get("subcommands")).keySet().containsAll(subs.keySet()));
        assertEquals("server", ((Map<?, ?>) subs.get("config|get")).get("group"));
    }

    @Test
    void docsWithoutNamesCoverTheWholeTableInBothProtocols() {
        Map<Object, Object> resp2 = RespTestCodec.pairs(run(2, "command", "docs"));
        assertEquals(table.size(), resp2.size());
        assertInstanceOf(Map.class, run(3, "command", "docs"));
        for (Object doc : resp2.values()) {
            assertTrue(RespTestCodec.pairs(doc).containsKey("group"));
        }
    }

    @Test
    void getkeysReturnsTheKeysOfAKeyedCommand() {
        assertEquals(List.of("mykey"), run(2, "command", "getkeys", "peek", "mykey"));
        assertEquals(List.of(List.of("mykey", List.of("RO", "access"))),
                run(2, "command", "getkeysandflags", "peek", "mykey"));
        assertEquals(List.of(List.of("mykey", List.of("RO"))),
                run(2, "command", "getkeysandflags", "strlen", "mykey"));
        assertEquals(new RespTestCodec.RespError("ERR Invalid number of arguments specified for command"),
                run(2, "command", "getkeys", "peek", "a", "b"));
    }
}
