package org.slotscope.ui.main;

import java.util.Locale;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.NodeId;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * One line per engine event for the event list, in Redis's vocabulary (MOVED, fail?, configEpoch),
 * nodes named by port. Routine traffic (bus messages, executed commands, MIGRATE batches) is left
 * out: it is drawn, not listed.
 */
final class EventText {
    private EventText() {
    }

    /** The kinds a reshard or a client emits by the thousand: listed a few per frame only. */
    static boolean routine(ClusterEvent event) {
        return event instanceof ClusterEvent.Redirected || event instanceof ClusterEvent.SlotMigrationStateChanged
                || event instanceof ClusterEvent.SlotsAssigned;
    }

    static String describe(ClusterEvent event, ClusterSnapshot snapshot) {
        String text;
        if (event instanceof ClusterEvent.Redirected e) {
            text = name(snapshot, e.node()) + " -> " + e.kind() + " " + e.slot()
                    + (e.targetAddress() == null ? "" : " " + e.targetAddress()) + " (" + e.command() + ")";
        } else if (event instanceof ClusterEvent.SlotMigrationStateChanged e) {
            text = name(snapshot, e.viewer()) + " SETSLOT " + e.slot() + " " + e.state()
                    + (e.peer() == null ? "" : " " + name(snapshot, e.peer()));
        } else if (event instanceof ClusterEvent.SlotsAssigned e) {
            text = name(snapshot, e.viewer()) + " slots " + e.firstSlot()
                    + (e.lastSlot() == e.firstSlot() ? "" : "-" + e.lastSlot()) + " -> "
                    + (e.owner() == null ? "none" : name(snapshot, e.owner()));
        } else if (event instanceof ClusterEvent.NodeStopped e) {
            text = name(snapshot, e.node()) + " stopped (" + e.reason() + ")";
        } else if (event instanceof ClusterEvent.NodeStarted e) {
            text = ":" + e.port() + " started";
        } else if (event instanceof ClusterEvent.NodeFlagChanged e) {
            text = name(snapshot, e.viewer()) + (e.set() ? " flags " : " clears ") + name(snapshot, e.node()) + " "
                    + e.flag();
        } else if (event instanceof ClusterEvent.ElectionStarted e) {
            text = name(snapshot, e.replica()) + (e.requestingVotes() ? " asks for votes, epoch " + e.epoch()
                    : " schedules an election in " + e.delayMillis() + " ms (rank " + e.rank() + ")");
        } else if (event instanceof ClusterEvent.VoteGranted e) {
            text = name(snapshot, e.voter()) + " votes for " + name(snapshot, e.candidate()) + ", epoch " + e.epoch();
        } else if (event instanceof ClusterEvent.FailoverCompleted e) {
            text = name(snapshot, e.newMaster()) + " replaces " + name(snapshot, e.oldMaster()) + " (" + e.kind()
                    + "), configEpoch " + e.epoch();
        } else if (event instanceof ClusterEvent.RoleChanged e) {
            text = name(snapshot, e.viewer()) + " sees " + name(snapshot, e.node())
                    + (e.master() == null ? " as a master" : " as a replica of " + name(snapshot, e.master()));
        } else if (event instanceof ClusterEvent.ClusterStateChanged e) {
            text = name(snapshot, e.viewer()) + " cluster_state:" + (e.ok() ? "ok" : "fail");
        } else if (event instanceof ClusterEvent.WritesLost e) {
            text = e.commands() + " acknowledged writes lost by the failover of " + name(snapshot, e.oldMaster());
        } else if (event instanceof ClusterEvent.ReplicaMigrated e) {
            text = name(snapshot, e.replica()) + " migrates to " + name(snapshot, e.to());
        } else {
            return null; // most events of a reshard: decided before any formatting, a frame sees thousands
        }
        return at(event.time()) + text;
    }

    /** "   1.250 s  ": the virtual time every line starts with. */
    static String at(long virtualMillis) {
        return String.format(Locale.ROOT, "%8.3f s  ", virtualMillis / 1000.0);
    }

    private static String name(ClusterSnapshot snapshot, NodeId id) {
        if (id == null) {
            return "?";
        }
        if (snapshot != null) {
            for (NodeSnapshot node : snapshot.nodes()) {
                if (node.id().equals(id.value())) {
                    return node.port();
                }
            }
        }
        return id.value().substring(0, 8);
    }
}
