package org.slotscope.engine.command.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.StringValue;
import org.slotscope.engine.node.ClusterNode;

class InfoCommandTest {
    /** Sections whose lines depend on what ran (one line per command, error code or db). */
    private static final List<String> DYNAMIC = List.of("Commandstats", "Errorstats", "Latencystats", "Keyspace");

    private final SimCluster cluster = new SimCluster(11);
    private final List<ClusterNode> nodes = cluster.createReadyCluster("127.0.0.1", 17300, 3, 1);
    private final ClusterNode master = nodes.get(0);
    private final ClusterNode replica = nodes.get(3);

    private String info(ClusterNode node, String... sections) {
        ClientSession session = cluster.connect(node, "127.0.0.1:40000");
        String[] words = new String[sections.length + 1];
        words[0] = "info";
        System.arraycopy(sections, 0, words, 1, sections.length);
        Reply reply = cluster.execute(node, session, words);
        assertInstanceOf(Reply.VerbatimString.class, reply, "INFO is a verbatim string in RESP3, bulk in RESP2");
        return ((Reply.VerbatimString) reply).text();
    }

    /** Section title -> field names in order, from INFO text with \r\n or \n line ends. */
    private static Map<String, List<String>> fieldNames(String text) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("# ")) {
                current = new ArrayList<>();
                sections.put(line.substring(2), current);
            } else if (!line.isEmpty()) {
                current.add(line.substring(0, line.indexOf(':')));
            }
        }
        return sections;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    private void assertSameFieldsAsRedis(String fixture, ClusterNode node) {
        Map<String, List<String>> redis = fieldNames(RedisFixtures.text(fixture));
        Map<String, List<String>> ours = fieldNames(info(node, "everything"));
        assertEquals(List.copyOf(redis.keySet()), List.copyOf(ours.keySet()), "sections and their order");
        for (String section : redis.keySet()) {
            if (!DYNAMIC.contains(section)) {
                assertEquals(redis.get(section), ours.get(section), "fields of # " + section);
            }
        }
    }

    @Test
    void everythingOnAMasterHasRedisSectionsAndFieldsInOrder() {
        assertSameFieldsAsRedis("info-everything-master.txt", master);
    }

    @Test
    void everythingOnAReplicaHasRedisSectionsAndFieldsInOrder() {
        assertSameFieldsAsRedis("info-everything-replica.txt", replica);
    }

    @Test
    void linesEndWithCrlfAndSectionsAreSeparatedByABlankLine() {
        String text = info(master, "server", "clients");
        assertTrue(text.startsWith("# Server\r\nredis_version:7.0.15\r\n"));
        assertTrue(text.contains("io_threads_active:0\r\n\r\n# Clients\r\n"));
        assertTrue(text.endsWith("clients_in_timeout_table:0\r\n"));
        assertFalse(text.replace("\r\n", "").contains("\n"), "no bare \\n");
    }

    @Test
    void sectionsComeInRedisOrderWhateverTheArgumentOrder() {
        assertEquals(List.of("Server", "Keyspace"), List.copyOf(fieldNames(info(master, "keyspace", "SERVER")).keySet()));
        assertEquals(List.of("CPU"), List.copyOf(fieldNames(info(master, "cpu", "cpu")).keySet()));
    }

    @Test
    void defaultOmitsCommandstatsAndLatencystatsWhileAllIncludesThem() {
        List<String> plain = List.copyOf(fieldNames(info(master)).keySet());
        assertEquals(List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules",
                "Errorstats", "Cluster", "Keyspace"), plain);
        assertEquals(plain, List.copyOf(fieldNames(info(master, "default")).keySet()));
        assertEquals(fieldNames(info(master, "all")).keySet(), fieldNames(info(master, "everything")).keySet());
        assertTrue(fieldNames(info(master, "all")).containsKey("Commandstats"));
    }

    @Test
    void unknownSectionGivesAnEmptyString() {
        assertEquals("", info(master, "nosuchsection"));
    }

    @Test
    void serverSectionDescribesTheSimulatedNode() {
        cluster.runFor(125_000);
        Map<String, String> server = fields(info(master, "server"));
        assertEquals("7.0.15", server.get("redis_version"));
        assertEquals("cluster", server.get("redis_mode"));
        assertEquals("17300", server.get("tcp_port"));
        assertEquals("125", server.get("uptime_in_seconds"));
        assertTrue(server.get("run_id").matches("[0-9a-f]{40}"));
        assertEquals(server.get("run_id"), fields(info(master, "server")).get("run_id"), "run_id is stable");
        long pid = Long.parseLong(server.get("process_id"));
        assertTrue(pid > (1 << 22), "the fake pid can never be a real Linux pid");
        assertEquals((SimCluster.DEFAULT_UNIX_MILLIS_AT_ZERO + 125_000) * 1000,
                Long.parseLong(server.get("server_time_usec")));
    }

    @Test
    void statsCountCommandsClientsAndErrors() {
        ClientSession a = cluster.connect(master, "127.0.0.1:1");
        cluster.connect(master, "127.0.0.1:2");
        cluster.execute(master, a, "ping");
        cluster.execute(master, a, "select", "3");
        cluster.execute(master, a, "nosuchcommand");
        Map<String, String> clients = fields(info(master, "clients"));
        assertEquals("3", clients.get("connected_clients"), "two clients and the one asking INFO");
        assertEquals("10", clients.get("cluster_connections"), "one link each way to 5 other nodes");
        Map<String, String> stats = fields(info(master, "stats"));
        assertEquals("3", stats.get("total_commands_processed"), "ping, select and the first INFO");
        assertEquals("2", stats.get("total_error_replies"));
        Map<String, String> all = fields(info(master, "commandstats", "errorstats"));
        assertEquals("calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=1", all.get("cmdstat_select"));
        assertEquals("calls=1,usec=0,usec_per_call=0.00,rejected_calls=0,failed_calls=0", all.get("cmdstat_ping"));
        assertEquals("count=2", all.get("errorstat_ERR"));
    }

    @Test
    void arityErrorsAreRejectedCallsOfTheirCommand() {
        ClientSession a = cluster.connect(master, "127.0.0.1:1");
        cluster.execute(master, a, "echo");
        assertEquals("calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0",
                fields(info(master, "commandstats")).get("cmdstat_echo"));
    }

    @Test
    void subcommandsAreNamedWithAPipeInCommandstats() {
        ClientSession a = cluster.connect(master, "127.0.0.1:1");
        cluster.execute(master, a, "client", "id");
        assertTrue(fields(info(master, "commandstats")).containsKey("cmdstat_client|id"));
    }

    @Test
    void replicationShowsReplicasOnAMasterAndTheMasterOnAReplica() {
        Map<String, String> m = fields(info(master, "replication"));
        assertEquals("master", m.get("role"));
        assertEquals("1", m.get("connected_slaves"));
        assertTrue(m.get("slave0").startsWith("ip=127.0.0.1,port=17303,state=online,offset="));
        Map<String, String> r = fields(info(replica, "replication"));
        assertEquals("slave", r.get("role"));
        assertEquals("127.0.0.1", r.get("master_host"));
        assertEquals("17300", r.get("master_port"));
        assertEquals("up", r.get("master_link_status"));
    }

    @Test
    void keyspaceShowsDb0OnlyWhenItHasKeys() {
        assertEquals("# Keyspace\r\n", info(master, "keyspace"));
        master.keyspace().set(new Key("a".getBytes()), new StringValue("1".getBytes()));
        master.keyspace().set(new Key("b".getBytes()), new StringValue("2".getBytes()));
        master.keyspace().setExpireAt(new Key("b".getBytes()), cluster.now() + 10_000);
        assertEquals("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n", info(master, "keyspace"));
    }

    @Test
    void usedMemoryGrowsWithTheKeyspace() {
        long before = Long.parseLong(fields(info(master, "memory")).get("used_memory"));
        for (int i = 0; i < 100; i++) {
            master.keyspace().set(new Key(("key" + i).getBytes()), new StringValue("v".getBytes()));
        }
        long after = Long.parseLong(fields(info(master, "memory")).get("used_memory"));
        assertTrue(after > before, before + " -> " + after);
        assertEquals("1.56M", InfoCommand.bytesToHuman(1_640_336), "bytesToHuman as Redis printed it");
        assertEquals("1023B", InfoCommand.bytesToHuman(1023));
    }

    @Test
    void configResetstatClearsTheCounters() {
        ClientSession a = cluster.connect(master, "127.0.0.1:1");
        cluster.execute(master, a, "ping");
        cluster.execute(master, a, "config", "resetstat");
        Map<String, String> all = fields(info(master, "commandstats", "stats"));
        assertFalse(all.containsKey("cmdstat_ping"));
        assertEquals("0", all.get("total_error_replies"));
    }
}
