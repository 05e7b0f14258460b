package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real redis-cli as a person would type it, and returns what it printed. */
public final class RedisCli {
    private final Path program;

    private RedisCli(Path program) {
        this.program = program;
    }

    /** The redis-cli on PATH; skips the test (or fails it on CI) when there is none. */
    public static RedisCli require() {
        return new RedisCli(RedisBinaries.requireRedisCli());
    }

    public Path program() {
        return program;
    }

    /** stdout and stderr together, exactly as printed. */
    public String raw(List<String> args) {
        return raw(args, "");
    }

    /**
     * stdout and stderr together, with {@code input} typed on redis-cli's standard input (the answer
     * to a question, or commands: without a terminal redis-cli runs each input line as a command).
     */
    public String raw(List<String> args, String input) {
        return exec(args, input).printed();
    }

    /** What one run printed (stdout and stderr together) and its exit status. */
    public record Run(int exit, String printed) {
    }

    /** Runs redis-cli with {@code input} on its standard input; returns the exit status too. */
    public Run exec(List<String> args, String input) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "redis-cli " + args + " did not finish");
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What redis-cli printed, trimmed. */
    public String run(String... args) {
        return raw(List.of(args)).trim();
    }
}
