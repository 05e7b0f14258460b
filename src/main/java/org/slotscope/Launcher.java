package org.slotscope;

import java.util.OptionalInt;
import org.slotscope.cli.SlotScopeCli;

/**
 * The jar's entry point. It does not extend Application, so `java -jar slotscope.jar` starts
 * JavaFX from the classpath. No arguments opens the window, and so do `window [options]` and the
 * window's own options (--frame-stats ...); anything else is the command line. The window gets a JVM
 * with garbage-collector settings of its own ({@link WindowJvm}).
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (org.slotscope.ui.WindowOptions.isWindowCommandLine(args)) {
            OptionalInt child = WindowJvm.runInChild(args);
            if (child.isPresent()) {
                System.exit(child.getAsInt());
            }
            org.slotscope.ui.SlotScopeApp.main(args);
            return;
        }
        System.exit(SlotScopeCli.run(args));
    }
}
