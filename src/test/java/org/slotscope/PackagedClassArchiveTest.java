package org.slotscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotscope.testsupport.FileTrees;

class PackagedClassArchiveTest {
    @TempDir
    Path dir;

    /** A class the jar holds without its superclass: it cannot be loaded. */
    static class Missing {
    }

    public static final class NeedsMissing extends Missing {
    }

    @Test
    void packagingWritesAStaticArchiveOfTheJarOnWhichTheFirstLaunchRecordsItsLayerAndLaterOnesMapBoth() throws Exception {
        Path jar = FileTrees.jarOf(dir.resolve("slotscope.jar"), PackagedClassArchive.class, WindowClassArchive.class,
                WindowJvm.class, WindowClassArchiveTest.ArchiveProbe.class, NeedsMissing.class);
        Files.writeString(dir.resolve("window-0123456789abcdef.jsa"), "an earlier build's archive");
        String javaHome = System.getProperty("java.home");
        String vm = System.getProperty("java.vm.version");
        String key = WindowClassArchive.key(javaHome, vm, jar.toString());
        assumeTrue(WindowClassArchive.jvmCanArchive() && Files.isRegularFile(Path.of(javaHome, "lib", "classlist")),
                "this JVM cannot make a class-data-sharing archive");

        String made = PackagedClassArchive.make(jar.toString(), javaHome, vm);

        Path packaged = dir.resolve("window-" + key + ".jsa");
        assertTrue(made.startsWith("class archive for the window: " + packaged + " ("), made);
        assertEquals(List.of(packaged), WindowClassArchive.packaged(jar.toString(), key).stream().toList());
        assertFalse(Files.exists(dir.resolve("window-0123456789abcdef.jsa")), "the earlier build's archive is gone");
        String log = Files.readString(dir.resolve(PackagedClassArchive.LOG));
        assertTrue(log.contains(NeedsMissing.class.getName().replace('.', '/')), "HotSpot says it left it out:\n" + log);
        try (var files = Files.list(dir)) {
            assertEquals(java.util.Set.of("slotscope.jar", PackagedClassArchive.LOG, packaged.getFileName().toString()),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "the class list is gone");
        }

        // the first launch maps it (-Xshare:on fails otherwise) and finds the probe there, though it never ran
        Path cache = dir.resolve("cache");
        WindowClassArchive first = WindowClassArchive.select(javaHome, vm, jar.toString(), Optional.of(cache)).orElseThrow();
        assertTrue(first.recording());
        String firstRun = WindowClassArchiveTest.runJava(jar, first.jvmOptions(), List.of("-Xshare:on", "-Xlog:class+load"));
        assertTrue(firstRun.contains(WindowClassArchiveTest.ArchiveProbe.class.getName() + " source: shared objects file\n"),
                firstRun);
        assertTrue(firstRun.lines().anyMatch("recorded"::equals), firstRun);
        first.windowExited(0);

        // a later launch maps both layers: the lambda's class, made by running, comes from the recorded one
        WindowClassArchive later = WindowClassArchive.select(javaHome, vm, jar.toString(), Optional.of(cache)).orElseThrow();
        assertFalse(later.recording());
        String laterRun = WindowClassArchiveTest.runJava(jar, later.jvmOptions(), List.of("-Xshare:on", "-Xlog:class+load"));
        assertTrue(laterRun.lines().anyMatch(line -> line.contains(WindowClassArchiveTest.ArchiveProbe.class.getName() + "$$Lambda")
                && line.endsWith("source: shared objects file (top)")), laterRun);
        assertFalse(laterRun.contains("[cds"), laterRun);

        assertTrue(PackagedClassArchive.make(jar.toString(), javaHome, vm).endsWith("(already made for this jar)"));

        // a damaged packaged archive: HotSpot, asked to record a layer on it, does not start at all
        Files.delete(later.archive());
        byte[] whole = Files.readAllBytes(packaged);
        packaged.toFile().setWritable(true);
        Files.write(packaged, java.util.Arrays.copyOf(whole, whole.length / 2));
        WindowClassArchive onDamaged = WindowClassArchive.select(javaHome, vm, jar.toString(), Optional.of(cache)).orElseThrow();
        assertEquals(1, WindowClassArchiveTest.exitOf(jar, onDamaged.jvmOptions(), List.of(), dir));
        // the launcher sees that (WindowJvm) and removes it: the JDK's own archive is the base again
        onDamaged.jvmDidNotStart();
        assertFalse(Files.exists(packaged));
        WindowClassArchive onJdks = WindowClassArchive.select(javaHome, vm, jar.toString(), Optional.of(cache)).orElseThrow();
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + onJdks.recordingFile(), "-Xlog:cds=off"), onJdks.jvmOptions());
        assertEquals(0, WindowClassArchiveTest.exitOf(jar, onJdks.jvmOptions(), List.of(), dir));
    }

    @Test
    void aClassPathOfMoreThanOneJarGetsNoArchiveAndAWarning() throws Exception {
        Path one = FileTrees.jarOf(dir.resolve("one.jar"), NeedsMissing.class);
        Path two = FileTrees.jarOf(dir.resolve("two.jar"), Missing.class);
        String made = PackagedClassArchive.make(one + java.io.File.pathSeparator + two, System.getProperty("java.home"),
                System.getProperty("java.vm.version"));
        assertTrue(made.startsWith("[WARN] no class archive for the window: the class path is not one jar"), made);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }
}
