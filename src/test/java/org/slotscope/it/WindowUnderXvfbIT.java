package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.FileTrees;
import org.slotscope.testsupport.RedisBinaries;

/**
 * The real application, from the packaged jar, in a virtual X server (xvfb-run, GTK, software
 * rendering): it opens its window, becomes usable, saves a screenshot and exits; the screenshot
 * shows the window, and the frame statistics and the launch time are printed. That first launch maps
 * the class archive packaging wrote next to the jar and records its own layer on it in the cache; the
 * next launch maps both.
 */
class WindowUnderXvfbIT {
    private static final Pattern USABLE = Pattern.compile("window usable (\\d+) ms after the java command started");

    @Test
    void theAppOpensUnderXvfbAndSavesAScreenshotOfItsWindow() throws Exception {
        Path xvfbRun = RedisBinaries.find("xvfb-run").orElse(null);
        if (xvfbRun == null) {
            // same rule as for redis-server: skipped locally, a failure on CI
            org.junit.jupiter.api.Assumptions.assumeFalse(!"true".equals(System.getenv("CI")),
                    "xvfb-run not found: apt-get install xvfb libgtk-3-0 to run this test");
            org.junit.jupiter.api.Assertions.fail("xvfb-run not found on CI");
        }
        String jar = System.getProperty("slotscope.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the packaged jar: " + jar);
        Path shot = Path.of(System.getProperty("basedir", "."), "target", "screenshots", "xvfb-window.png");
        Files.deleteIfExists(shot);
        // the archive that packaging wrote next to the jar: the very first launch maps it
        Path packaged = packagedArchive(Path.of(jar));
        // the cache in a folder of the test's own, empty: the first launch records its layer there
        Path cache = Path.of(System.getProperty("basedir", "."), "target", "window-class-archive");
        FileTrees.delete(cache);
        String output = runWindow(xvfbRun, jar, cache, "--frame-stats", "--reshard", "50", "--screenshot", shot.toString(),
                "--screenshot-delay", "1500");
        assertTrue(output.contains("screenshot saved to " + shot), output);
        Matcher usable = USABLE.matcher(output);
        assertTrue(usable.find(), "no launch time printed:\n" + output);
        // frame times need JavaFX's renderer to report finished frames: it does when the app runs as a jar
        assertTrue(output.contains("frame-stats: frame time p50 "), output);
        assertTrue(output.contains(" frames);  interval p50 "), output);
        // java -jar cannot carry JVM options: the window ran in a JVM of its own, with its collector settings
        assertTrue(output.contains("jvm options: -Xmn") && output.contains("-XX:MaxTenuringThreshold=0"), output);
        // --reshard starts as the Reshard button does, once the window is usable: every panel knows the nodes
        assertTrue(output.contains("reshard of 50 slots: Moving 50 slots") || output.contains("reshard of 50 slots: Moved 50 slots"),
                output);
        assertTrue(output.contains("-XX:SharedArchiveFile=" + packaged + " -XX:ArchiveClassesAtExit=" + cache.resolve("window-")),
                output);
        // a recording JVM keeps HotSpot's archive messages off the terminal (-Xlog:cds=off): none are printed
        assertFalse(output.contains("[cds"), output);
        // JavaFX's warning about running from the classpath, which the jar is made to do, is not shown
        assertFalse(output.contains("Unsupported JavaFX configuration"), output);
        System.out.println("under Xvfb, first launch (the packaged class archive mapped): " + usable.group() + "; " + output.lines()
                .filter(l -> l.startsWith("frame-stats") || l.startsWith("fx-thread")).toList());

        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(1500, image.getWidth());
        assertEquals(920, image.getHeight());
        // the ring is drawn: the pixel straight below the top of the ring's column is a master's colour
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.contains(0xE69F00) && colours.contains(0x56B4E9) && colours.contains(0x009E73),
                "the three masters' colours are on screen");

        // the layer the window's JVM wrote as it exited is in place (HotSpot records one only on a base it
        // mapped: so the packaged archive was), and the next launch maps both
        List<Path> archives;
        try (var files = Files.list(cache)) {
            archives = files.toList();
        }
        assertEquals(1, archives.size(), archives.toString());
        assertTrue(archives.get(0).getFileName().toString().matches("window-[0-9a-f]{16}\\.jsa")
                && Files.size(archives.get(0)) > 1_000_000, archives.toString());
        String again = runWindow(xvfbRun, jar, cache, "--frame-stats", "--exit-after", "1000");
        assertTrue(again.contains("-XX:SharedArchiveFile=" + packaged + java.io.File.pathSeparator + archives.get(0)), again);
        // HotSpot says so when it cannot map an archive (another JVM, another class path, a damaged file)
        assertFalse(again.contains("[cds"), again);
        Matcher usableAgain = USABLE.matcher(again);
        assertTrue(usableAgain.find(), again);
        System.out.println("under Xvfb, with both layers of the class archive: " + usableAgain.group());
    }

    /** The archive {@code mvn package} wrote next to the jar (it removes those of earlier builds). */
    private static Path packagedArchive(Path jar) throws java.io.IOException {
        List<Path> archives;
        try (var files = Files.list(jar.toAbsolutePath().getParent())) {
            archives = files.filter(f -> f.getFileName().toString().matches("window-[0-9a-f]{16}\\.jsa")).toList();
        }
        assertEquals(1, archives.size(), "packaging made one class archive next to the jar: " + archives);
        return archives.get(0);
    }

    /** Runs the packaged jar's window in a virtual X server and returns what it printed; it must exit with 0. */
    private static String runWindow(Path xvfbRun, String jar, Path cache, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(xvfbRun.toString(), "-a", "-s", "-screen 0 1920x1200x24",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dprism.order=sw",
                "-Dslotscope.cacheDir=" + cache, "-jar", jar, "window"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("slotscope-window", ".log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = app.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            app.descendants().forEach(ProcessHandle::destroyForcibly);
            app.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertTrue(exited, "the window did not exit:\n" + output);
        assertEquals(0, app.exitValue(), output);
        return output;
    }
}
