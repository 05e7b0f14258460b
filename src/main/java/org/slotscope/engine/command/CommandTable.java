package org.slotscope.engine.command;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The explicit command table (no reflection): each command family adds its entries in its own
 * {@code register} method, and {@link #standard()} lists the families.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();

    public static CommandTable standard() {
        CommandTable table = new CommandTable();
        org.slotscope.engine.command.server.ServerCommands.register(table);
        org.slotscope.engine.command.keys.KeyCommands.register(table);
        org.slotscope.engine.command.strings.StringCommands.register(table);
        org.slotscope.engine.command.collections.ListCommands.register(table);
        org.slotscope.engine.command.collections.SetCommands.register(table);
        org.slotscope.engine.command.collections.HashCommands.register(table);
        org.slotscope.engine.command.collections.ZSetCommands.register(table);
        org.slotscope.engine.command.cluster.ClusterCommands.register(table);
        org.slotscope.engine.command.migrate.MigrateCommands.register(table);
        org.slotscope.engine.command.migrate.DumpRestoreCommands.register(table);
        org.slotscope.engine.command.sim.FaultCommands.register(table);
        TransactionCommands.register(table);
        return table;
    }

    public void register(CommandSpec.Builder builder) {
        register(builder.build());
    }

    public void register(CommandSpec spec) {
        if (commands.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
    }

    public CommandSpec lookup(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public int size() {
        return commands.size();
    }
}
