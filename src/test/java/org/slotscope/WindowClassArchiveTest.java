package org.slotscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotscope.testsupport.FileTrees;

class WindowClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theCacheDirectoryIsThePlatformsOwnUnlessTheUserChoseOne() {
        assertEquals(Optional.of(Path.of("/tmp/mine")), WindowClassArchive.cacheDir("/tmp/mine", "Linux", "/home/u", Map.of()));
        assertEquals(Optional.of(Path.of("/home/u/.cache/slotscope")), WindowClassArchive.cacheDir(null, "Linux", "/home/u", Map.of()));
        assertEquals(Optional.of(Path.of("/xdg/slotscope")),
                WindowClassArchive.cacheDir(null, "Linux", "/home/u", Map.of("XDG_CACHE_HOME", "/xdg")));
        assertEquals(Optional.of(Path.of("/home/u/.cache/slotscope")),
                WindowClassArchive.cacheDir(null, "Linux", "/home/u", Map.of("XDG_CACHE_HOME", "relative")),
                "the XDG specification ignores a relative XDG_CACHE_HOME");
        assertEquals(Optional.of(Path.of("/Users/u/Library/Caches/slotscope")),
                WindowClassArchive.cacheDir(null, "Mac OS X", "/Users/u", Map.of()));
        assertEquals(Optional.of(Path.of("C:\\Users\\u\\AppData\\Local", "SlotScope", "cache")), WindowClassArchive
                .cacheDir(null, "Windows 11", "C:\\Users\\u", Map.of("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local")));
        assertEquals(Optional.empty(), WindowClassArchive.cacheDir(null, "Windows 11", "C:\\Users\\u", Map.of()));
        assertEquals(Optional.empty(), WindowClassArchive.cacheDir(null, "Linux", "", Map.of()), "no home, no cache");
    }

    @Test
    void theKeyChangesWithTheJvmAndWithTheJarsSizeOrTime() throws IOException {
        Path jar = Files.writeString(dir.resolve("slotscope.jar"), "one");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String key = WindowClassArchive.key("/jdk", "17.0.15", jar.toString());
        assertEquals(16, key.length());
        assertEquals(key, WindowClassArchive.key("/jdk", "17.0.15", jar.toString()), "the same jar, the same key");
        assertNotEquals(key, WindowClassArchive.key("/jdk2", "17.0.15", jar.toString()));
        assertNotEquals(key, WindowClassArchive.key("/jdk", "17.0.16", jar.toString()));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        String touched = WindowClassArchive.key("/jdk", "17.0.15", jar.toString());
        assertNotEquals(key, touched, "a rebuilt jar");
        Files.writeString(jar, "other");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertNotEquals(touched, WindowClassArchive.key("/jdk", "17.0.15", jar.toString()), "same time, other size");
    }

    @Test
    void withoutAnArchiveTheWindowRecordsOneAndWithOneItMapsIt() throws IOException {
        WindowClassArchive first = WindowClassArchive.in(dir, "abc");
        assertTrue(first.recording());
        String option = first.jvmOptions().get(0);
        assertTrue(option.startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve("window-abc.")) && option.endsWith(".tmp"),
                option);
        Files.writeString(dir.resolve("window-abc.jsa"), "archive");
        WindowClassArchive later = WindowClassArchive.in(dir, "abc");
        assertFalse(later.recording());
        assertEquals(List.of("-XX:SharedArchiveFile=" + dir.resolve("window-abc.jsa")), later.jvmOptions());
    }

    @Test
    void aRecordingIsInstalledOnlyWhenTheWindowExitedNormally() throws IOException {
        WindowClassArchive crashed = WindowClassArchive.in(dir, "abc");
        Files.writeString(crashed.recordingFile(), "half an archive");
        crashed.windowExited(134);
        assertEquals(List.of(), files(), "a truncated archive would crash the next JVM: thrown away");

        WindowClassArchive closed = WindowClassArchive.in(dir, "abc");
        Files.writeString(closed.recordingFile(), "archive");
        closed.windowExited(0);
        assertEquals(List.of("window-abc.jsa"), files());
        assertEquals("archive", Files.readString(dir.resolve("window-abc.jsa")));

        WindowClassArchive mapped = WindowClassArchive.in(dir, "abc");
        mapped.windowExited(1);
        assertEquals(List.of("window-abc.jsa"), files(), "an ordinary failure leaves the archive");
        mapped.windowExited(WindowClassArchive.FATAL_ERROR_EXIT);
        assertEquals(List.of(), files(), "a JVM that aborted while it mapped the archive takes it with it");

        WindowClassArchive nothingWritten = WindowClassArchive.in(dir.resolve("elsewhere"), "abc");
        nothingWritten.windowExited(0);
        assertFalse(Files.exists(dir.resolve("elsewhere")), "nothing recorded, nothing installed");
    }

    @Test
    void installingAnArchiveRemovesOldOnesButNotAnotherLaunchsFreshRecording() throws IOException {
        Files.writeString(dir.resolve("window-old.jsa"), "an older jar's");
        Files.writeString(dir.resolve("window-old.1234.tmp"), "an older jar's, left behind");
        Path fresh = Files.writeString(dir.resolve("window-abc.other-launch.tmp"), "being written");
        Path stale = Files.writeString(dir.resolve("window-abc.long-gone.tmp"), "left behind");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(WindowClassArchive.STALE).minusSeconds(60)));
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        // a build's folder holds other files named window-: the packaging's log, a test's cache folder
        Files.writeString(dir.resolve("window-class-archive.log"), "not an archive");
        Files.createDirectories(dir.resolve("window-class-archive"));

        WindowClassArchive closed = WindowClassArchive.in(dir, "abc");
        Files.writeString(closed.recordingFile(), "archive");
        closed.windowExited(0);

        assertEquals(List.of("notes.txt", "window-abc.jsa", fresh.getFileName().toString(), "window-class-archive",
                "window-class-archive.log"), files());
    }

    @Test
    void aPackagedArchiveIsTheBaseOfTheCachedOneWhoseKeyHoldsItAndAloneItIsMapped() throws IOException {
        Path jar = Files.writeString(dir.resolve("slotscope.jar"), "jar");
        Path cache = dir.resolve("cache");
        String key = WindowClassArchive.key("/jdk", "17", jar.toString());
        // none packaged: the cache's archive, on the JDK's own
        WindowClassArchive onJdks = WindowClassArchive.select("/jdk", "17", jar.toString(), Optional.of(cache)).orElseThrow();
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + onJdks.recordingFile(), "-Xlog:cds=off"), onJdks.jvmOptions());
        assertEquals(cache.resolve("window-" + key + ".jsa"), onJdks.archive());
        assertTrue(WindowClassArchive.select("/jdk", "17", jar.toString(), Optional.empty()).isEmpty());

        Path packaged = Files.writeString(dir.resolve("window-" + key + ".jsa"), "packaged");
        WindowClassArchive first = WindowClassArchive.select("/jdk", "17", jar.toString(), Optional.of(cache)).orElseThrow();
        assertEquals(List.of("-XX:SharedArchiveFile=" + packaged, "-XX:ArchiveClassesAtExit=" + first.recordingFile(),
                "-Xlog:cds=off"), first.jvmOptions());
        String layered = WindowClassArchive.key("/jdk", "17", jar + java.io.File.pathSeparator + packaged);
        assertEquals(cache.resolve("window-" + layered + ".jsa"), first.archive());
        assertNotEquals(key, layered);
        Files.writeString(first.recordingFile(), "layer");
        first.windowExited(0);
        WindowClassArchive later = WindowClassArchive.select("/jdk", "17", jar.toString(), Optional.of(cache)).orElseThrow();
        assertEquals(List.of("-XX:SharedArchiveFile=" + packaged + java.io.File.pathSeparator + first.archive()),
                later.jvmOptions());
        // no cache directory: the packaged archive alone
        assertEquals(List.of("-XX:SharedArchiveFile=" + packaged),
                WindowClassArchive.select("/jdk", "17", jar.toString(), Optional.empty()).orElseThrow().jvmOptions());

        // a fatal error takes both layers: either may be the damaged one
        later.windowExited(WindowClassArchive.FATAL_ERROR_EXIT);
        assertFalse(Files.exists(packaged));
        assertFalse(Files.exists(first.archive()));
    }

    @Test
    void onlyAClassPathOfJarsCanBeArchived() throws IOException {
        Path jar = Files.writeString(dir.resolve("slotscope.jar"), "jar");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertTrue(WindowClassArchive.jarsOnly(jar.toString()));
        assertFalse(WindowClassArchive.jarsOnly(jar + java.io.File.pathSeparator + classes),
                "a JVM asked to record with a directory of classes on its class path does not start");
        assertFalse(WindowClassArchive.jarsOnly(dir.resolve("missing.jar").toString()));
        assertFalse(WindowClassArchive.jarsOnly(""));
        assertFalse(WindowClassArchive.jarsOnly("bad\0path.jar"), "an entry no path can name");
    }

    /** HotSpot itself: the options record an archive that the next JVM maps with sharing required. */
    @Test
    void theJvmRecordsAnArchiveThatTheNextJvmMaps() throws Exception {
        Path jar = FileTrees.jarOf(dir.resolve("probe.jar"), ArchiveProbe.class);
        Path cache = dir.resolve("cache");
        String key = WindowClassArchive.key(System.getProperty("java.home"), System.getProperty("java.vm.version"),
                jar.toString());
        assumeTrue(WindowClassArchive.jvmCanArchive(), "this JVM cannot make a dynamic class-data-sharing archive");

        WindowClassArchive first = WindowClassArchive.in(Files.createDirectories(cache), key);
        assertTrue(first.recording());
        assertEquals("recorded", runJava(jar, first.jvmOptions(), List.of()));
        first.windowExited(0);
        assertTrue(Files.size(cache.resolve("window-" + key + ".jsa")) > 0);

        WindowClassArchive second = WindowClassArchive.in(cache, key);
        assertFalse(second.recording());
        // -Xshare:on makes a JVM that cannot map the archive fail instead of carrying on without it
        assertEquals("recorded", runJava(jar, second.jvmOptions(), List.of("-Xshare:on")));

        // a damaged archive: HotSpot aborts, and the archive goes so that the next launch can start
        Path archive = cache.resolve("window-" + key + ".jsa");
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length / 8));
        WindowClassArchive damaged = WindowClassArchive.in(cache, key);
        assertEquals(WindowClassArchive.FATAL_ERROR_EXIT, exitOf(jar, damaged.jvmOptions(), List.of(), dir));
        damaged.windowExited(WindowClassArchive.FATAL_ERROR_EXIT);
        assertFalse(Files.exists(archive));
        assertTrue(WindowClassArchive.in(cache, key).recording());
    }

    static String runJava(Path jar, List<String> archiveOptions, List<String> more) throws Exception {
        Process java = new ProcessBuilder(javaCommand(jar, archiveOptions, more)).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), output);
        return output;
    }

    private static List<String> javaCommand(Path jar, List<String> archiveOptions, List<String> more) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(archiveOptions);
        command.addAll(more);
        command.addAll(List.of("-cp", jar.toString(), ArchiveProbe.class.getName()));
        return command;
    }

    /** The exit code of a JVM run in {@code workDir} (where a crashing one leaves its hs_err file). */
    static int exitOf(Path jar, List<String> archiveOptions, List<String> more, Path workDir) throws Exception {
        Process java = new ProcessBuilder(javaCommand(jar, archiveOptions, more)).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        return java.exitValue();
    }

    /** What the archived JVM runs: it loads a few classes of its own and of the JDK, and makes a lambda. */
    public static final class ArchiveProbe {
        public static void main(String[] args) {
            // a lambda: its class is made by running, so only a recorded archive holds it
            java.util.function.Supplier<String> word = () -> "recorded";
            System.out.println(List.of(Map.of(word.get(), 1).keySet().iterator().next()).get(0));
        }
    }

    private List<String> files() throws IOException {
        try (var listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
