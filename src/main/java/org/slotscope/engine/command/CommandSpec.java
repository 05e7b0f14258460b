package org.slotscope.engine.command;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the command table, with Redis's conventions: {@code arity} counts the command name,
 * a negative arity means "at least"; {@code firstKey}/{@code lastKey}/{@code keyStep} are the
 * legacy key positions COMMAND INFO reports ({@code lastKey} -1 is the last argument).
 * A container (CLUSTER, CONFIG, CLIENT, ...) has subcommands instead of a handler.
 */
public final class CommandSpec {
    private final String name;
    private final CommandSpec parent;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final KeyFinder keyFinder;
    private final CommandHandler handler;
    private final String group;
    private final String summary;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();

    private CommandSpec(Builder b, CommandSpec parent) {
        this.name = b.name.toLowerCase(Locale.ROOT);
        this.parent = parent;
        this.arity = b.arity;
        this.flags = Collections.unmodifiableSet(b.flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class)
                : EnumSet.copyOf(b.flags));
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.keyFinder = b.keyFinder;
        this.handler = b.handler;
        this.group = b.group;
        this.summary = b.summary;
    }

    public static Builder command(String name, int arity) {
        return new Builder(name, arity);
    }

    public String name() {
        return name;
    }

    /** "get", or "cluster|setslot" for a subcommand: the name Redis's error messages use. */
    public String fullName() {
        return parent == null ? name : parent.name + "|" + name;
    }

    public CommandSpec parent() {
        return parent;
    }

    public int arity() {
        return arity;
    }

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public Set<CommandFlag> flags() {
        return flags;
    }

    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public CommandHandler handler() {
        return handler;
    }

    public String group() {
        return group;
    }

    public String summary() {
        return summary;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    public CommandSpec subcommand(String lowerName) {
        return subcommands.get(lowerName);
    }

    /** Whether the command takes keys at all (only those are routed by slot). */
    public boolean hasKeys() {
        return keyFinder != null || firstKey > 0;
    }

    /** argv indexes of the keys this invocation names. */
    public int[] keyIndexes(byte[][] argv) {
        if (keyFinder != null) {
            return keyFinder.keyIndexes(argv);
        }
        if (firstKey <= 0 || firstKey >= argv.length) {
            return new int[0];
        }
        int last = lastKey >= 0 ? Math.min(lastKey, argv.length - 1) : argv.length + lastKey;
        int step = Math.max(1, keyStep);
        if (last < firstKey) {
            return new int[0];
        }
        int[] out = new int[(last - firstKey) / step + 1];
        for (int i = 0, at = firstKey; at <= last; at += step) {
            out[i++] = at;
        }
        return out;
    }

    public static final class Builder {
        private final String name;
        private final int arity;
        private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private KeyFinder keyFinder;
        private CommandHandler handler;
        private String group = "generic";
        private String summary = "";
        private final java.util.List<Builder> subcommands = new java.util.ArrayList<>();

        private Builder(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        public Builder flags(CommandFlag... flags) {
            this.flags.addAll(java.util.List.of(flags));
            return this;
        }

        /** Legacy key positions: first, last (negative counts from the end), step. */
        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder keyFinder(KeyFinder finder) {
            this.keyFinder = finder;
            this.flags.add(CommandFlag.MOVABLE_KEYS);
            return this;
        }

        public Builder handler(CommandHandler handler) {
            this.handler = handler;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder subcommand(Builder sub) {
            this.subcommands.add(sub);
            return this;
        }

        public CommandSpec build() {
            return build(null);
        }

        private CommandSpec build(CommandSpec parent) {
            CommandSpec spec = new CommandSpec(this, parent);
            for (Builder sub : subcommands) {
                sub.group = group;
                CommandSpec built = sub.build(spec);
                spec.subcommands.put(built.name, built);
            }
            return spec;
        }
    }
}
