package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The real redis-cli at its interactive prompt, as a person types into it. redis-cli runs its REPL
 * (linenoise line editing, hints, the prompt naming the node it is connected to) only when its
 * standard input is a terminal (isatty), so it runs under util-linux `script`, which gives it a
 * pseudo-terminal; this class writes keys to script's input and reads the terminal's output through a
 * {@link TerminalScreen}. The terminal is set to 200 columns with stty, so linenoise reads its width
 * from TIOCGWINSZ; a cursor position request (ESC[6n) would be answered by the screen anyway.
 *
 * <p>Every wait has a deadline and fails the test with the screen so far; {@link #close()} kills
 * script and redis-cli.
 */
public final class InteractiveRedisCli implements AutoCloseable {
    private static final int COLUMNS = 200;
    private static final long WAIT_SECONDS = 30;
    /** redis-cli's prompt: "host:port> " (cliRefreshPrompt), nothing typed after it. */
    private static final Pattern PROMPT = Pattern.compile("[^ ]+:\\d+> ");

    /** One command typed and Enter pressed: the line as shown, the hint before Enter, what was printed. */
    public record Exchange(String typed, String hint, List<String> printed, String prompt) {
    }

    private final Process process;
    private final OutputStream keyboard;
    private final TerminalScreen screen;
    private final Thread reader;
    private final Object lock = new Object();
    private IOException readFailure;
    private boolean ended;

    private InteractiveRedisCli(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        this.screen = new TerminalScreen(COLUMNS, this::send);
        this.reader = new Thread(this::read, "redis-cli terminal");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts `redis-cli ARGS` (no command among them, or it would not be interactive) on a
     * pseudo-terminal and waits for its first prompt. Skips the test without redis-cli or script
     * (fails on CI).
     */
    public static InteractiveRedisCli start(RedisCli cli, List<String> args) {
        Path script = RedisBinaries.requireScript();
        StringBuilder command = new StringBuilder("stty cols " + COLUMNS + " rows 50 -echo; exec ")
                .append(quoted(cli.program().toString()));
        for (String arg : args) {
            command.append(' ').append(quoted(arg));
        }
        // -q: no "Script started" banner, -f: flush at once, -e: exit with redis-cli's status;
        // the typescript goes to /dev/null, what matters is script's standard output
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-qfec", command.toString(), "/dev/null")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("TERM", "xterm"); // linenoise edits in raw mode (a "dumb" terminal would get plain fgets)
        env.put("SHELL", "/bin/sh"); // script runs the command with $SHELL -c
        // neither the user's history nor their ~/.redisclirc (which could turn hints off) takes part
        env.put("REDISCLI_HISTFILE", "/dev/null");
        env.put("REDISCLI_RCFILE", "/dev/null");
        InteractiveRedisCli session;
        try {
            session = new InteractiveRedisCli(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            session.awaitPrompt(0, "the first prompt");
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** The prompt now shown, e.g. "127.0.0.1:7000> ". */
    public String prompt() {
        synchronized (lock) {
            return screen.current();
        }
    }

    /**
     * Types {@code line} and Enter (CR: linenoise reads keys in raw mode), then waits for the next
     * prompt. Keys are typed only at a prompt: linenoise enters raw mode with TCSAFLUSH, which would
     * drop keys typed before it.
     */
    public Exchange type(String line) {
        int before;
        synchronized (lock) {
            before = screen.lines().size();
        }
        send(line + "\r");
        awaitPrompt(before + 1, "the prompt after `" + line + "`");
        synchronized (lock) {
            List<TerminalScreen.Line> lines = screen.lines();
            TerminalScreen.Line typed = lines.get(before);
            List<String> printed = new ArrayList<>();
            for (TerminalScreen.Line printedLine : lines.subList(before + 1, lines.size())) {
                printed.add(printedLine.text());
            }
            return new Exchange(typed.text(), typed.hint(), printed, screen.current());
        }
    }

    /** Types `quit` and returns redis-cli's exit status (script -e passes it on). */
    public int quit() throws InterruptedException {
        send("quit\r");
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("redis-cli did not exit after quit; the screen:\n" + screenText());
        }
        return process.exitValue();
    }

    /** Every line shown so far and the current one, for failure messages. */
    public String screenText() {
        synchronized (lock) {
            StringBuilder text = new StringBuilder();
            for (TerminalScreen.Line line : screen.lines()) {
                text.append(line.text()).append('\n');
            }
            return text.append(screen.current()).toString();
        }
    }

    private void awaitPrompt(int lines, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (lock) {
            while (screen.lines().size() < lines || !PROMPT.matcher(screen.current()).matches()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended || readFailure != null) {
                    String why = readFailure != null ? "reading failed: " + readFailure
                            : ended ? "the terminal closed (redis-cli exited)" : "no prompt within " + WAIT_SECONDS + " s";
                    fail("waiting for " + what + ": " + why + "; the screen:\n" + screenText());
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting for " + what);
                }
            }
        }
    }

    private void read() {
        byte[] buffer = new byte[4096];
        try (InputStream output = process.getInputStream()) {
            int n;
            while ((n = output.read(buffer)) > 0) {
                synchronized (lock) {
                    screen.feed(buffer, n);
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                readFailure = e;
            }
        } finally {
            synchronized (lock) {
                ended = true;
                lock.notifyAll();
            }
        }
    }

    /** Keys from the test and the screen's answers to ESC[6n go through here, one write at a time. */
    private void send(String keys) {
        synchronized (keyboard) {
            try {
                keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("typing into redis-cli's terminal: " + e.getMessage(), e);
            }
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Kills redis-cli and script (after quit they are gone already). */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
