package org.slotscope.ui.sim;

/** A moment worth finding again on the timeline: a migration started, a node failed, an election. */
public record TimelineMarker(long time, Kind kind, String detail) {
    public enum Kind { MIGRATION, CRASH, FAIL, ELECTION, FAILOVER }
}
