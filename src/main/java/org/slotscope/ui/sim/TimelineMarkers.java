package org.slotscope.ui.sim;

import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.SlotMigrationState;

/** Which engine events deserve a mark on the timeline. */
final class TimelineMarkers {
    private TimelineMarkers() {
    }

    static TimelineMarker of(ClusterEvent event) {
        if (event instanceof ClusterEvent.SlotMigrationStateChanged changed
                && changed.state() == SlotMigrationState.IMPORTING) {
            return new TimelineMarker(event.time(), TimelineMarker.Kind.MIGRATION, "slot " + changed.slot());
        }
        if (event instanceof ClusterEvent.NodeStopped stopped) {
            return new TimelineMarker(event.time(), TimelineMarker.Kind.CRASH, stopped.node().value());
        }
        if (event instanceof ClusterEvent.NodeFlagChanged flag && flag.set() && "fail".equals(flag.flag())) {
            return new TimelineMarker(event.time(), TimelineMarker.Kind.FAIL, flag.node().value());
        }
        if (event instanceof ClusterEvent.ElectionStarted election && election.requestingVotes()) {
            return new TimelineMarker(event.time(), TimelineMarker.Kind.ELECTION, election.replica().value());
        }
        if (event instanceof ClusterEvent.FailoverCompleted failover) {
            return new TimelineMarker(event.time(), TimelineMarker.Kind.FAILOVER, failover.newMaster().value());
        }
        return null;
    }
}
