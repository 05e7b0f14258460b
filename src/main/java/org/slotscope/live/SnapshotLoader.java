package org.slotscope.live;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.admin.NodeEntry;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.NodeId;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * Takes a {@link ClusterSnapshot} of a cluster loaded as redis-cli loads it ({@link ClusterTopology}):
 * the CLUSTER NODES it already read from every reachable node, plus CLUSTER INFO of each, DBSIZE of
 * each master and COUNTKEYSINSLOT for the watched slots (see {@link ClusterSnapshot} for which).
 */
public final class SnapshotLoader {
    /** COUNTKEYSINSLOT calls per poll at most: a reshard of thousands of slots must not stall a poll. */
    public static final int MAX_SLOT_COUNTS = 128;

    /** A snapshot and what got in the way of taking it fully. */
    public record Result(ClusterSnapshot snapshot, List<NodeProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private SnapshotLoader() {
    }

    /**
     * @param previous the snapshot before (its owners tell which slots changed owner), or null
     * @param time     the snapshot's time, wall-clock ms since attach
     */
    public static Result load(ClusterTopology topology, ClusterSnapshot previous, long time) {
        List<NodeProblem> problems = new ArrayList<>();
        for (ClusterTopology.Unreachable u : topology.unreachableNodes()) {
            problems.add(NodeProblem.of(u.address(), u.error()));
        }
        List<NodeView> views = new ArrayList<>();
        Map<NodeId, NodeLink> links = new LinkedHashMap<>();
        Map<NodeId, Long> masterKeys = new LinkedHashMap<>();
        for (ClusterTopology.Node node : topology.nodes()) {
            String info = null;
            try {
                info = text(node.link().send("CLUSTER", "INFO"));
                if (node.isMaster()) {
                    Reply size = node.link().send("DBSIZE");
                    if (size instanceof Reply.IntegerReply n) {
                        masterKeys.put(new NodeId(node.id()), n.value());
                    }
                }
            } catch (LinkException e) {
                // its CLUSTER NODES was read a moment ago: keep that view, report what failed since
                problems.add(NodeProblem.of(node.address(), e));
            }
            NodeView view = NodeView.of(node.view(), info);
            views.add(view);
            links.put(view.viewer(), node.link());
        }
        problems.addAll(notPolled(topology));
        ClusterSnapshot counted = ClusterSnapshot.of(time, views, masterKeys, List.of());
        List<SlotKeys> slotKeys = countWatchedSlots(counted, previous, links, problems);
        return new Result(ClusterSnapshot.of(time, views, masterKeys, slotKeys), problems);
    }

    /** Nodes the entry lists but ClusterTopology skipped, as redis-cli does: failing, handshake, noaddr. */
    private static List<NodeProblem> notPolled(ClusterTopology topology) {
        Set<String> asked = new HashSet<>();
        topology.nodes().forEach(n -> asked.add(n.id()));
        Set<String> unreachable = new HashSet<>();
        topology.unreachableNodes().forEach(u -> unreachable.add(u.address()));
        List<NodeProblem> out = new ArrayList<>();
        for (NodeEntry e : topology.entryView()) {
            if (asked.contains(e.id()) || unreachable.contains(e.address())) {
                continue;
            }
            List<String> why = new ArrayList<>();
            for (String flag : List.of("fail", "handshake", "noaddr")) {
                if (e.flags().contains(flag)) {
                    why.add(flag);
                }
            }
            if (!e.connected()) {
                why.add("disconnected");
            }
            out.add(new NodeProblem(e.address(), NodeProblem.Kind.NOT_POLLED, e.address() + " ("
                    + e.id().substring(0, 8) + ") not polled: the entry node sees it " + String.join(", ", why)));
        }
        return out;
    }

    private static List<SlotKeys> countWatchedSlots(ClusterSnapshot now, ClusterSnapshot previous,
                                                    Map<NodeId, NodeLink> links, List<NodeProblem> problems) {
        // open slots first: while a slot migrates, both halves are counted so the keys can be seen moving
        Set<Watch> wanted = new LinkedHashSet<>();
        for (NodeView view : now.views()) {
            NodeEntry self = view.myself();
            for (int slot : self.migrating().keySet()) {
                wanted.add(new Watch(slot, view.viewer()));
            }
            for (int slot : self.importing().keySet()) {
                wanted.add(new Watch(slot, view.viewer()));
            }
        }
        if (previous != null) {
            NodeId[] before = previous.owners();
            NodeId[] after = now.owners();
            for (int slot = 0; slot < after.length; slot++) {
                if (after[slot] != null && !after[slot].equals(before[slot]) && links.containsKey(after[slot])) {
                    wanted.add(new Watch(slot, after[slot]));
                }
            }
        }
        List<SlotKeys> out = new ArrayList<>();
        Set<NodeId> failed = new HashSet<>();
        for (Watch w : wanted) {
            if (out.size() >= MAX_SLOT_COUNTS) {
                break;
            }
            int slot = w.slot();
            NodeId node = w.node();
            NodeLink link = links.get(node);
            if (link == null || failed.contains(node)) {
                continue;
            }
            try {
                Reply reply = link.send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot));
                if (reply instanceof Reply.IntegerReply n) {
                    out.add(new SlotKeys(slot, node, n.value()));
                }
            } catch (LinkException e) {
                failed.add(node);
                problems.add(NodeProblem.of(link.address(), e));
            }
        }
        return out;
    }

    private record Watch(int slot, NodeId node) {
    }

    private static String text(Reply reply) {
        return Reply.text(reply);
    }
}
