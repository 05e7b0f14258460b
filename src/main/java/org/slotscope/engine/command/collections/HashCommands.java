package org.slotscope.engine.command.collections;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class HashCommands {
    private HashCommands() {
    }

    public static void register(CommandTable table) {
    }
}
