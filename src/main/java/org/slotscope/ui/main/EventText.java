package org.slotscope.ui.main;

import java.util.Locale;
import java.util.ResourceBundle;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.NodeId;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;

/**
 * One line per engine event for the event list, in Redis's vocabulary (MOVED, fail?, configEpoch)
 * within a sentence in the window's language, nodes named by port. Routine traffic (bus messages,
 * executed commands, MIGRATE batches) is left out: it is drawn, not listed.
 */
final class EventText {
    private EventText() {
    }

    /** The kinds a reshard or a client emits by the thousand: listed a few per frame only. */
    static boolean routine(ClusterEvent event) {
        return event instanceof ClusterEvent.Redirected || event instanceof ClusterEvent.SlotMigrationStateChanged
                || event instanceof ClusterEvent.SlotsAssigned;
    }

    /**
     * The line for {@code event}, null for an event that is not listed. Redis's own words (MOVED,
     * SETSLOT, fail?, cluster_state, configEpoch) stay as Redis prints them; the sentence around them
     * is in the window's language.
     */
    static String describe(ClusterEvent event, ClusterSnapshot snapshot, ResourceBundle texts) {
        String text;
        if (event instanceof ClusterEvent.Redirected e) {
            text = name(snapshot, e.node()) + " -> " + e.kind().errorCode() + " " + e.slot()
                    + (e.targetAddress() == null ? "" : " " + e.targetAddress()) + " (" + e.command() + ")";
        } else if (event instanceof ClusterEvent.SlotMigrationStateChanged e) {
            text = name(snapshot, e.viewer()) + " SETSLOT " + e.slot() + " " + e.state()
                    + (e.peer() == null ? "" : " " + name(snapshot, e.peer()));
        } else if (event instanceof ClusterEvent.SlotsAssigned e) {
            text = say(texts, "event.slots", name(snapshot, e.viewer()),
                    e.firstSlot() + (e.lastSlot() == e.firstSlot() ? "" : "-" + e.lastSlot()),
                    e.owner() == null ? texts.getString("event.noOwner") : name(snapshot, e.owner()));
        } else if (event instanceof ClusterEvent.NodeStopped e) {
            text = say(texts, "event.stopped", name(snapshot, e.node()), e.reason());
        } else if (event instanceof ClusterEvent.NodeStarted e) {
            text = say(texts, "event.started", ":" + e.port());
        } else if (event instanceof ClusterEvent.NodeFlagChanged e) {
            text = say(texts, e.set() ? "event.flags" : "event.clears", name(snapshot, e.viewer()),
                    name(snapshot, e.node()), e.flag());
        } else if (event instanceof ClusterEvent.ElectionStarted e) {
            text = e.requestingVotes() ? say(texts, "event.asksVotes", name(snapshot, e.replica()), e.epoch())
                    : say(texts, "event.schedulesElection", name(snapshot, e.replica()), e.delayMillis(), e.rank());
        } else if (event instanceof ClusterEvent.VoteGranted e) {
            text = say(texts, "event.votes", name(snapshot, e.voter()), name(snapshot, e.candidate()), e.epoch());
        } else if (event instanceof ClusterEvent.FailoverCompleted e) {
            text = say(texts, "event.replaces", name(snapshot, e.newMaster()), name(snapshot, e.oldMaster()),
                    failoverKind(texts, e.kind()), e.epoch());
        } else if (event instanceof ClusterEvent.RoleChanged e) {
            String viewer = name(snapshot, e.viewer());
            String node = name(snapshot, e.node());
            text = e.master() == null ? say(texts, "event.seesMaster", viewer, node)
                    : say(texts, "event.seesReplica", viewer, node, name(snapshot, e.master()));
        } else if (event instanceof ClusterEvent.ClusterStateChanged e) {
            text = name(snapshot, e.viewer()) + " cluster_state:" + (e.ok() ? "ok" : "fail");
        } else if (event instanceof ClusterEvent.WritesLost e) {
            text = say(texts, "event.writesLost", e.commands(), name(snapshot, e.oldMaster()));
        } else if (event instanceof ClusterEvent.ReplicaMigrated e) {
            text = say(texts, "event.replicaMigrates", name(snapshot, e.replica()), name(snapshot, e.to()));
        } else {
            return null; // most events of a reshard: decided before any formatting, a frame sees thousands
        }
        return at(event.time()) + text;
    }

    /** The failover's kind (manual, automatic, takeover) in the window's language; an unknown one as given. */
    static String failoverKind(ResourceBundle texts, String kind) {
        String key = "event.failoverKind." + kind;
        return texts.containsKey(key) ? texts.getString(key) : kind;
    }

    /** "   1.250 s  ": the virtual time every line starts with. */
    static String at(long virtualMillis) {
        return String.format(Locale.ROOT, "%8.3f s  ", virtualMillis / 1000.0);
    }

    /** Numbers as plain digits (a port or an epoch is not "7,000"), the rest as given. */
    private static String say(ResourceBundle texts, String key, Object... args) {
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = String.valueOf(args[i]);
        }
        return Messages.format(texts, key, plain);
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
