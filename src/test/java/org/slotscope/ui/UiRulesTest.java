package org.slotscope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The window's rules on its own source: it reaches nodes only through NodeLink (no Jedis), and it never
 * mutates the simulated cluster itself: no engine object is touched outside the session's engine
 * thread code (ui/sim), so views and view models only see snapshots and events.
 */
class UiRulesTest {
    private static final Path UI = Path.of(System.getProperty("basedir", "."), "src", "main", "java", "org",
            "slotscope", "ui");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(UI)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void uiNeverUsesJedis() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            if (Files.readString(file).contains("redis.clients")) {
                offenders.add(UI.relativize(file).toString());
            }
        }
        assertTrue(sources().size() > 20, "the ui sources were not found under " + UI);
        assertEquals(List.of(), offenders);
    }

    @Test
    void onlyTheSimulationPackageTouchesTheClusterItself() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            String relative = UI.relativize(file).toString().replace('\\', '/');
            if (relative.startsWith("sim/")) {
                continue;
            }
            String text = Files.readString(file);
            for (String forbidden : List.of("import org.slotscope.engine.SimCluster", "import org.slotscope.engine.EngineLoop",
                    "import org.slotscope.engine.node.ClusterNode", ".cluster()")) {
                if (text.contains(forbidden)) {
                    offenders.add(relative + ": " + forbidden);
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
