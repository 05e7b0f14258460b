package org.slotscope.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real Redis programs on PATH. A test that needs one calls {@code requireXxx()}: when the
 * program is missing the test is skipped with a message saying what to install, except on CI
 * (environment CI=true), where a missing program is a failure, so a misconfigured build cannot
 * pass by skipping everything.
 */
public final class RedisBinaries {
    private RedisBinaries() {
    }

    public static Path requireRedisCli() {
        return require("redis-cli", "redis-tools");
    }

    public static Path requireRedisServer() {
        return require("redis-server", "redis-server");
    }

    /** openssl, for tests that make a self-signed certificate (Debian package openssl). */
    public static Path requireOpenssl() {
        return require("openssl", "openssl");
    }

    public static Path requireRedisBenchmark() {
        return require("redis-benchmark", "redis-tools");
    }

    /** util-linux `script`, which gives redis-cli a pseudo-terminal for its interactive mode (Debian: bsdutils). */
    public static Path requireScript() {
        return require("script", "bsdutils");
    }

    /** util-linux `renice`, with which the window's workers lower their priority (Debian: bsdutils). */
    public static Path requireRenice() {
        return require("renice", "bsdutils");
    }

    /** The program's path on PATH, if there is one. */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String missingMessage(String program, String debianPackage) {
        return program + " not found on PATH: install " + debianPackage + " (Debian: apt-get install "
                + debianPackage + ") to run this test";
    }

    private static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = missingMessage(program, debianPackage);
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.assumeTrue(false, message);
        throw new IllegalStateException("unreachable: the assumption above aborts the test");
    }
}
