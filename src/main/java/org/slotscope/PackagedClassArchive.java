package org.slotscope;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A class archive made when the jar is packaged, so that the window's first launch maps one too.
 *
 * <p>Without it, the first launch loads and verifies every class from the jar while it records the
 * archive later launches map ({@link WindowClassArchive}). {@code mvn package} runs this class after
 * it built the jar ({@code java -cp target/slotscope.jar org.slotscope.PackagedClassArchive}). It
 * writes a static archive (AppCDS, {@code -Xshare:dump}) of the JDK's default class list
 * ({@code lib/classlist}, what the JDK's own archive holds) and of every class in the jar, loaded,
 * verified and linked by HotSpot at dump time, next to the jar as {@code window-<key>.jsa}: the key
 * is the digest of the JVM and of the jar's path, size and time, as the launcher computes it.
 *
 * <p>A launch from this jar with this JVM maps it instead of the JDK's own archive, and records on
 * top of it, in the cache, the dynamic archive of what only running the window makes (lambdas'
 * classes, JDK classes outside the default list); later launches map both layers. A copied jar or
 * another JDK finds no packaged archive and records its own on the JDK's, as before.
 *
 * <p>Packaging never fails for it: a JVM that cannot archive, a JDK without a class list, or a dump
 * that does not end normally leaves no archive and a {@code [WARN]} line. What HotSpot says while it
 * dumps (the classes it leaves out: class files too old, optional dependencies the jar does not
 * hold) goes to {@code window-class-archive.log} next to the jar.
 */
public final class PackagedClassArchive {
    static final String LOG = "window-class-archive.log";
    /** The dump took 8 s on a two-core machine; a JVM still busy after this is stuck. */
    private static final long TIMEOUT_SECONDS = 300;

    private PackagedClassArchive() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 0) {
            System.err.println("usage: java -cp slotscope.jar " + PackagedClassArchive.class.getName());
            System.exit(2);
        }
        System.out.println(make(System.getProperty("java.class.path", ""), System.getProperty("java.home"),
                System.getProperty("java.vm.version")));
    }

    /** Makes the archive next to the one jar of {@code classPath} for the JVM in {@code javaHome}, and says what came of it. */
    static String make(String classPath, String javaHome, String vmVersion) throws IOException {
        if (!WindowClassArchive.jarsOnly(classPath) || classPath.contains(File.pathSeparator)) {
            return "[WARN] no class archive for the window: the class path is not one jar (" + classPath + ")";
        }
        Path jdkClassList = Path.of(javaHome, "lib", "classlist");
        if (!WindowClassArchive.jvmCanArchive() || !Files.isRegularFile(jdkClassList)) {
            return "[WARN] no class archive for the window: this JVM cannot make one (it needs HotSpot with class"
                    + " data sharing and the JDK's lib/classlist); the window's first launch records one";
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        String key = WindowClassArchive.key(javaHome, vmVersion, classPath);
        WindowClassArchive archive = WindowClassArchive.in(jar.getParent(), key);
        if (!archive.recording()) {
            return "class archive for the window: " + archive.archive() + " (already made for this jar)";
        }
        Path classList = Files.createTempFile(jar.getParent(), "window-class-list", ".txt");
        Path log = jar.resolveSibling(LOG);
        long started = System.nanoTime();
        int exit;
        try {
            List<String> classes = new ArrayList<>(Files.readAllLines(jdkClassList, StandardCharsets.UTF_8));
            classes.addAll(classesIn(jar));
            Files.write(classList, classes, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(javaHome + File.separator + "bin" + File.separator + "java");
            // the window's own options, so that nothing HotSpot checks an archive against differs
            command.addAll(WindowJvm.gcOptions(Runtime.getRuntime().maxMemory()));
            command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + archive.recordingFile(), "-cp", classPath));
            exit = run(command, log);
        } finally {
            Files.deleteIfExists(classList);
        }
        archive.windowExited(exit); // installs it when the dump ended normally, and removes earlier builds'
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!Files.isRegularFile(archive.archive())) {
            return String.format(Locale.ROOT, "[WARN] no class archive for the window: its JVM %s after %.1f s (see %s);"
                    + " the window's first launch records one", exit == -1 ? "did not finish" : "exited with " + exit,
                    seconds, log);
        }
        return String.format(Locale.ROOT, "class archive for the window: %s (%d MB, %.1f s; HotSpot's messages in %s)",
                archive.archive(), Files.size(archive.archive()) / (1024 * 1024), seconds, log);
    }

    private static int run(List<String> command, Path log) throws IOException {
        Process java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (java.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return java.exitValue();
            }
            java.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            java.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /**
     * The classes of the jar, in a class list's form ({@code org/slotscope/Launcher}). The versions a
     * multi-release jar holds under META-INF/versions are not listed: the loader picks them by itself.
     */
    static List<String> classesIn(Path jar) throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                        && !name.endsWith("package-info.class")) {
                    classes.add(name.substring(0, name.length() - ".class".length()));
                }
            }
        }
        return classes;
    }
}
