package org.slotscope.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, asked for a window it cannot or should not open: it answers in a line or two
 * and exits, with no stack trace and no window's JVM started.
 */
class WindowLauncherIT {
    @Test
    void withoutADisplayTheWindowSaysSoInOneLine() throws Exception {
        Result result = run(null, "window");
        assertEquals(1, result.code(), result.output());
        assertTrue(result.output().startsWith("[ERR] the window needs a display, and DISPLAY is not set."), result.output());
        assertTrue(result.output().contains("xvfb-run java -jar slotscope.jar"), result.output());
        assertFalse(result.output().contains("Exception"), result.output());
        assertEquals(1, result.output().lines().count(), result.output());
    }

    @Test
    void aDisplayThatCannotBeOpenedIsNamed() throws Exception {
        // display 97 of this host: no X server listens there (no /tmp/.X11-unix/X97)
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/tmp/.X11-unix/X97")), "an X server runs on :97");
        Result result = run(":97", "window");
        assertEquals(1, result.code(), result.output());
        assertTrue(result.output().contains("[ERR] the window needs a display, and DISPLAY=:97 cannot be opened."),
                result.output());
        assertFalse(result.output().contains("Exception"), result.output());
        assertFalse(result.output().contains("Unsupported JavaFX configuration"), result.output());
    }

    @Test
    void windowHelpListsTheOptionsAndABadOneIsRefusedBeforeAnyWindow() throws Exception {
        Result help = run(null, "window", "--help");
        assertEquals(0, help.code(), help.output());
        assertTrue(help.output().startsWith("Usage: slotscope [window] [options]"), help.output());
        assertTrue(help.output().contains("--reshard N"), help.output());
        Result bad = run(null, "window", "--masters", "0");
        assertEquals(2, bad.code(), bad.output());
        assertEquals("[ERR] a cluster needs at least one master\n'slotscope window --help' lists the window's options.\n",
                bad.output());
        Result unknown = run(null, "--speed", "1000");
        assertEquals(2, unknown.code(), unknown.output());
        assertTrue(unknown.output().startsWith("[ERR] --speed must be from 0.01 to 100: 1000"), unknown.output());
        Result cli = run(null, "--help");
        assertEquals(0, cli.code(), cli.output());
        assertTrue(cli.output().contains("'slotscope window --help' lists the window's options."), cli.output());
    }

    private record Result(int code, String output) {
    }

    /** Runs the packaged jar with DISPLAY set to {@code display} (unset when null). */
    private static Result run(String display, String... args) throws Exception {
        String jar = System.getProperty("slotscope.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the packaged jar: " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        if (display != null) {
            builder.environment().put("DISPLAY", display);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the jar did not exit");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
