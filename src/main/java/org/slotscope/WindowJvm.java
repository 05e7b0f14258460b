package org.slotscope;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The window runs in a JVM with garbage-collector settings of its own, because the defaults freeze
 * it. A reshard creates every moved key anew on the target and on its replica, so much of what is
 * allocated while slots migrate lives on. With G1's defaults (young generation sized for 200 ms
 * pauses, survivors copied up to fifteen times before they are old), the young collections of a
 * 1M-key reshard stopped every thread, the FX thread with them, for 100 to 300 ms. A fixed young
 * generation of at most 128 MB collects often and little, and a tenuring threshold of 0 copies a
 * surviving array once, into the old generation, instead of again at every collection.
 *
 * <p>{@code java -jar} cannot carry JVM options, so the launcher starts the window in a child JVM
 * with them (the same java, class path, system properties and arguments) and passes its exit code
 * on. It does not when the JVM was started with options other than system properties (the user
 * chose: a debugger, a GC log, other collectors), when it is the child already, or when
 * {@code SLOTSCOPE_SAME_JVM} is set. The child maps an archive of the classes it loaded the last
 * time, which shortens the launch ({@link WindowClassArchive}). HotSpot does not start at all when
 * it cannot map the archive under a layer it is to record; the child removes a marker file as its
 * main starts, so a child that ended with the marker still there never started, and the launcher
 * removes the archive and starts the window again without it.
 *
 * <p>The child also compiles with the JIT's first compiler only (C1, {@code -XX:TieredStopAtLevel=1}).
 * With HotSpot's default, C2 compiles the window's hot code on the cores the FX thread, the renderer
 * and the simulation share (earlier measured at 60-80% of one core for a reshard's first seconds),
 * and code waiting for it runs in C1's slower, profiling tier. On two cores, through the real
 * command: the launch took 1.6-2.3 s with C1 only against 2.4-3.2 s, and the 12-node frame time's
 * p99 12-14 ms against 17-23 ms. The price is the simulation's speed: a 1M-key reshard took 73-90 s
 * against 62-73 s, and loading 2M keys about 2 s longer. {@value #COMPILER_PROPERTY}{@code =tiered}
 * gives the child HotSpot's default ({@code c1}, the default, keeps C1 only).
 */
public final class WindowJvm {
    static final String CHILD_PROPERTY = "slotscope.windowJvm";
    /** When the first JVM started (epoch ms), so the child can time the launch from the user's command. */
    static final String LAUNCHED_AT_PROPERTY = "slotscope.launchedAt";
    static final String SAME_JVM_ENV = "SLOTSCOPE_SAME_JVM";
    static final String COMPILER_PROPERTY = "slotscope.windowCompiler";
    /** A file the child removes as its main starts: still there after it ended, the JVM never started. */
    static final String STARTING_PROPERTY = "slotscope.windowStarting";
    /** HotSpot's exit code when it stops during its initialisation. */
    private static final int VM_INIT_FAILED_EXIT = 1;
    /** Not an exit code: the window's JVM ended before its main ran. */
    private static final int DID_NOT_START = Integer.MIN_VALUE;
    private static final long MAX_YOUNG = 128L * 1024 * 1024;

    private WindowJvm() {
    }

    /** The options the window's JVM gets, for a maximum heap of {@code maxHeapBytes}. */
    static List<String> gcOptions(long maxHeapBytes) {
        long young = Math.max(16L * 1024 * 1024, Math.min(MAX_YOUNG, maxHeapBytes / 4));
        return List.of("-Xmn" + young / (1024 * 1024) + "m", "-XX:MaxTenuringThreshold=0", "-XX:MaxGCPauseMillis=20");
    }

    /**
     * The JIT options the window's JVM gets: C1 only, unless the user's options set
     * {@value #COMPILER_PROPERTY} to {@code tiered}.
     */
    static List<String> compilerOptions(List<String> jvmOptions) {
        return jvmOptions.contains("-D" + COMPILER_PROPERTY + "=tiered") ? List.of() : List.of("-XX:TieredStopAtLevel=1");
    }

    /** Whether to start a child JVM, given this JVM's options, environment and system properties. */
    static boolean shouldRelaunch(List<String> jvmOptions, Map<String, String> env, String childProperty) {
        return childWanted(env, childProperty) && onlyProperties(jvmOptions);
    }

    /** Not the child already, and not told to stay in one JVM. */
    private static boolean childWanted(Map<String, String> env, String childProperty) {
        return childProperty == null && !env.containsKey(SAME_JVM_ENV);
    }

    /** The user gave no JVM options but system properties (anything else is their choice to keep). */
    private static boolean onlyProperties(List<String> jvmOptions) {
        return jvmOptions.stream().allMatch(option -> option.startsWith("-D"));
    }

    /** The child's command line. */
    static List<String> command(String javaHome, List<String> jvmOptions, long maxHeapBytes, List<String> archiveOptions,
            long launchedAt, String classPath, String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmOptions);
        command.addAll(gcOptions(maxHeapBytes));
        command.addAll(compilerOptions(jvmOptions));
        command.addAll(archiveOptions);
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-D" + LAUNCHED_AT_PROPERTY + "=" + launchedAt);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the window in a child JVM when it should, and returns its exit code; or returns empty at
     * once when the window is to run in this JVM (no child wanted, or none could be started).
     */
    static OptionalInt runInChild(String[] args) {
        if (!childWanted(System.getenv(), System.getProperty(CHILD_PROPERTY))) {
            childStarted(System.getProperty(STARTING_PROPERTY));
            return OptionalInt.empty(); // decided without the management beans, which take time to start
        }
        var runtime = ManagementFactory.getRuntimeMXBean();
        List<String> jvmOptions = runtime.getInputArguments();
        if (!onlyProperties(jvmOptions)) {
            return OptionalInt.empty();
        }
        String compiler = System.getProperty(COMPILER_PROPERTY);
        if (compiler != null && !compiler.equals("c1") && !compiler.equals("tiered")) {
            System.err.println("[WARN] -D" + COMPILER_PROPERTY + "=" + compiler + " is neither c1 nor tiered;"
                    + " the window runs with c1");
        }
        Optional<WindowClassArchive> archive = WindowClassArchive.forThisJvm();
        OptionalInt code = runChild(jvmOptions, archive, runtime.getStartTime(), args);
        if (code.isPresent() && code.getAsInt() == DID_NOT_START) {
            // HotSpot did not start with the archive (one it cannot map, under a layer to record, stops
            // it at once): the window never opened, so it opens now, without the archive
            archive.get().jvmDidNotStart();
            code = runChild(jvmOptions, Optional.empty(), runtime.getStartTime(), args); // no archive: no DID_NOT_START
        }
        return code;
    }

    /**
     * Runs the window's JVM, tells the archive how it ended and returns its exit code;
     * {@link #DID_NOT_START} when that JVM ended before its main ran (only an archive's JVM is checked
     * for it), empty when no JVM could be started.
     */
    private static OptionalInt runChild(List<String> jvmOptions, Optional<WindowClassArchive> archive, long launchedAt,
            String[] args) {
        Path starting = archive.isPresent() ? startingMarker() : null;
        List<String> options = new ArrayList<>(jvmOptions);
        if (starting != null) {
            options.add("-D" + STARTING_PROPERTY + "=" + starting);
        }
        List<String> command = command(System.getProperty("java.home"), options, Runtime.getRuntime().maxMemory(),
                archive.map(WindowClassArchive::jvmOptions).orElse(List.of()), launchedAt,
                System.getProperty("java.class.path"), Launcher.class.getName(), args);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.err.println("[WARN] cannot start the window's JVM (" + e.getMessage()
                    + "); running it in this one, with the default garbage collector settings");
            deleteQuietly(starting);
            return OptionalInt.empty();
        }
        Thread stopChild = new Thread(child::destroy, "slotscope-stop-window-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild); // Ctrl-C or a kill of this JVM ends the window too
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // this JVM is being stopped too (Ctrl-C reaches both): the hook is harmless now
                }
                // 1: how HotSpot exits when it cannot initialise (a signal, Ctrl-C say, ends it with 128+n)
                if (starting != null && Files.exists(starting) && code == VM_INIT_FAILED_EXIT) {
                    deleteQuietly(starting);
                    return OptionalInt.of(DID_NOT_START);
                }
                deleteQuietly(starting);
                archive.ifPresent(a -> a.windowExited(code));
                return OptionalInt.of(code);
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }

    /** The marker file for the next child, or null when none can be made (the check is then skipped). */
    private static Path startingMarker() {
        try {
            Path marker = Path.of(System.getProperty("java.io.tmpdir"),
                    "slotscope-window-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".starting");
            return Files.createFile(marker);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** In the child: its main runs, so its JVM started; the parent sees the marker gone. */
    static void childStarted(String marker) {
        if (marker != null && !marker.isBlank()) {
            deleteQuietly(Path.of(marker));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // a temporary file: the system's cleaning of its temporary folder takes it
        }
    }

    /** Milliseconds since the user's command started a JVM: the first one when this is the child. */
    public static long sinceLaunch() {
        String launchedAt = System.getProperty(LAUNCHED_AT_PROPERTY);
        long start = launchedAt != null ? Long.parseLong(launchedAt) : ManagementFactory.getRuntimeMXBean().getStartTime();
        return System.currentTimeMillis() - start;
    }
}
