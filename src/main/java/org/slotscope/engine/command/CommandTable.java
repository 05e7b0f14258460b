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
    /**
     * The same commands by a case-folded hash of their name's bytes, so every request finds its
     * command without first building a String from argv[0] (a tenth of a replicated SET's cost).
     */
    private CommandSpec[] byHash = new CommandSpec[0];

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
        if (!spec.name().equals(spec.name().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("command names are registered in lower case: " + spec.name());
        }
        if (commands.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        rebuildByHash();
    }

    public CommandSpec lookup(String name) {
        return commands.get(name.toLowerCase(Locale.ROOT));
    }

    /** The command named by these bytes (any case, as Redis's lookupCommand), or null. */
    public CommandSpec lookup(byte[] name) {
        if (byHash.length == 0) {
            return null;
        }
        int mask = byHash.length - 1;
        for (int i = foldedHash(name) & mask; ; i = (i + 1) & mask) {
            CommandSpec spec = byHash[i];
            if (spec == null) {
                return null;
            }
            if (equalsIgnoringAsciiCase(spec.name(), name)) {
                return spec;
            }
        }
    }

    private static int foldedHash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + (b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        return h ^ (h >>> 16);
    }

    /** {@code lowerCaseName} is ASCII (every command name is); a byte outside ASCII never matches. */
    static boolean equalsIgnoringAsciiCase(String lowerCaseName, byte[] name) {
        if (lowerCaseName.length() != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            int b = name[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Open addressing at most half full; rebuilt at each registration (all happen at start). */
    private void rebuildByHash() {
        int size = Integer.highestOneBit(Math.max(16, commands.size() * 4));
        CommandSpec[] table = new CommandSpec[size];
        for (CommandSpec spec : commands.values()) {
            int i = foldedHash(spec.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII)) & (size - 1);
            while (table[i] != null) {
                i = (i + 1) & (size - 1);
            }
            table[i] = spec;
        }
        byHash = table;
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public int size() {
        return commands.size();
    }
}
