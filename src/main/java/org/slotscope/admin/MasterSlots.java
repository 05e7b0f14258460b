package org.slotscope.admin;

import java.util.BitSet;

/** A master of a topology and the slots it owns (as CLUSTER NODES lists them). */
public record MasterSlots(String id, BitSet slots) {
    public MasterSlots {
        slots = (BitSet) slots.clone();
    }

    @Override
    public BitSet slots() {
        return (BitSet) slots.clone();
    }

    public int slotCount() {
        return slots.cardinality();
    }
}
