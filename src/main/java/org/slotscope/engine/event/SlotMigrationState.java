package org.slotscope.engine.event;

public enum SlotMigrationState {
    MIGRATING,
    IMPORTING,
    STABLE
}
