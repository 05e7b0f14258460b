package org.slotscope.engine.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterNode;

class ConfigClientFunctionTest {
    private final SimCluster cluster = new SimCluster(21);
    private final List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 30001, 3, 0);
    private final ClusterNode node = nodes.get(0);
    private final ClientSession session = cluster.connect(node, "127.0.0.1:7000");

    private Reply run(String... words) {
        return cluster.execute(node, session, words);
    }

    private Map<Object, Object> configGet(String... patterns) {
        String[] words = new String[patterns.length + 2];
        words[0] = "config";
        words[1] = "get";
        System.arraycopy(patterns, 0, words, 2, patterns.length);
        return RespTestCodec.pairs(RespTestCodec.decode(RespTestCodec.encode(run(words), 2)));
    }

    // ---- CONFIG -----------------------------------------------------------------------------------

    @Test
    void configSetChangesTheNodesSettings() {
        assertEquals(Reply.OK, run("config", "set", "cluster-node-timeout", "5000",
                "cluster-require-full-coverage", "NO", "cluster-allow-reads-when-down", "yes",
                "cluster-migration-barrier", "2", "cluster-allow-replica-migration", "no",
                "proto-max-bulk-len", "2mb", "maxclients", "50", "requirepass", ""));
        assertEquals(5000, node.config().nodeTimeout());
        assertFalse(node.config().requireFullCoverage());
        assertTrue(node.config().allowReadsWhenDown());
        assertEquals(2, node.config().migrationBarrier());
        assertFalse(node.config().allowReplicaMigration());
        assertEquals(2L * 1024 * 1024, node.config().protoMaxBulkLen());
        assertEquals(50, node.config().maxClients());
        assertEquals("5000", configGet("cluster-node-timeout").get("cluster-node-timeout"));
        assertTrue(nodes.get(1).config().nodeTimeout() != 5000, "CONFIG SET is per node");
    }

    @Test
    void replicaAliasesShareOneSetting() {
        run("config", "set", "cluster-slave-validity-factor", "3");
        assertEquals(3, node.config().replicaValidityFactor());
        assertEquals("3", configGet("cluster-replica-validity-factor").get("cluster-replica-validity-factor"));
        run("config", "set", "cluster-replica-no-failover", "yes");
        assertEquals("yes", configGet("cluster-slave-no-failover").get("cluster-slave-no-failover"));
        assertEquals(Reply.err("CONFIG SET failed (possibly related to argument 'cluster-slave-no-failover')"
                + " - duplicate parameter"), run("config", "set", "cluster-replica-no-failover", "no",
                "cluster-slave-no-failover", "no"));
    }

    @Test
    void aBadPairLeavesEveryParameterUnchanged() {
        Reply reply = run("config", "set", "cluster-node-timeout", "1234", "cluster-migration-barrier", "x");
        assertTrue(reply.isError());
        assertEquals(15_000, node.config().nodeTimeout(), "validated before anything is applied");
    }

    @Test
    void configGetMatchesGlobsCaseInsensitively() {
        Map<Object, Object> timeouts = configGet("CLUSTER-*TIMEOUT");
        assertEquals(Map.of("cluster-node-timeout", "15000"), timeouts);
        Map<Object, Object> several = configGet("port", "save", "appendonly", "port");
        assertEquals(Map.of("port", "30001", "save", "", "appendonly", "no"), several);
    }

    @Test
    void readOnlyParametersCannotBeChangedButMaySetTheirValue() {
        assertEquals(Reply.OK, run("config", "set", "appendonly", "no"));
        assertTrue(run("config", "set", "appendonly", "yes").isError());
        assertEquals(Reply.err("CONFIG SET failed (possibly related to argument 'databases') - can't set"
                + " immutable config"), run("config", "set", "databases", "1"));
    }

    @Test
    void configRewriteSucceedsWithNothingToWrite() {
        assertEquals(Reply.OK, run("config", "rewrite"));
    }

    // ---- CLIENT -----------------------------------------------------------------------------------

    @Test
    void clientSetnameGetnameAndId() {
        assertEquals(Reply.NIL, run("client", "getname"));
        assertEquals(Reply.OK, run("client", "setname", "probe"));
        assertEquals(Reply.bulk("probe"), run("client", "getname"));
        assertEquals(Reply.integer(session.id()), run("client", "id"));
        assertEquals(Reply.OK, run("client", "setname", ""));
        assertEquals(Reply.NIL, run("client", "getname"), "an empty name clears it");
    }

    @Test
    void clientInfoHasRedisFieldsInOrder() {
        run("client", "setname", "probe");
        String ours = ((Reply.VerbatimString) run("client", "info")).text();
        String real = RedisFixtures.text("client-info.txt");
        assertTrue(ours.endsWith("\n") && !ours.endsWith("\r\n"));
        assertEquals(fieldNames(real), fieldNames(ours));
        assertTrue(ours.contains(" name=probe age=0 idle=0 flags=N db=0 "));
        assertTrue(ours.contains(" laddr=127.0.0.1:30001 "));
        assertTrue(ours.trim().endsWith("cmd=client|info user=default redir=-1 resp=2"));
    }

    private static List<String> fieldNames(String line) {
        return java.util.Arrays.stream(line.trim().split(" ")).map(f -> f.substring(0, f.indexOf('='))).toList();
    }

    @Test
    void clientListShowsEveryClientOfTheNodeOnly() {
        ClientSession other = cluster.connect(node, "127.0.0.1:7001");
        cluster.connect(nodes.get(1), "127.0.0.1:7002");
        String list = ((Reply.VerbatimString) run("client", "list")).text();
        assertEquals(2, list.split("\n").length);
        assertTrue(list.contains("addr=127.0.0.1:7000 ") && list.contains("addr=127.0.0.1:7001 "));
        String byId = ((Reply.VerbatimString) run("client", "list", "id", Long.toString(other.id()))).text();
        assertTrue(byId.startsWith("id=" + other.id() + " ") && byId.split("\n").length == 1);
        cluster.disconnect(node, other);
        assertEquals(1, ((Reply.VerbatimString) run("client", "list")).text().split("\n").length);
    }

    // ---- FUNCTION ---------------------------------------------------------------------------------

    @Test
    void functionDumpOfOneNodeRestoresOnAnother() {
        Reply dump = run("function", "dump");
        byte[] payload = ((Reply.BulkString) dump).value();
        ClusterNode target = nodes.get(2);
        Reply restored = cluster.execute(target, cluster.connect(target, "x:1"), "function".getBytes(),
                "restore".getBytes(), payload, "replace".getBytes());
        assertEquals(Reply.OK, restored);
        assertEquals(Reply.EMPTY_ARRAY, run("function", "list"));
    }

    @Test
    void functionRestoreRefusesAPayloadWithLibraries() {
        assertEquals(Reply.err("DUMP payload version or checksum are wrong"),
                run("function", "restore", "not-a-payload"));
    }
}
