package org.slotscope.checker;

import java.util.List;

/**
 * What the checker decided. {@code explained}: acknowledged writes lost for a documented reason
 * (listed, not hidden); {@code unexplained}: losses or values nobody wrote, which fail the run.
 */
public record Verdict(int keysChecked, int acknowledgedWrites, List<Finding> explained, List<Finding> unexplained) {
    /** One key whose final value is not the latest acknowledged one. */
    public record Finding(String key, String expected, String found, Operation lostWrite, LossExplanation because,
                          String why) {
        @Override
        public String toString() {
            return key + ": expected " + expected + ", found " + found + " (" + why + ")";
        }
    }

    public boolean passed() {
        return unexplained.isEmpty();
    }

    @Override
    public String toString() {
        return keysChecked + " keys, " + acknowledgedWrites + " acknowledged writes, " + explained.size()
                + " lost for a known reason, " + unexplained.size() + " unexplained"
                + (unexplained.isEmpty() ? "" : ": " + unexplained.subList(0, Math.min(5, unexplained.size())));
    }
}
