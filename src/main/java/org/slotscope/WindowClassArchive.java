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
 * removes the old ones. A window's JVM that ends with a fatal error (exit code 134, HotSpot's abort)
 * while it maps an archive takes the archive with it, in case a damaged archive was the cause.
 *
 * <p>{@code -Dslotscope.classArchive=false} turns it off; {@code -Dslotscope.cacheDir=DIR} puts it
 * elsewhere.
 */
final class WindowClassArchive {
    static final String ENABLED_PROPERTY = "slotscope.classArchive";
    static final String CACHE_DIR_PROPERTY = "slotscope.cacheDir";
    static final String PREFIX = "window-";
    static final String SUFFIX = ".jsa";
    /** A temporary archive of this key older than this was left by a launch that did not finish. */
    static final Duration STALE = Duration.ofHours(1);
    /** How a HotSpot JVM ends after a fatal error (it aborts: 128 + SIGABRT). */
    static final int FATAL_ERROR_EXIT = 134;

    private final Path archive;
    private final Path recording;

    private WindowClassArchive(Path archive, Path recording) {
        this.archive = archive;
        this.recording = recording;
    }

    /** For a JVM with this key in {@code dir}: map the archive if it is there, record it if not. */
    static WindowClassArchive in(Path dir, String key) {
        Path archive = dir.resolve(PREFIX + key + SUFFIX);
        // not a UUID: a random one starts SecureRandom, tens of milliseconds of the launch
        Path recording = Files.isRegularFile(archive) ? null
                : dir.resolve(PREFIX + key + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        return new WindowClassArchive(archive, recording);
    }

    /** This JVM's archive, or empty when it is turned off, the JVM cannot archive, or no cache directory can be made. */
    static Optional<WindowClassArchive> forThisJvm() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY))) {
            return Optional.empty();
        }
        try {
            return cacheDir(System.getProperty(CACHE_DIR_PROPERTY), System.getProperty("os.name", ""),
                    System.getProperty("user.home", ""), System.getenv()).flatMap(WindowClassArchive::forThisJvmIn);
        } catch (InvalidPathException e) {
            return Optional.empty(); // a cache directory or class path entry no path can name: launch without it
        }
    }

    /** The archive for this JVM and class path in {@code dir}, if this JVM can make one and the directory can be made. */
    static Optional<WindowClassArchive> forThisJvmIn(Path dir) {
        String classPath = System.getProperty("java.class.path", "");
        if (!jarsOnly(classPath) || !jvmCanArchive()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // a cache: launching without it is only slower
        }
        String key = key(System.getProperty("java.home", ""), System.getProperty("java.vm.version", ""), classPath);
        return Optional.of(in(dir, key));
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

    /** The options that make the window's JVM map the archive, or record it. */
    List<String> jvmOptions() {
        return recording == null ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + recording);
    }

    boolean recording() {
        return recording != null;
    }

    Path archive() {
        return archive;
    }

    /**
     * After the window's JVM ended: a recorded archive is installed if that JVM exited normally
     * (it wrote the whole archive before exiting) and thrown away otherwise; installing one removes
     * the archives of other JVMs and class paths, and temporary ones left behind. A mapped archive
     * is removed when that JVM died of a fatal error: HotSpot aborts on a damaged archive, and every
     * later launch would too.
     */
    void windowExited(int exitCode) {
        if (recording == null) {
            if (exitCode == FATAL_ERROR_EXIT) {
                try {
                    Files.deleteIfExists(archive);
                    System.err.println("[WARN] the window's JVM ended with a fatal error; its class archive " + archive
                            + " was removed in case it was the cause: the next launch records a new one");
                } catch (IOException | SecurityException e) {
                    System.err.println("[WARN] the window's JVM ended with a fatal error; if it happens again, remove "
                            + archive + " (" + e.getMessage() + ")");
                }
            }
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

    private void removeOthers() throws IOException {
        String name = archive.getFileName().toString();
        String ownTemporaries = name.substring(0, name.length() - SUFFIX.length()) + ".";
        Instant stale = Instant.now().minus(STALE);
        List<Path> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && !f.equals(archive)).forEach(others::add);
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
