package org.slotscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private OptionalInt refuse(List<String> args, Map<String, String> env) {
        return Launcher.refuseWindow(args, env, "Linux", null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void onLinuxTheWindowNeedsDisplaySetUnlessMonocleDrawsIt() {
        assertTrue(Launcher.missingDisplay(Map.of(), "Linux", null).orElseThrow()
                .startsWith("the window needs a display, and DISPLAY is not set."));
        assertTrue(Launcher.missingDisplay(Map.of("DISPLAY", " "), "Linux", null).isPresent(), "a blank DISPLAY is none");
        assertTrue(Launcher.missingDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null).isPresent(),
                "JavaFX's GTK glass asks for X11 even under Wayland");
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of("DISPLAY", ":0"), "Linux", null));
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Linux", "Monocle"));
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Windows 11", null));
        assertEquals(Optional.empty(), Launcher.missingDisplay(Map.of(), "Mac OS X", null));
    }

    @Test
    void helpABadOptionAndNoDisplayEndTheLaunchWithTheirOwnCodes() {
        assertEquals(OptionalInt.of(0), refuse(List.of("window", "-h"), Map.of()), "help needs no display");
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: slotscope [window] [options]"));
        assertEquals(OptionalInt.of(2), refuse(List.of("window", "--keys", "-3"), Map.of("DISPLAY", ":0")));
        assertEquals("[ERR] keys must not be negative: -3\n'slotscope window --help' lists the window's options.\n",
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(OptionalInt.of(Launcher.EXIT_NO_DISPLAY), refuse(List.of("--frame-stats"), Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("[ERR] the window needs a display"));
        assertEquals(OptionalInt.empty(), refuse(List.of(), Map.of("DISPLAY", ":0")), "the window opens");
        assertEquals(OptionalInt.empty(), refuse(List.of("window", "--masters", "6"), Map.of("DISPLAY", ":0")));
    }
}
