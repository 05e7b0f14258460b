package org.slotscope.engine.command;

/** Error replies whose exact wording clients and tutorials depend on (server.c, object.c, t_*.c). */
public final class Errors {
    private Errors() {
    }

    public static final Reply.Error WRONGTYPE =
            Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final Reply.Error SYNTAX = Reply.err("syntax error");
    public static final Reply.Error NOT_INTEGER = Reply.err("value is not an integer or out of range");
    public static final Reply.Error NOT_FLOAT = Reply.err("value is not a valid float");
    public static final Reply.Error MUST_BE_POSITIVE = Reply.err("value is out of range, must be positive");
    public static final Reply.Error OVERFLOW = Reply.err("increment or decrement would overflow");
    public static final Reply.Error NO_SUCH_KEY = Reply.err("no such key");
    public static final Reply.Error INVALID_EXPIRE_TIME = Reply.err("invalid expire time in 'set' command");
    public static final Reply.Error CROSSSLOT = Reply.error("CROSSSLOT Keys in request don't hash to the same slot");
    public static final Reply.Error TRYAGAIN = Reply.error("TRYAGAIN Multiple keys request during rehashing of slot");
    public static final Reply.Error CLUSTERDOWN_STATE = Reply.error("CLUSTERDOWN The cluster is down");
    public static final Reply.Error CLUSTERDOWN_RO_STATE =
            Reply.error("CLUSTERDOWN The cluster is down and only accepts read commands");
    public static final Reply.Error CLUSTERDOWN_UNBOUND = Reply.error("CLUSTERDOWN Hash slot not served");
    public static final Reply.Error NOAUTH = Reply.error("NOAUTH Authentication required.");
    public static final Reply.Error READONLY_REPLICA =
            Reply.error("READONLY You can't write against a read only replica.");
    public static final Reply.Error INVALID_SLOT = Reply.err("Invalid or out of range slot");

    /** processCommand: "wrong number of arguments for 'get' command" (fullname, so 'cluster|setslot'). */
    public static Reply.Error wrongArity(String fullName) {
        return Reply.err("wrong number of arguments for '" + fullName + "' command");
    }

    /** processCommand: unknown command, quoting up to 128 bytes of the arguments. */
    public static Reply.Error unknownCommand(String name, byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            String arg = new String(argv[i], java.nio.charset.StandardCharsets.UTF_8);
            int room = 128 - args.length();
            args.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        String shown = name.length() > 128 ? name.substring(0, 128) : name;
        return Reply.err("unknown command '" + shown + "', with args beginning with: " + args);
    }

    /** addReplySubcommandSyntaxError: "unknown subcommand 'x'. Try CLUSTER HELP." */
    public static Reply.Error unknownSubcommand(String container, String sub) {
        String shown = sub.length() > 128 ? sub.substring(0, 128) : sub;
        return Reply.err("unknown subcommand '" + shown + "'. Try " + container.toUpperCase(java.util.Locale.ROOT)
                + " HELP.");
    }

    /** clusterCommand's reply when clusterLookupNode finds no node by that id (FORGET, REPLICATE, SETSLOT NODE, ...). */
    public static Reply.Error unknownNode(String name) {
        return Reply.err("Unknown node " + name);
    }
}
