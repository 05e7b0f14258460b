package org.slotscope.ui.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The window's workers (the engine thread, a reshard and the other background work, and every thread
 * they start) run at a lower CPU priority than the FX thread and JavaFX's renderer. On two cores a
 * reshard's engine and its driver take the CPU the frames need; when both want a core, a thread at
 * nice 0 now gets about nine tenths of it against one at nice {@link #NICE} (Linux's CFS weights
 * 1024 and 110), and a worker still runs at full speed when the window has nothing to draw.
 *
 * <p>Java's thread priorities are ignored on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which warns when not root and, as root, raises the JIT
 * compiler and VM threads too. So on Linux the worker lowers itself by its thread id, which
 * {@code /proc/thread-self} names, with {@code renice} (util-linux; lowering needs no privilege). A
 * thread started by a lowered one inherits its nice value. Elsewhere the Java priority is all there
 * is: Windows honours it.
 *
 * <p>Once the window is usable, the JVM's JIT compiler threads take the same value
 * ({@link #lowerCompilerThreads()}).
 *
 * <p>System property {@value #NICE_PROPERTY} (0 to 19) sets another nice value; 0 leaves the
 * workers and compilers as they are (to compare, or to give a simulation all the CPU it can get).
 */
public final class WorkerPriority {
    /** The nice value a worker takes unless {@value #NICE_PROPERTY} says otherwise. */
    public static final int NICE = 10;
    public static final String NICE_PROPERTY = "slotscope.workerNice";
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicReference<String> OUTCOME = new AtomicReference<>("no worker started");

    private WorkerPriority() {
    }

    /** A daemon thread that lowers its own priority before it runs {@code body}. */
    public static Thread newThread(Runnable body, String name) {
        Thread thread = new Thread(() -> {
            lowerCurrentThread();
            body.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Lowers the calling thread and returns its nice value afterwards, empty where none can be read
     * (not Linux).
     */
    static OptionalInt lowerCurrentThread() {
        int nice = wantedNice(System.getProperty(NICE_PROPERTY));
        if (nice == 0) {
            OUTCOME.set("normal priority (" + NICE_PROPERTY + "=0)");
            return currentNice();
        }
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        OptionalInt tid = currentThreadId();
        if (tid.isEmpty()) {
            OUTCOME.set("Java priority " + Thread.MIN_PRIORITY + " (no /proc/thread-self)");
            return OptionalInt.empty();
        }
        OptionalInt before = currentNice();
        if (before.isPresent() && before.getAsInt() >= nice) {
            OUTCOME.set("nice " + before.getAsInt());
            return before; // the user already started the window lower than this
        }
        String failure = renice(nice, List.of(tid.getAsInt()));
        OptionalInt after = currentNice();
        OUTCOME.set(failure == null && after.isPresent() ? "nice " + after.getAsInt()
                : "normal priority (" + (failure != null ? failure : "nice not readable") + ")");
        return after;
    }

    /** How the last worker came out, for --frame-stats: "nice 10", or why it runs at normal priority. */
    public static String outcome() {
        return OUTCOME.get();
    }

    /** The calling thread's nice value from {@code /proc/thread-self/stat}; empty when not readable. */
    static OptionalInt currentNice() {
        return niceOf(readOrEmpty(THREAD_SELF.resolve("stat")));
    }

    private static OptionalInt currentThreadId() {
        try {
            return threadIdOf(Files.readSymbolicLink(THREAD_SELF).toString());
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Null when renice ran and succeeded, or what went wrong. */
    private static String renice(int nice, List<Integer> tids) {
        try {
            Process process = new ProcessBuilder(reniceCommand(nice, tids)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                return "renice did not answer in 5 s";
            }
            return process.exitValue() == 0 ? null : "renice exited with " + process.exitValue();
        } catch (IOException e) {
            return "no renice: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** {@code renice} for threads: Linux's setpriority takes a thread id where it takes a process id. */
    static List<String> reniceCommand(int nice, List<Integer> tids) {
        List<String> command = new ArrayList<>(List.of("renice", "-n", String.valueOf(nice), "-p"));
        tids.forEach(tid -> command.add(String.valueOf(tid)));
        return command;
    }

    /**
     * Lowers the JVM's JIT compiler threads to the workers' nice value, and says how that went for
     * --frame-stats ("nice 10 (1 thread)": the window's JVM has C1 only). The window calls it once it
     * is usable, so the launch keeps the compilers at full priority. Why: at a reshard's start the migration's code becomes hot, and
     * in the FX thread's blocks of 30-50 ms then, C2 and C1 had taken 25-37 and 7-18 ms of CPU against
     * the FX thread's 15-19 ms (per-thread CPU time from {@code /proc/self/task/}*{@code /schedstat}).
     * At the same nice as the engine they still compile at full speed when the window is idle. A
     * compiler thread that HotSpot adds later is started by a compiler thread and inherits the value.
     */
    public static String lowerCompilerThreads() {
        int nice = wantedNice(System.getProperty(NICE_PROPERTY));
        if (nice == 0) {
            return "normal priority (" + NICE_PROPERTY + "=0)";
        }
        Path tasks = Path.of("/proc/self/task");
        List<Integer> compilers = new ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) all::iterator) {
                // one already at this value or lower (the user started the JVM with nice) is left alone
                if (isCompilerThread(readOrEmpty(task.resolve("comm")))
                        && niceOf(readOrEmpty(task.resolve("stat"))).orElse(nice) < nice) {
                    compilers.add(Integer.parseInt(task.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return "normal priority (no " + tasks + ")";
        }
        if (compilers.isEmpty()) {
            return "left as they are (none found below nice " + nice + ")";
        }
        String failure = renice(nice, compilers);
        OptionalInt after = niceOf(readOrEmpty(tasks.resolve(compilers.get(0).toString()).resolve("stat")));
        return failure == null && after.isPresent()
                ? "nice " + after.getAsInt() + " (" + compilers.size() + (compilers.size() == 1 ? " thread)" : " threads)")
                : "normal priority (" + (failure != null ? failure : "nice not readable") + ")";
    }

    /**
     * HotSpot's compiler threads as Linux names them: "C2 CompilerThread0", cut to the 15 characters
     * of a thread's {@code comm}.
     */
    static boolean isCompilerThread(String comm) {
        String name = comm.strip();
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** A {@code /proc} file's text; empty when it cannot be read (not Linux, or the thread ended). */
    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The nice value asked for: {@link #NICE} when the property is absent or not a number from 0 to 19. */
    static int wantedNice(String property) {
        if (property == null) {
            return NICE;
        }
        try {
            int nice = Integer.parseInt(property.trim());
            return nice >= 0 && nice <= 19 ? nice : NICE;
        } catch (NumberFormatException e) {
            return NICE;
        }
    }

    /** The thread id in {@code /proc/thread-self}'s target, "<pid>/task/<tid>". */
    static OptionalInt threadIdOf(String linkTarget) {
        int slash = linkTarget.lastIndexOf('/');
        if (slash < 0 || !linkTarget.substring(0, slash).endsWith("/task")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(linkTarget.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Field 19 of a {@code stat} line (proc(5)). The second field, the thread's name in parentheses,
     * may itself hold spaces and parentheses ("GC Thread#0"), so fields are counted from the last ')'.
     */
    static OptionalInt niceOf(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalInt.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split(" ");
        int index = 19 - 3; // fields[0] is field 3, the state
        if (fields.length <= index) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(fields[index]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
