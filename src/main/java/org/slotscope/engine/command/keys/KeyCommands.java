package org.slotscope.engine.command.keys;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable table) {
    }
}
