package org.slotscope.cli;

/** The command line: `slotscope serve ...`, later `cluster ...` and `torture ...`. */
public final class SlotScopeCli {
    private SlotScopeCli() {
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String[] args) {
        System.err.println("not yet");
        return 2;
    }
}
