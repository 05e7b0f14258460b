package org.slotscope.engine.command.cluster;

import org.slotscope.engine.command.CommandTable;

/** Registers this command family in the command table. */
public final class ClusterCommands {
    private ClusterCommands() {
    }

    public static void register(CommandTable table) {
    }
}
