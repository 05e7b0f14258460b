package org.slotscope.engine.command.strings;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(CommandTable table) {
    }
}
