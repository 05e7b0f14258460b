package org.slotscope.engine.command.collections;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class ListCommands {
    private ListCommands() {
    }

    public static void register(CommandTable table) {
    }
}
