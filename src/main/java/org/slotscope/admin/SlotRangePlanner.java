package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moving chosen slots to one master, which redis-cli cannot do (its reshard picks the slots itself):
 * every chosen slot not already the target's moves from its current owner, lowest slot first.
 */
public final class SlotRangePlanner {
    private SlotRangePlanner() {
    }

    public static List<SlotMove> plan(List<MasterSlots> masters, BitSet chosen, String target) {
        boolean targetIsMaster = masters.stream().anyMatch(m -> m.id().equals(target));
        if (!targetIsMaster) {
            throw new IllegalArgumentException("the target " + target + " is not a master of this cluster");
        }
        String[] owners = new String[org.slotscope.engine.slot.HashSlot.SLOTS];
        for (MasterSlots master : masters) {
            BitSet owned = master.slots();
            for (int slot = owned.nextSetBit(0); slot >= 0; slot = owned.nextSetBit(slot + 1)) {
                owners[slot] = master.id();
            }
        }
        List<SlotMove> moves = new ArrayList<>();
        for (int slot = chosen.nextSetBit(0); slot >= 0; slot = chosen.nextSetBit(slot + 1)) {
            String owner = owners[slot];
            if (owner == null) {
                throw new IllegalArgumentException("slot " + slot + " has no owner: `cluster fix` covers it first");
            }
            if (!owner.equals(target)) {
                moves.add(new SlotMove(slot, owner, target));
            }
        }
        return moves;
    }

    public static MoveOperation.Plan forTopology(BitSet chosen, String target) {
        return topology -> plan(topology.masterSlots(), chosen, target);
    }
}
