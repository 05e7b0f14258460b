package org.slotscope.admin;

/** Progress of a list of slot moves: slots and keys done so far out of the plan, and time spent. */
public record MoveProgress(int slotsDone, int slotsTotal, long keysDone, long elapsedNanos) {
    /** Keys per second so far. */
    public double keysPerSecond() {
        return elapsedNanos == 0 ? 0 : keysDone * 1e9 / elapsedNanos;
    }

    /** Seconds left at the slot rate so far, or -1 before the first slot. */
    public double etaSeconds() {
        return slotsDone == 0 ? -1 : (slotsTotal - slotsDone) * (elapsedNanos / 1e9) / slotsDone;
    }
}
