package org.slotscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's rules, enforced on its source: no JavaFX, no Jedis, no sockets, no sleeping, and no
 * dependency on anything above it. Comments and string literals are blanked before matching, so a
 * comment that names a forbidden package is fine and a fully-qualified use in code is not.
 */
class ArchitectureTest {
    private static final Path ENGINE_SOURCES = Path.of(System.getProperty("basedir", "."),
            "src", "main", "java", "org", "slotscope", "engine");

    @Test
    void engineSourcesUseNoUiNoClientNoNetworkNoSleepAndNothingAboveTheEngine() {
        List<Path> files = EngineRules.javaFiles(ENGINE_SOURCES);
        assertTrue(files.size() >= 10, "expected the engine sources under " + ENGINE_SOURCES + ", found " + files);
        assertTrue(files.stream().anyMatch(f -> f.endsWith("SimCluster.java")), "SimCluster.java was not scanned");
        List<Violation> violations = EngineRules.scan(files);
        assertTrue(violations.isEmpty(), "engine rule violations:\n" + violations.stream()
                .map(Violation::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void scannerDetectsEveryKindOfViolation() {
        String source = String.join("\n",
                "package org.slotscope.engine.bad;",
                "import javafx.scene.Node;",
                "import redis.clients.jedis.Jedis;",
                "import java.net.Socket;",
                "import static java.lang.Thread.sleep;",
                "import org.slotscope.ui.SlotScopeApp;",
                "import org.slotscope.engine.node.NodeId;",
                "class Bad {",
                "    java.net.InetAddress address;",
                "    void run() throws Exception {",
                "        Thread.sleep(10);",
                "        java.util.concurrent.TimeUnit.SECONDS.sleep(1);",
                "        Object server = new org.slotscope.resp.RespServer();",
                "        Object pane = new javafx.scene.layout.Pane();",
                "        Object client = redis.clients.jedis.Protocol.class;",
                "    }",
                "}");
        List<Violation> found = EngineRules.scan("Bad.java", source);
        assertEquals(List.of(2, 3, 4, 5, 6, 9, 11, 12, 13, 14, 15),
                found.stream().map(Violation::line).collect(Collectors.toList()), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.rule() == Rule.NO_SLEEP && v.line() == 11));
        assertTrue(found.stream().anyMatch(v -> v.rule() == Rule.NO_NETWORK && v.line() == 9));
        assertTrue(found.stream().anyMatch(v -> v.rule() == Rule.ENGINE_IS_THE_BOTTOM_LAYER && v.line() == 13));
    }

    @Test
    void forbiddenNamesInCommentsAndStringsAreNotViolations() {
        String source = String.join("\n",
                "package org.slotscope.engine.fine;",
                "// never import java.net.Socket or javafx.scene here, and never Thread.sleep(1)",
                "/* redis.clients.jedis.Jedis is for org.slotscope.link, not the engine */",
                "/** {@link org.slotscope.ui.SlotScopeApp} renders us. */",
                "import org.slotscope.engine.node.NodeId;",
                "class Fine {",
                "    String a = \"java.net.Socket Thread.sleep(1) \\\" org.slotscope.ui\";",
                "    char quote = '\"';",
                "    String b = \"\"\"",
                "        javafx.scene.Node \"\"\" + \"x\";",
                "    long sleepCount;",
                "    void sleep(long ms) { sleepCount++; }",
                "    java.util.List<NodeId> nodes;",
                "}");
        List<Violation> found = EngineRules.scan("Fine.java", source);
        assertTrue(found.isEmpty(), found.toString());
    }

    @Test
    void directoryScanFindsAViolationInANestedFile(@TempDir Path dir) throws IOException {
        Path nested = Files.createDirectories(dir.resolve("net"));
        Files.writeString(nested.resolve("Leak.java"), "package x;\nclass Leak { java.net.URI uri; }\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Clean.java"), "package x;\nclass Clean {}\n", StandardCharsets.UTF_8);
        List<Violation> found = EngineRules.scan(EngineRules.javaFiles(dir));
        assertEquals(1, found.size(), found.toString());
        assertEquals(2, found.get(0).line());
        assertTrue(found.get(0).file().endsWith("Leak.java"));
    }

    enum Rule {
        NO_JAVAFX("the engine draws nothing: no javafx"),
        NO_JEDIS("the engine talks to no real Redis: no redis.clients"),
        NO_NETWORK("the engine opens no sockets: no java.net"),
        NO_SLEEP("the engine runs on a virtual clock: no sleeping"),
        ENGINE_IS_THE_BOTTOM_LAYER("the engine imports nothing from org.slotscope outside org.slotscope.engine");

        final String why;

        Rule(String why) {
            this.why = why;
        }
    }

    record Violation(String file, int line, Rule rule, String code) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule.why + ": " + code.strip();
        }
    }

    /** Matches the rules against code with comments and literals blanked out. */
    static final class EngineRules {
        // (?<![\w.]) so "org.example.java.net" or "myjavafx.x" do not count; \s* allows "java . net".
        private static final Pattern JAVAFX = Pattern.compile("(?<![\\w.])javafx\\s*\\.");
        private static final Pattern JEDIS = Pattern.compile("(?<![\\w.])redis\\s*\\.\\s*clients\\b");
        private static final Pattern NETWORK = Pattern.compile("(?<![\\w.])java\\s*\\.\\s*net\\b");
        private static final Pattern SLEEP = Pattern.compile(
                "\\bThread\\s*\\.\\s*sleep\\b|\\bTimeUnit\\s*\\.\\s*\\w+\\s*\\.\\s*sleep\\s*\\(");
        private static final Pattern SLOTSCOPE = Pattern.compile("(?<![\\w.])org\\s*\\.\\s*slotscope\\s*\\.\\s*(\\w+|\\*)");

        private EngineRules() {
        }

        static List<Path> javaFiles(Path root) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }

        static List<Violation> scan(List<Path> files) {
            List<Violation> all = new ArrayList<>();
            for (Path file : files) {
                try {
                    all.addAll(scan(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            return all;
        }

        static List<Violation> scan(String file, String source) {
            String[] lines = codeOnly(source).split("\n", -1);
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.strip().startsWith("package ")) {
                    continue;
                }
                check(found, file, i + 1, line, JAVAFX, Rule.NO_JAVAFX);
                check(found, file, i + 1, line, JEDIS, Rule.NO_JEDIS);
                check(found, file, i + 1, line, NETWORK, Rule.NO_NETWORK);
                check(found, file, i + 1, line, SLEEP, Rule.NO_SLEEP);
                Matcher m = SLOTSCOPE.matcher(line);
                while (m.find()) {
                    if (!m.group(1).equals("engine")) {
                        found.add(new Violation(file, i + 1, Rule.ENGINE_IS_THE_BOTTOM_LAYER, line));
                        break;
                    }
                }
            }
            return found;
        }

        private static void check(List<Violation> found, String file, int line, String code, Pattern p, Rule rule) {
            if (p.matcher(code).find()) {
                found.add(new Violation(file, line, rule, code));
            }
        }

        /**
         * The source with comments, string, text-block and char literals replaced by spaces, line
         * breaks kept, so matches report the right line and never come from prose.
         */
        static String codeOnly(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                    while (i < n && source.charAt(i) != '\n') {
                        out.append(' ');
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                    blank(source, i, end, out);
                    i = end;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = i + 3;
                    while (end < n && !source.startsWith("\"\"\"", end)) {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(n, end + 3);
                    blank(source, i, end, out);
                    i = end;
                } else if (c == '"' || c == '\'') {
                    int end = i + 1;
                    while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                        end += source.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(n, end + 1);
                    blank(source, i, end, out);
                    i = end;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        private static void blank(String source, int from, int to, StringBuilder out) {
            for (int k = from; k < to; k++) {
                out.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
        }
    }
}
