package org.slotscope.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.sim.ClusterSnapshot;

/**
 * What a selected range of slots holds in one snapshot: its keys, who owns its slots and how many
 * each, and which of its slots are open (MIGRATING on their owner or IMPORTING somewhere), as CLUSTER
 * NODES would show them with [slot->-id] / [slot-<-id].
 *
 * @param range the slots
 * @param keys the keys the masters hold in them
 * @param owners each owning master (index in the snapshot's nodes) and its slots in the range, in node order
 * @param unassigned slots of the range no master claims
 * @param openCount how many slots of the range are open
 * @param open the first {@link #OPEN_LISTED} open slots, lowest first along the range
 */
public record RangeSummary(SlotRange range, long keys, List<Share> owners, int unassigned, int openCount,
                           List<OpenSlot> open) {
    /** Open slots named one by one; a reshard through the range may have more open at once. */
    public static final int OPEN_LISTED = 5;

    /** A master and how many slots of the range it owns. */
    public record Share(int nodeIndex, int slots) {
    }

    /** A slot of the range that is open: the node it migrates to, the node a master imports it from (-1: none). */
    public record OpenSlot(int slot, int migratingTo, int importingFrom) {
    }

    public RangeSummary {
        owners = List.copyOf(owners);
        open = List.copyOf(open);
    }

    /** One pass over the range's slots (at most 16384: cheap enough for every mouse move and snapshot). */
    public static RangeSummary of(ClusterSnapshot snapshot, SlotRange range) {
        int[] slotsByNode = new int[snapshot.nodes().size()];
        int unassigned = 0;
        long keys = 0;
        int openCount = 0;
        List<OpenSlot> open = new ArrayList<>();
        for (int i = 0; i < range.count(); i++) {
            int slot = range.slotAt(i);
            int owner = snapshot.ownerOf(slot);
            if (owner < 0) {
                unassigned++;
            } else {
                slotsByNode[owner]++;
            }
            keys += snapshot.keysIn(slot);
            int to = snapshot.migratingToOf(slot);
            int from = snapshot.importingFromOf(slot);
            if (to >= 0 || from >= 0) {
                openCount++;
                if (open.size() < OPEN_LISTED) {
                    open.add(new OpenSlot(slot, to, from));
                }
            }
        }
        List<Share> owners = new ArrayList<>();
        for (int node = 0; node < slotsByNode.length; node++) {
            if (slotsByNode[node] > 0) {
                owners.add(new Share(node, slotsByNode[node]));
            }
        }
        return new RangeSummary(range, keys, owners, unassigned, openCount, open);
    }
}
