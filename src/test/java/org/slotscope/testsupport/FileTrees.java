package org.slotscope.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders and jars the tests make: removing one with everything in it, writing a jar of test classes. */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and all it holds; nothing happens when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Writes a jar of these classes' class files, as the test's class loader holds them. */
    public static Path jarOf(Path jar, Class<?>... classes) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("no class file for " + type.getName());
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(entry));
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }
}
