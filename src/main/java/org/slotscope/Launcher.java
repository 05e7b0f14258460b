package org.slotscope;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slotscope.cli.SlotScopeCli;
import org.slotscope.ui.WindowOptions;

/**
 * The jar's entry point. It does not extend Application, so `java -jar slotscope.jar` starts
 * JavaFX from the classpath. No arguments opens the window, and so do `window [options]` and the
 * window's own options (--frame-stats ...); anything else is the command line. The window gets a JVM
 * with garbage-collector settings of its own ({@link WindowJvm}).
 */
public final class Launcher {
    /** Exit code for a window that cannot open because there is no display to open it on. */
    public static final int EXIT_NO_DISPLAY = 1;

    private Launcher() {
    }

    public static void main(String[] args) {
        if (WindowOptions.isWindowCommandLine(args)) {
            OptionalInt refused = refuseWindow(List.of(args), System.getenv(), System.getProperty("os.name", ""),
                    System.getProperty("glass.platform"), System.out, System.err);
            if (refused.isPresent()) {
                System.exit(refused.getAsInt());
            }
            OptionalInt child = WindowJvm.runInChild(args);
            if (child.isPresent()) {
                System.exit(child.getAsInt());
            }
            org.slotscope.ui.SlotScopeApp.main(args);
            return;
        }
        System.exit(SlotScopeCli.run(args));
    }

    /**
     * What is settled before any JavaFX class loads or a window's JVM starts: `window --help`, a bad
     * option, no display. Returns the exit code when the window is not to open.
     */
    static OptionalInt refuseWindow(List<String> args, Map<String, String> env, String osName, String glassPlatform,
            PrintStream out, PrintStream err) {
        if (WindowOptions.asksForHelp(args)) {
            out.print(WindowOptions.USAGE);
            return OptionalInt.of(0);
        }
        try {
            WindowOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("[ERR] " + e.getMessage());
            err.println("'slotscope window --help' lists the window's options.");
            return OptionalInt.of(2);
        }
        Optional<String> noDisplay = missingDisplay(env, osName, glassPlatform);
        if (noDisplay.isPresent()) {
            err.println("[ERR] " + noDisplay.get());
            return OptionalInt.of(EXIT_NO_DISPLAY);
        }
        return OptionalInt.empty();
    }

    /**
     * Why the window cannot open, when it cannot: on Linux, JavaFX's GTK glass needs an X display
     * (it asks GDK for X11 even in a Wayland session, where XWayland sets DISPLAY) and would otherwise
     * end in a stack trace ("Unable to open DISPLAY"). Monocle (glass.platform, headless tests) needs
     * none; neither do Windows and macOS.
     */
    static Optional<String> missingDisplay(Map<String, String> env, String osName, String glassPlatform) {
        if (!osName.startsWith("Linux") || glassPlatform != null) {
            return Optional.empty();
        }
        String display = env.get("DISPLAY");
        if (display != null && !display.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(noDisplayMessage("DISPLAY is not set"));
    }

    /** The message for a window with no display to open on, after the reason. */
    public static String noDisplayMessage(String reason) {
        return "the window needs a display, and " + reason + ". Start it from a desktop session, or under"
                + " a virtual one: xvfb-run java -jar slotscope.jar. The command line needs none:"
                + " java -jar slotscope.jar --help";
    }
}
