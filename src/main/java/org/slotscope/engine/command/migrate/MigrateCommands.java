package org.slotscope.engine.command.migrate;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class MigrateCommands {
    private MigrateCommands() {
    }

    public static void register(CommandTable table) {
    }
}
