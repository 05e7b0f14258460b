package org.slotscope.ui.traffic;

import java.util.Locale;

/** Per frame: how many flights were in the air and how many were drawn; for the frame statistics. */
public final class TrafficTally {
    private long frames;
    private long inFlightSum;
    private int inFlightMax;
    private long drawnSum;
    private int drawnMax;
    private long hiddenFrames;

    public synchronized void add(TrafficModel.Visible visible) {
        frames++;
        inFlightSum += visible.inFlight();
        inFlightMax = Math.max(inFlightMax, visible.inFlight());
        drawnSum += visible.drawn().size();
        drawnMax = Math.max(drawnMax, visible.drawn().size());
        if (visible.hidden() > 0) {
            hiddenFrames++;
        }
    }

    public synchronized void reset() {
        frames = 0;
        inFlightSum = 0;
        inFlightMax = 0;
        drawnSum = 0;
        drawnMax = 0;
        hiddenFrames = 0;
    }

    public synchronized int inFlightMax() {
        return inFlightMax;
    }

    public synchronized int drawnMax() {
        return drawnMax;
    }

    public synchronized String summary() {
        if (frames == 0) {
            return "no frames";
        }
        return String.format(Locale.ROOT, "in flight mean %.0f max %d, drawn mean %.0f max %d, sampled in %d of %d frames",
                inFlightSum / (double) frames, inFlightMax, drawnSum / (double) frames, drawnMax, hiddenFrames, frames);
    }
}
