package org.slotscope.engine.command.server;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable table) {
    }
}
