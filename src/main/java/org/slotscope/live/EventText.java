package org.slotscope.live;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.node.NodeId;

/**
 * One readable line per live event, for a terminal ({@code cluster watch}) and logs: nodes named by
 * address and short id, Redis's own words for flags and states. Remembers every node's address it has
 * seen in a snapshot, so a node that has just left is still named.
 */
public final class EventText {
    private final Map<NodeId, String> addresses = new HashMap<>();

    /** Learns the addresses of every node in this snapshot. */
    public synchronized void learn(ClusterSnapshot snapshot) {
        if (snapshot != null) {
            snapshot.nodes().forEach(n -> addresses.put(n.id(), n.address()));
        }
    }

    /** "127.0.0.1:7001 (9fa3c2d1)", or the short id alone for a node never seen in a snapshot. */
    public synchronized String name(NodeId node) {
        if (node == null) {
            return "nobody";
        }
        String address = addresses.get(node);
        return address == null ? node.shortName() : address + " (" + node.shortName() + ")";
    }

    /** "  12.345s  [viewer] what it saw". */
    public String line(ClusterEvent event) {
        return String.format(Locale.ROOT, "%9.3fs  %s", event.time() / 1000.0, describe(event));
    }

    public String describe(ClusterEvent event) {
        if (event instanceof ClusterEvent.NodeMembershipChanged m) {
            return "[" + name(m.viewer()) + "] " + (m.known() ? "learned of " : "forgot ") + name(m.node());
        }
        if (event instanceof ClusterEvent.NodeFlagChanged f) {
            String what = f.flag().equals("fail?") ? "fail? (PFAIL: no answer within node_timeout)"
                    : f.flag().equals("fail") ? "fail (FAIL: a majority of masters agree)" : f.flag();
            return "[" + name(f.viewer()) + "] " + (f.set() ? "flags " : "clears ") + name(f.node()) + " "
                    + (f.set() ? what : f.flag());
        }
        if (event instanceof ClusterEvent.RoleChanged r) {
            return "[" + name(r.viewer()) + "] sees " + name(r.node())
                    + (r.master() == null ? " as a master" : " as a replica of " + name(r.master()));
        }
        if (event instanceof ClusterEvent.SlotsAssigned s) {
            String slots = s.firstSlot() == s.lastSlot() ? "slot " + s.firstSlot()
                    : "slots " + s.firstSlot() + "-" + s.lastSlot();
            return "[" + name(s.viewer()) + "] " + slots + (s.owner() == null ? " unassigned" : " -> " + name(s.owner()));
        }
        if (event instanceof ClusterEvent.SlotMigrationStateChanged m) {
            String state = switch (m.state()) {
                case MIGRATING -> "MIGRATING to " + name(m.peer());
                case IMPORTING -> "IMPORTING from " + name(m.peer());
                case STABLE -> "STABLE (nothing open)";
            };
            return "[" + name(m.viewer()) + "] slot " + m.slot() + " " + state;
        }
        if (event instanceof ClusterEvent.EpochChanged e) {
            return "[" + name(e.viewer()) + "] currentEpoch " + e.currentEpoch() + ", configEpoch " + e.configEpoch();
        }
        if (event instanceof ClusterEvent.ClusterStateChanged c) {
            return "[" + name(c.viewer()) + "] cluster_state:" + (c.ok() ? "ok" : "fail");
        }
        return event.toString();
    }
}
