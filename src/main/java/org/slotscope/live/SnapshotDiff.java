package org.slotscope.live;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slotscope.admin.NodeEntry;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.engine.node.NodeId;

/**
 * What changed between two snapshots of a live cluster, as the same {@link ClusterEvent}s the simulator
 * emits: a pure function, so it is tested on CLUSTER NODES text alone.
 *
 * <p>Like the simulator, every event is about one node's own view: for each node that answered in
 * both snapshots, its view before is compared with its view after, and the events name it as
 * {@code viewer}. So a failing master shows up as each survivor flagging it fail? and then fail, in
 * the order the polls saw it, which is how gossip spreads it. A node seen for the first time (just
 * added, or reachable again) is a baseline: its view yields no events until the next poll; the others
 * report it joining.
 *
 * <p>Events are stamped with the after snapshot's time (wall-clock ms since attach). A state shorter
 * than the poll interval may never be seen: a slot opened and closed between two polls shows only
 * its owner change.
 *
 * <p>Within one diff the events are ordered by kind, the order in which Redis makes these changes
 * during a failover or a slot move: nodes learned (NodeMembershipChanged), failure flags
 * (NodeFlagChanged, a cleared flag before a set one, as markNodeAsFailingIfNeeded clears PFAIL and
 * sets FAIL), epochs (EpochChanged: a replica takes its election epoch before it is promoted), roles
 * (RoleChanged), slot owners (SlotsAssigned, one event per run of consecutive slots with the same
 * new owner), the viewer's open slots (SlotMigrationStateChanged), cluster_state
 * (ClusterStateChanged), and last nodes forgotten.
 */
public final class SnapshotDiff {
    private static final List<String> FAILURE_FLAGS = List.of("fail?", "fail");

    private SnapshotDiff() {
    }

    public static List<ClusterEvent> diff(ClusterSnapshot before, ClusterSnapshot after) {
        Buckets out = new Buckets();
        for (NodeView now : after.views()) {
            NodeView then = before.view(now.viewer());
            if (then != null) {
                diffView(after.time(), then, now, out);
            }
        }
        return out.ordered();
    }

    private static final class Buckets {
        final List<ClusterEvent> joined = new ArrayList<>();
        final List<ClusterEvent> flags = new ArrayList<>();
        final List<ClusterEvent> epochs = new ArrayList<>();
        final List<ClusterEvent> roles = new ArrayList<>();
        final List<ClusterEvent> slots = new ArrayList<>();
        final List<ClusterEvent> migrations = new ArrayList<>();
        final List<ClusterEvent> states = new ArrayList<>();
        final List<ClusterEvent> left = new ArrayList<>();

        List<ClusterEvent> ordered() {
            List<ClusterEvent> all = new ArrayList<>();
            for (List<ClusterEvent> bucket : List.of(joined, flags, epochs, roles, slots, migrations, states, left)) {
                all.addAll(bucket);
            }
            return all;
        }
    }

    private static void diffView(long time, NodeView then, NodeView now, Buckets out) {
        NodeId viewer = now.viewer();
        Map<NodeId, NodeEntry> before = then.byId();
        Map<NodeId, NodeEntry> after = now.byId();

        for (Map.Entry<NodeId, NodeEntry> e : after.entrySet()) {
            NodeId node = e.getKey();
            NodeEntry was = before.get(node);
            NodeEntry is = e.getValue();
            if (was == null) {
                out.joined.add(new ClusterEvent.NodeMembershipChanged(time, viewer, node, true));
            }
            Set<String> wasFlags = was == null ? Set.of() : was.flags();
            for (String flag : FAILURE_FLAGS) {
                if (wasFlags.contains(flag) && !is.flags().contains(flag)) {
                    out.flags.add(new ClusterEvent.NodeFlagChanged(time, viewer, node, flag, false));
                }
            }
            for (String flag : FAILURE_FLAGS) {
                if (!wasFlags.contains(flag) && is.flags().contains(flag)) {
                    out.flags.add(new ClusterEvent.NodeFlagChanged(time, viewer, node, flag, true));
                }
            }
            LiveNode.Role role = LiveNode.roleOf(is.flags());
            NodeId master = role == LiveNode.Role.REPLICA ? masterOf(is) : null;
            if (was == null) {
                // a node learned as a replica: the simulator's addNode then setRole
                if (role == LiveNode.Role.REPLICA) {
                    out.roles.add(new ClusterEvent.RoleChanged(time, viewer, node, master));
                }
            } else {
                LiveNode.Role wasRole = LiveNode.roleOf(was.flags());
                NodeId wasMaster = wasRole == LiveNode.Role.REPLICA ? masterOf(was) : null;
                if (role != LiveNode.Role.UNKNOWN && (role != wasRole || !Objects.equals(master, wasMaster))) {
                    out.roles.add(new ClusterEvent.RoleChanged(time, viewer, node, master));
                }
            }
        }
        for (NodeId node : before.keySet()) {
            if (!after.containsKey(node)) {
                out.left.add(new ClusterEvent.NodeMembershipChanged(time, viewer, node, false));
            }
        }

        diffEpochs(time, then, now, out);
        diffSlotOwners(time, viewer, then, now, out);
        diffOpenSlots(time, viewer, then.myself(), now.myself(), out);
        if (then.clusterOk() != null && now.clusterOk() != null && !then.clusterOk().equals(now.clusterOk())) {
            out.states.add(new ClusterEvent.ClusterStateChanged(time, viewer, now.clusterOk()));
        }
    }

    private static NodeId masterOf(NodeEntry entry) {
        return entry.masterId() != null && NodeId.isValid(entry.masterId()) ? new NodeId(entry.masterId()) : null;
    }

    /** The viewer's own epochs: cluster_current_epoch (CLUSTER INFO) and its configEpoch (its own line). */
    private static void diffEpochs(long time, NodeView then, NodeView now, Buckets out) {
        long currentBefore = then.currentEpoch();
        long currentAfter = now.currentEpoch() >= 0 ? now.currentEpoch() : currentBefore;
        long configBefore = then.myself().configEpoch();
        long configAfter = now.myself().configEpoch();
        boolean currentChanged = currentBefore >= 0 && currentAfter != currentBefore;
        if (currentChanged || configAfter != configBefore) {
            out.epochs.add(new ClusterEvent.EpochChanged(time, now.viewer(), currentAfter, configAfter));
        }
    }

    private static NodeId[] owners(NodeView view) {
        NodeId[] owner = new NodeId[16384];
        for (NodeEntry e : view.entries()) {
            BitSet slots = e.slots();
            if (slots.isEmpty()) {
                continue;
            }
            NodeId id = new NodeId(e.id());
            for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
                owner[s] = id;
            }
        }
        return owner;
    }

    /** One SlotsAssigned per run of consecutive slots that changed owner to the same node (or to none). */
    private static void diffSlotOwners(long time, NodeId viewer, NodeView then, NodeView now, Buckets out) {
        NodeId[] before = owners(then);
        NodeId[] after = owners(now);
        int slot = 0;
        while (slot < 16384) {
            if (Objects.equals(before[slot], after[slot])) {
                slot++;
                continue;
            }
            int first = slot;
            NodeId owner = after[slot];
            while (slot + 1 < 16384 && !Objects.equals(before[slot + 1], after[slot + 1])
                    && Objects.equals(after[slot + 1], owner)) {
                slot++;
            }
            out.slots.add(new ClusterEvent.SlotsAssigned(time, viewer, first, slot, owner));
            slot++;
        }
    }

    /**
     * The viewer's own MIGRATING / IMPORTING slots (CLUSTER NODES lists them only on the myself line). A
     * newly opened half is reported as MIGRATING or IMPORTING; a slot with nothing left open as STABLE;
     * a slot that loses one half and keeps the other reports the half that remains, as the simulator
     * does.
     */
    private static void diffOpenSlots(long time, NodeId viewer, NodeEntry then, NodeEntry now, Buckets out) {
        Set<Integer> slots = new TreeSet<>();
        slots.addAll(then.migrating().keySet());
        slots.addAll(then.importing().keySet());
        slots.addAll(now.migrating().keySet());
        slots.addAll(now.importing().keySet());
        for (int slot : slots) {
            String migratingBefore = then.migrating().get(slot);
            String importingBefore = then.importing().get(slot);
            String migratingAfter = now.migrating().get(slot);
            String importingAfter = now.importing().get(slot);
            boolean migratingChanged = !Objects.equals(migratingBefore, migratingAfter);
            boolean importingChanged = !Objects.equals(importingBefore, importingAfter);
            if (!migratingChanged && !importingChanged) {
                continue;
            }
            if (migratingAfter == null && importingAfter == null) {
                out.migrations.add(new ClusterEvent.SlotMigrationStateChanged(time, viewer, slot,
                        SlotMigrationState.STABLE, null));
                continue;
            }
            if (migratingAfter != null && (migratingChanged || importingChanged && importingAfter == null)) {
                out.migrations.add(new ClusterEvent.SlotMigrationStateChanged(time, viewer, slot,
                        SlotMigrationState.MIGRATING, peer(migratingAfter)));
            }
            if (importingAfter != null && (importingChanged || migratingChanged && migratingAfter == null)) {
                out.migrations.add(new ClusterEvent.SlotMigrationStateChanged(time, viewer, slot,
                        SlotMigrationState.IMPORTING, peer(importingAfter)));
            }
        }
    }

    private static NodeId peer(String id) {
        return NodeId.isValid(id) ? new NodeId(id) : null;
    }
}
