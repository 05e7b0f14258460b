package org.slotscope;

import org.slotscope.cli.SlotScopeCli;

/**
 * The jar's entry point. It does not extend Application, so `java -jar slotscope.jar` starts
 * JavaFX from the classpath. No arguments opens the window; anything else is the command line.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.slotscope.ui.SlotScopeApp.main(args);
            return;
        }
        System.exit(SlotScopeCli.run(args));
    }
}
