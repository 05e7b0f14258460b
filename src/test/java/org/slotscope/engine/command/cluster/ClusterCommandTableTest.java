package org.slotscope.engine.command.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;

/** The CLUSTER container's subcommands, arities and flags against COMMAND INFO cluster of Redis 7.0.15. */
class ClusterCommandTableTest {

    @Test
    void subcommandsArityAndFlagsMatchRedis() {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Resp.fixture("command-info-cluster.txt").split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split(" ");
                expected.put(f[0], f[1] + " " + (f.length > 2 ? f[2] : ""));
            }
        }
        CommandSpec cluster = CommandTable.standard().lookup("cluster");
        assertNotNull(cluster);
        assertEquals(-2, cluster.arity());
        Map<String, String> actual = new TreeMap<>();
        for (CommandSpec sub : cluster.subcommands().values()) {
            TreeSet<String> flags = new TreeSet<>();
            for (CommandFlag flag : sub.flags()) {
                flags.add(flag.redisName());
            }
            actual.put(sub.fullName(), sub.arity() + " " + String.join(",", flags));
        }
        // Known difference, on purpose: MYSHARDID is Redis 7.2's (absent in 7.0).
        assertEquals("2 stale", actual.remove("cluster|myshardid"));
        Map<String, String> expectedSorted = new TreeMap<>();
        expected.forEach((name, value) -> {
            String[] parts = value.split(" ", 2);
            expectedSorted.put(name, parts[0] + " " + String.join(",", new TreeSet<>(java.util.List.of(
                    parts.length > 1 && !parts[1].isEmpty() ? parts[1].split(",") : new String[0]))));
        });
        assertEquals(expectedSorted, actual);
    }
}
