package org.slotscope.engine.command.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.ClientSession;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandFlag;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Errors;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.RedisValue;
import org.slotscope.engine.keyspace.rdb.RdbValueCodec;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE] [AUTH pw] [AUTH2 user pw] [KEYS k...]
 *
 * <p>migrateCommand (cluster.c, Redis 7.0): the source serialises each key as DUMP does and sends
 * the target one RESTORE-ASKING per key over a cached connection; keys the target accepted are
 * deleted from the source (unless COPY). Between simulated nodes the target really executes
 * RESTORE-ASKING through its own processCommand, so it answers exactly as it would to any client
 * (BUSYKEY, MOVED, CLUSTERDOWN...). The call is atomic on the virtual clock: the source node does
 * nothing else meanwhile, as Redis blocks while it waits for the target.
 */
public final class MigrateCommands {
    private MigrateCommands() {
    }

    public static void register(CommandTable table) {
        table.register(CommandSpec.command("migrate", -6)
                .flags(CommandFlag.WRITE)
                .keys(3, 3, 1)
                .keyFinder(MigrateCommands::keyIndexes)
                .group("generic")
                .summary("Atomically transfers a key from one Redis instance to another.")
                .handler(MigrateCommands::migrate));
    }

    /** migrateGetKeys: the single key at 3, or every key after KEYS when argv[3] is empty. */
    static int[] keyIndexes(byte[][] argv) {
        for (int i = 6; i < argv.length; i++) {
            String word = Args.lower(argv[i]);
            if (word.equals("auth")) {
                i++;
            } else if (word.equals("auth2")) {
                i += 2;
            } else if (word.equals("keys")) {
                if (argv[3].length != 0) {
                    return new int[0]; // not routed: the handler answers with Redis's KEYS error
                }
                int[] out = new int[argv.length - i - 1];
                for (int k = 0; k < out.length; k++) {
                    out[k] = i + 1 + k;
                }
                return out;
            }
        }
        return argv.length > 3 && argv[3].length > 0 ? new int[] {3} : new int[0];
    }

    /**
     * What the source's socket to the target would report. A node that is not running refuses the
     * connection, which Redis only notices when it writes; a partition or a link slower than the
     * timeout leaves it waiting until the timeout.
     */
    private static Reply.Error linkError(CommandContext ctx, ClusterNode target, long timeout) {
        ClusterNode source = ctx.node();
        if (target == null || !target.isRunning() || !source.isRunning()) {
            return Reply.error("IOERR error or timeout writing to target instance");
        }
        if (target == source || target.isFrozen(ctx.now())) {
            // A node blocked in MIGRATE cannot answer its own RESTORE, nor can a sleeping one: the call
            // times out.
            return Reply.error("IOERR error or timeout reading to target instance");
        }
        boolean cached = source.migrateLinks().containsKey(target.id());
        if (!ctx.cluster().network().canReach(source, target)
                || 2 * ctx.cluster().network().latency(source, target) > timeout) {
            return cached ? Reply.error("IOERR error or timeout reading to target instance")
                    : Reply.error("IOERR error or timeout connecting to the client");
        }
        return null;
    }

    /** AUTH / AUTH2 and SELECT, sent before the RESTORE commands when the call asks for them. */
    private static List<byte[][]> preamble(byte[][] argv, long db) {
        List<byte[][]> out = new ArrayList<>();
        for (int j = 6; j < argv.length; j++) {
            String word = Args.lower(argv[j]);
            if (word.equals("auth")) {
                out.add(new byte[][] {Args.bytes("AUTH"), argv[j + 1]});
                j++;
            } else if (word.equals("auth2")) {
                out.add(new byte[][] {Args.bytes("AUTH"), argv[j + 1], argv[j + 2]});
                j += 2;
            } else if (word.equals("keys")) {
                break;
            }
        }
        if (db != 0) {
            out.add(new byte[][] {Args.bytes("SELECT"), Args.bytes(db)});
        }
        return out;
    }

    private record Options(boolean copy, boolean replace, int firstKey, int keyCount) {
    }

    private static Reply migrate(CommandContext ctx, byte[][] argv) {
        boolean copy = false;
        boolean replace = false;
        int firstKey = 3;
        int keyCount = 1;
        for (int j = 6; j < argv.length; j++) {
            int moreArgs = argv.length - 1 - j;
            String word = Args.lower(argv[j]);
            if (word.equals("copy")) {
                copy = true;
            } else if (word.equals("replace")) {
                replace = true;
            } else if (word.equals("auth")) {
                if (moreArgs < 1) {
                    return Errors.SYNTAX;
                }
                j++;
            } else if (word.equals("auth2")) {
                if (moreArgs < 2) {
                    return Errors.SYNTAX;
                }
                j += 2;
            } else if (word.equals("keys")) {
                if (argv[3].length != 0) {
                    return Reply.err("When using MIGRATE KEYS option, the key argument must be set to the empty string");
                }
                firstKey = j + 1;
                keyCount = argv.length - j - 1;
                break;
            } else {
                return Errors.SYNTAX;
            }
        }
        OptionalLong timeoutArg = Args.parseLong(argv[5]);
        OptionalLong dbArg = Args.parseLong(argv[4]);
        OptionalLong portArg = Args.parseLong(argv[2]);
        if (timeoutArg.isEmpty() || dbArg.isEmpty()) {
            return Errors.NOT_INTEGER;
        }
        long timeout = timeoutArg.getAsLong() <= 0 ? 1000 : timeoutArg.getAsLong();
        return run(ctx, argv, new Options(copy, replace, firstKey, keyCount), Args.text(argv[1]),
                portArg.orElse(-1), dbArg.getAsLong(), timeout);
    }

    private static Reply run(CommandContext ctx, byte[][] argv, Options options, String host, long port, long db,
                             long timeout) {
        ClusterNode source = ctx.node();
        SimCluster cluster = ctx.cluster();

        // Only keys that exist are sent; none at all is +NOKEY (not an error).
        List<Key> keys = new ArrayList<>();
        List<RedisValue> values = new ArrayList<>();
        for (int i = 0; i < options.keyCount(); i++) {
            Key key = new Key(argv[options.firstKey() + i]);
            RedisValue value = ctx.keyspace().get(key);
            if (value != null) {
                keys.add(key);
                values.add(value);
            }
        }
        if (keys.isEmpty()) {
            ctx.propagateAs(new byte[0][]);
            return Reply.simple("NOKEY");
        }
        int slot = HashSlot.of(keys.get(0).bytes());

        ClusterNode target = port < 0 || port > 65535 ? null
                : cluster.nodeAt(host.equalsIgnoreCase("localhost") ? SimCluster.DEFAULT_HOST : host, (int) port);
        Reply.Error linkError = linkError(ctx, target, timeout);
        if (linkError != null) {
            cluster.events().emit(new ClusterEvent.KeysMigrated(ctx.now(), ctx.now() + timeout, source.id(),
                    target == null ? null : target.id(), slot, 0, linkError.message()));
            if (target != null) {
                source.migrateLinks().remove(target.id()); // migrateCloseSocket
            }
            ctx.propagateAs(new byte[0][]);
            return linkError;
        }

        ClientSession link = source.migrateLinks().computeIfAbsent(target.id(),
                id -> cluster.connect(target, source.address()));
        // The target authenticates and selects the db exactly as it would for any client.
        for (byte[][] preamble : preamble(argv, db)) {
            Reply reply = cluster.execute(target, link, preamble);
            if (reply instanceof Reply.Error error) {
                ctx.propagateAs(new byte[0][]);
                return Reply.err("Target instance replied with error: " + error.message());
            }
        }
        List<byte[]> deleted = new ArrayList<>();
        deleted.add(Args.bytes("DEL"));
        Reply.Error targetError = null;
        int moved = 0;
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            long expireAt = ctx.keyspace().expireAt(key);
            long ttl = 0;
            if (expireAt != -1) {
                ttl = Math.max(1, expireAt - ctx.now());
            }
            List<byte[]> restore = new ArrayList<>(List.of(Args.bytes("RESTORE-ASKING"), key.bytes(),
                    Args.bytes(ttl), RdbValueCodec.dump(values.get(i))));
            if (options.replace()) {
                restore.add(Args.bytes("REPLACE"));
            }
            Reply reply = cluster.execute(target, link, restore.toArray(new byte[0][]));
            if (reply instanceof Reply.Error error) {
                // Redis reports the last error and keeps going with the other keys.
                targetError = Reply.err("Target instance replied with error: " + error.message());
            } else {
                moved++;
                if (!options.copy()) {
                    ctx.keyspace().delete(key);
                    deleted.add(key.bytes());
                }
            }
        }
        long latency = cluster.network().latency(source, target);
        cluster.events().emit(new ClusterEvent.KeysMigrated(ctx.now(), ctx.now() + latency, source.id(), target.id(),
                slot, moved, targetError == null ? "OK" : targetError.message()));
        // Replicas see the keys leave as a DEL, never as a MIGRATE.
        ctx.propagateAs(deleted.size() > 1 ? deleted.toArray(new byte[0][]) : new byte[0][]);
        return targetError != null ? targetError : Reply.OK;
    }
}
