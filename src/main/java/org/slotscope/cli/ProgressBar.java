package org.slotscope.cli;

import java.io.PrintWriter;
import org.slotscope.admin.MoveProgress;

/** A one-line progress bar redrawn in place, shown only when the output is a terminal. */
final class ProgressBar {
    private final PrintWriter out;
    private final boolean terminal;
    private boolean drawn;

    ProgressBar(PrintWriter out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    void update(MoveProgress p) {
        if (terminal) {
            out.print("\r" + render(p));
            out.flush();
            drawn = true;
        }
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }

    static String render(MoveProgress p) {
        int width = 30;
        int filled = p.slotsTotal() == 0 ? width : (int) ((long) width * p.slotsDone() / p.slotsTotal());
        String eta = p.etaSeconds() < 0 ? "--" : String.format("%.0fs", p.etaSeconds());
        return String.format("[%s%s] %d/%d slots, %d keys, %.0f keys/s, ETA %s", "#".repeat(filled),
                " ".repeat(width - filled), p.slotsDone(), p.slotsTotal(), p.keysDone(), p.keysPerSecond(), eta);
    }
}
