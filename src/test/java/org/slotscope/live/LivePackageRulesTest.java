package org.slotscope.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The live package sits below the UI: no JavaFX, nothing from ui or cli, so a window and the command
 * line can both use it (DESIGN.md: ui -> live -> link). Its imports are checked on its source.
 */
class LivePackageRulesTest {
    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."),
            "src", "main", "java", "org", "slotscope", "live");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(javafx\\.|org\\.slotscope\\.(ui|cli)\\.)");

    @Test
    void liveImportsNoJavaFxAndNothingFromTheUiOrTheCommandLine() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.endsWith("ClusterPoller.java")), "live sources not found: " + files);
        List<String> violations = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (FORBIDDEN.matcher(line).find() || line.matches(".*\\bjavafx\\.[a-z]+\\.[A-Z].*")
                        && !line.startsWith("*") && !line.startsWith("//")) {
                    violations.add(file.getFileName() + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        assertTrue(FORBIDDEN.matcher("import javafx.scene.Node;").find(), "the rule matches what it forbids");
        assertTrue(FORBIDDEN.matcher("import org.slotscope.ui.SlotScopeApp;").find());
    }
}
