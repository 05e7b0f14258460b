package org.slotscope.live;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotscope.admin.NodeEntry;
import org.slotscope.engine.node.NodeId;

/**
 * A live cluster at one moment: every reachable node's own view ({@link NodeView}: CLUSTER NODES and
 * CLUSTER INFO), the nodes consolidated from those views, and key counts.
 *
 * <p>Consolidation (what {@link #nodes()} says about a node): what a node knows first-hand (role,
 * master, slots, open slots, configEpoch, currentEpoch) comes from its own line when it answered;
 * otherwise from the first view that lists it, entry node first, as redis-cli's
 * clusterManagerLoadInfoFromNode trusts each node about itself. Failure flags (fail?, fail) and the
 * link state come from the first <em>other</em> view, entry first: a node never flags itself failing.
 *
 * <p>Key counts, kept cheap because a poll runs every second or so: DBSIZE of every reachable master
 * (one call each), and CLUSTER COUNTKEYSINSLOT only for the slots worth watching, which are the open
 * ones (MIGRATING on the source and IMPORTING on the target, both counted, so the keys can be seen
 * moving) and those whose owner changed since the previous snapshot (counted on the new owner), at
 * most {@link SnapshotLoader#MAX_SLOT_COUNTS} per poll. Counting all 16384 slots would be 16384
 * round trips per poll.
 *
 * @param time     wall-clock milliseconds since the poller attached (not the simulator's virtual time)
 * @param entry    host:port of the node the snapshot was loaded through
 * @param views    the reachable nodes' views, the entry node first
 * @param nodes    every node any view lists, consolidated, in the entry node's order first
 * @param slotKeys COUNTKEYSINSLOT results for the watched slots
 */
public record ClusterSnapshot(long time, String entry, List<NodeView> views, List<LiveNode> nodes,
                              List<SlotKeys> slotKeys) {
    public ClusterSnapshot {
        views = List.copyOf(views);
        nodes = List.copyOf(nodes);
        slotKeys = List.copyOf(slotKeys);
    }

    /** A snapshot of these views with no key counts (tests, and a cluster whose keys are not counted). */
    public static ClusterSnapshot of(long time, List<NodeView> views) {
        return of(time, views, Map.of(), List.of());
    }

    /**
     * Consolidates the views (entry node first) into nodes.
     *
     * @param masterKeys DBSIZE per reachable master
     */
    public static ClusterSnapshot of(long time, List<NodeView> views, Map<NodeId, Long> masterKeys,
                                     List<SlotKeys> slotKeys) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one reachable node");
        }
        Map<NodeId, NodeView> byViewer = new LinkedHashMap<>();
        Set<NodeId> ids = new LinkedHashSet<>();
        for (NodeView view : views) {
            byViewer.put(view.viewer(), view);
            for (NodeEntry e : view.entries()) {
                ids.add(new NodeId(e.id()));
            }
        }
        List<LiveNode> nodes = new ArrayList<>();
        for (NodeId id : ids) {
            NodeView own = byViewer.get(id);
            NodeEntry other = null;
            for (NodeView view : views) {
                if (!view.viewer().equals(id) && view.entry(id) != null) {
                    other = view.entry(id);
                    break;
                }
            }
            NodeEntry base = own != null ? own.myself() : other;
            Set<String> flags = new LinkedHashSet<>(base.flags());
            flags.remove("myself");
            flags.remove("fail?");
            flags.remove("fail");
            if (other != null) {
                for (String failure : List.of("fail?", "fail")) {
                    if (other.flags().contains(failure)) {
                        flags.add(failure);
                    }
                }
            }
            boolean connected = other != null ? other.connected() : base.connected();
            NodeId master = base.masterId() == null || !NodeId.isValid(base.masterId()) ? null
                    : new NodeId(base.masterId());
            LiveNode.Role role = LiveNode.roleOf(flags);
            long keys = masterKeys.getOrDefault(id, -1L);
            nodes.add(new LiveNode(id, base.host(), base.port(), role, role == LiveNode.Role.MASTER ? null : master,
                    flags, base.configEpoch(), own == null ? -1 : own.currentEpoch(), connected, base.slots(),
                    peers(base.migrating()), peers(base.importing()), keys, own != null));
        }
        return new ClusterSnapshot(time, views.get(0).address(), views, nodes, slotKeys);
    }

    private static Map<Integer, NodeId> peers(Map<Integer, String> open) {
        Map<Integer, NodeId> out = new LinkedHashMap<>();
        open.forEach((slot, peer) -> {
            if (NodeId.isValid(peer)) {
                out.put(slot, new NodeId(peer));
            }
        });
        return out;
    }

    /** The view of this reachable node, or null when it did not answer. */
    public NodeView view(NodeId viewer) {
        for (NodeView v : views) {
            if (v.viewer().equals(viewer)) {
                return v;
            }
        }
        return null;
    }

    /** The consolidated node with this id, or null. */
    public LiveNode node(NodeId id) {
        for (LiveNode n : nodes) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Who serves each slot, as the masters claim their slots (null: nobody). When two masters claim the
     * same slot, the greater configEpoch wins, as in clusterUpdateSlotsConfigWith.
     */
    public NodeId[] owners() {
        NodeId[] owner = new NodeId[16384];
        long[] epoch = new long[16384];
        for (LiveNode n : nodes) {
            if (!n.isMaster()) {
                continue;
            }
            BitSet slots = n.slots();
            for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
                if (owner[s] == null || n.configEpoch() > epoch[s]) {
                    owner[s] = n.id();
                    epoch[s] = n.configEpoch();
                }
            }
        }
        return owner;
    }

    /** COUNTKEYSINSLOT {@code slot} on {@code node}, or -1 when this snapshot did not count it. */
    public long keysInSlot(int slot, NodeId node) {
        for (SlotKeys k : slotKeys) {
            if (k.slot() == slot && k.node().equals(node)) {
                return k.keys();
            }
        }
        return -1;
    }

    /** The sum of DBSIZE over the masters that answered. */
    public long totalKeys() {
        return nodes.stream().filter(n -> n.keys() >= 0).mapToLong(LiveNode::keys).sum();
    }

    /** The reachable nodes' ids. */
    public Set<NodeId> viewers() {
        Set<NodeId> out = new HashSet<>();
        views.forEach(v -> out.add(v.viewer()));
        return out;
    }
}
