package org.slotscope;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive of the classes the window's JVM loads (HotSpot's dynamic CDS
 * archive, JEP 350), kept in the user's cache directory, so that launches after the first map
 * JavaFX's and our classes ready-parsed instead of loading and verifying them one by one.
 *
 * <p>The first launch asks its JVM to write the archive when it exits
 * ({@code -XX:ArchiveClassesAtExit}, to a temporary name); the launcher moves it into place only
 * when that JVM ended normally, because HotSpot crashes on a truncated archive. Later launches map
 * it ({@code -XX:SharedArchiveFile}). The archive's name holds a digest of the JVM and of every class
 * path entry's size and modification time: HotSpot refuses (with a warning) an archive made for
 * another JVM or class path, so a new jar or a new JDK records a new archive, and installing it
 * removes the old ones. A dynamic archive is a layer on a static one: the JDK's own, or the one
 * packaged next to the jar ({@link PackagedClassArchive}), which already holds every class of the
 * jar, so that the first launch maps that one while it records its layer. A window's JVM that ends
 * with a fatal error (exit code 134, HotSpot's abort) takes the archives it mapped with it, in case
 * a damaged archive was the cause.
 *
 * <p>{@code -Dslotscope.classArchive=false} turns it off; {@code -Dslotscope.cacheDir=DIR} puts it
 * elsewhere.
 */
final class WindowClassArchive {
    static final String ENABLED_PROPERTY = "slotscope.classArchive";
    static final String CACHE_DIR_PROPERTY = "slotscope.cacheDir";
    static final String PREFIX = "window-";
    static final String SUFFIX = ".jsa";
    static final String RECORDING_SUFFIX = ".tmp";
    /** HotSpot's messages about the archive, off: see {@link #jvmOptions}. */
    static final String QUIET = "-Xlog:cds=off";
    /** A temporary archive of this key older than this was left by a launch that did not finish. */
    static final Duration STALE = Duration.ofHours(1);
    /** How a HotSpot JVM ends after a fatal error (it aborts: 128 + SIGABRT). */
    static final int FATAL_ERROR_EXIT = 134;

    private final Path archive;
    private final Path recording;
    /** The packaged archive the recorded one is layered on, instead of the JDK's own; null for the JDK's. */
    private final Path base;

    private WindowClassArchive(Path archive, Path recording, Path base) {
        this.archive = archive;
        this.recording = recording;
        this.base = base;
    }

    /** For a JVM with this key in {@code dir}: map the archive if it is there, record it if not. */
    static WindowClassArchive in(Path dir, String key) {
        return in(dir, key, null);
    }

    private static WindowClassArchive in(Path dir, String key, Path base) {
        Path archive = dir.resolve(PREFIX + key + SUFFIX);
        // not a UUID: a random one starts SecureRandom, tens of milliseconds of the launch
        Path recording = Files.isRegularFile(archive) ? null
                : dir.resolve(PREFIX + key + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + RECORDING_SUFFIX);
        return new WindowClassArchive(archive, recording, base);
    }

    /** This JVM's archive; empty when it is turned off or the JVM cannot archive. */
    static Optional<WindowClassArchive> forThisJvm() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY))) {
            return Optional.empty();
        }
        String classPath = System.getProperty("java.class.path", "");
        try {
            if (!jarsOnly(classPath) || !jvmCanArchive()) {
                return Optional.empty();
            }
            return select(System.getProperty("java.home", ""), System.getProperty("java.vm.version", ""), classPath,
                    cacheDir(System.getProperty(CACHE_DIR_PROPERTY), System.getProperty("os.name", ""),
                            System.getProperty("user.home", ""), System.getenv()));
        } catch (InvalidPathException e) {
            return Optional.empty(); // a cache directory or class path entry no path can name: launch without it
        }
    }

    /**
     * The archive for this JVM and class path. With an archive packaged next to the jar
     * ({@link PackagedClassArchive}), the one in the cache is layered on it: its key holds the
     * packaged archive's too, and without a cache directory the packaged one alone is mapped.
     * Without one, the cache's is layered on the JDK's own archive. Empty when there is neither a
     * packaged archive nor a cache directory that can be made.
     */
    static Optional<WindowClassArchive> select(String javaHome, String vmVersion, String classPath, Optional<Path> cacheDir) {
        Optional<Path> packaged = packaged(classPath, key(javaHome, vmVersion, classPath));
        String layered = packaged.map(base -> classPath + java.io.File.pathSeparator + base).orElse(classPath);
        Optional<WindowClassArchive> cached = cacheDir.flatMap(dir -> madeDirectory(dir))
                .map(dir -> in(dir, key(javaHome, vmVersion, layered), packaged.orElse(null)));
        return cached.or(() -> packaged.map(base -> new WindowClassArchive(base, null, null)));
    }

    /** The archive packaged next to the class path's one jar for this key, if it is there. */
    static Optional<Path> packaged(String classPath, String key) {
        if (classPath.contains(java.io.File.pathSeparator)) {
            return Optional.empty();
        }
        Path archive = Path.of(classPath).toAbsolutePath().resolveSibling(PREFIX + key + SUFFIX);
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    private static Optional<Path> madeDirectory(Path dir) {
        try {
            return Optional.of(Files.createDirectories(dir));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // a cache: launching without it is only slower
        }
    }

    /**
     * HotSpot archives classes from jar files only: with a directory of classes on the class path
     * (an IDE's or Maven's target/classes) a JVM asked to record an archive does not start at all.
     */
    static boolean jarsOnly(String classPath) {
        try {
            return !classPath.isEmpty() && java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                    .allMatch(entry -> Files.isRegularFile(Path.of(entry)));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * HotSpot with class data sharing on (its base archive of the JDK's classes mapped): a dynamic
     * archive is layered on top of it and cannot be made without it.
     */
    static boolean jvmCanArchive() {
        try {
            var hotSpot = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            hotSpot.getVMOption("ArchiveClassesAtExit"); // throws if this JVM has no such option
            return "true".equals(hotSpot.getVMOption("UseSharedSpaces").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Where a desktop application keeps caches: {@code -Dslotscope.cacheDir}, else the platform's
     * place (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, LOCALAPPDATA on
     * Windows), in a folder of our own.
     */
    static Optional<Path> cacheDir(String property, String osName, String userHome, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return local == null || local.isBlank() ? Optional.empty() : Optional.of(Path.of(local, "SlotScope", "cache"));
        }
        if (userHome.isBlank()) {
            return Optional.empty();
        }
        if (os.startsWith("mac")) {
            return Optional.of(Path.of(userHome, "Library", "Caches", "slotscope"));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(userHome, ".cache");
        return Optional.of(base.resolve("slotscope"));
    }

    /** A digest of what HotSpot checks an archive against: the JVM, and each class path entry's path, size and time. */
    static String key(String javaHome, String vmVersion, String classPath) {
        StringBuilder identity = new StringBuilder(javaHome).append('\n').append(vmVersion).append('\n');
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            identity.append(path).append('\n');
            try {
                identity.append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis()).append('\n');
            } catch (IOException | SecurityException e) {
                identity.append("unreadable\n");
            }
        }
        // FNV-1a, 64 bits: a digest from java.security would load its providers, some 25 ms of every launch
        long hash = 0xcbf29ce484222325L;
        for (byte b : identity.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return HexFormat.of().toHexDigits(hash);
    }

    /**
     * The options that make the window's JVM map the archive, or record it; on the packaged one if
     * there is one. A recording JVM says, as it exits, which classes it leaves out of the archive (a
     * line for each of the JDK's generated reflection classes, among others): {@code -Xlog:cds=off}
     * keeps that off the user's terminal. A recording that could not be made leaves no archive, and
     * the next launch records again.
     */
    List<String> jvmOptions() {
        if (recording != null) {
            String record = "-XX:ArchiveClassesAtExit=" + recording;
            return base == null ? List.of(record, QUIET) : List.of("-XX:SharedArchiveFile=" + base, record, QUIET);
        }
        return List.of("-XX:SharedArchiveFile=" + (base == null ? "" : base + java.io.File.pathSeparator) + archive);
    }

    boolean recording() {
        return recording != null;
    }

    Path archive() {
        return archive;
    }

    /** Where the JVM writes the archive it records, before {@link #windowExited} installs it; null when it maps one. */
    Path recordingFile() {
        return recording;
    }

    /**
     * After the window's JVM ended: a recorded archive is installed if that JVM exited normally
     * (it wrote the whole archive before exiting) and thrown away otherwise; installing one removes
     * the archives of other JVMs and class paths, and temporary ones left behind. The archives that
     * JVM mapped (the packaged one included) are removed when it died of a fatal error: HotSpot aborts
     * on a damaged archive, and every later launch would too.
     */
    void windowExited(int exitCode) {
        if (exitCode == FATAL_ERROR_EXIT) {
            mapped().forEach(path -> remove(path, "ended with a fatal error",
                    "was removed in case it was the cause: the next launch records a new one"));
        }
        if (recording == null) {
            return;
        }
        try {
            if (exitCode == 0 && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOthers();
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException | SecurityException e) {
            // a cache: the next launch records again
            try {
                Files.deleteIfExists(recording);
            } catch (IOException | SecurityException ignored) {
                // nothing more to do
            }
        }
    }

    /**
     * The window's JVM ended before its main ran: HotSpot stops at once when it cannot map the archive
     * under a layer it is to record (a damaged packaged archive, say). The archives it was given go,
     * and the launcher starts the window without them.
     */
    void jvmDidNotStart() {
        mapped().forEach(path -> remove(path, "did not start",
                "was removed and the window starts without it"));
    }

    private List<Path> mapped() {
        List<Path> mapped = new ArrayList<>();
        if (base != null) {
            mapped.add(base);
        }
        if (recording == null) {
            mapped.add(archive);
        }
        return mapped;
    }

    /** Removes an archive the window's JVM mapped, saying why ({@code what} it did) and what follows. */
    private static void remove(Path mapped, String what, String consequence) {
        try {
            Files.deleteIfExists(mapped);
            System.err.println("[WARN] the window's JVM " + what + "; its class archive " + mapped + " " + consequence);
        } catch (IOException | SecurityException e) {
            System.err.println("[WARN] the window's JVM " + what + "; if it happens again, remove " + mapped + " ("
                    + e.getMessage() + ")");
        }
    }

    private static boolean isArchiveOrRecording(String name) {
        return name.startsWith(PREFIX) && (name.endsWith(SUFFIX) || name.endsWith(RECORDING_SUFFIX));
    }

    private void removeOthers() throws IOException {
        String name = archive.getFileName().toString();
        String ownTemporaries = name.substring(0, name.length() - SUFFIX.length()) + ".";
        Instant stale = Instant.now().minus(STALE);
        List<Path> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            // archives and recordings only: the folder may be a build's, with other files named window-
            files.filter(f -> isArchiveOrRecording(f.getFileName().toString()) && !f.equals(archive)
                    && Files.isRegularFile(f)).forEach(others::add);
        }
        for (Path other : others) {
            try {
                // a temporary archive of this key may be another launch's, still to be written: only old ones go
                if (!other.getFileName().toString().startsWith(ownTemporaries)
                        || Files.getLastModifiedTime(other).toInstant().isBefore(stale)) {
                    Files.deleteIfExists(other);
                }
            } catch (IOException | SecurityException e) {
                // in use (a running window of another version maps it) or gone: the next install tries again
            }
        }
    }
}
