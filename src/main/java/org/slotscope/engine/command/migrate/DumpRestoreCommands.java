package org.slotscope.engine.command.migrate;

import org.slotscope.engine.command.CommandTable;

/** DUMP, RESTORE and RESTORE-ASKING. */
public final class DumpRestoreCommands {
    private DumpRestoreCommands() {
    }

    public static void register(CommandTable table) {
    }
}
