package org.slotscope.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.ConnectOptions;

/**
 * redis-cli's cluster_manager while check or fix runs: the loaded nodes, in redis-cli's order (the
 * entry node, then the others as the entry node lists them), and the small helpers its fix is built
 * from (clusterManagerSetSlot, clusterManagerDelSlot, clusterManagerSetSlotOwner,
 * clusterManagerMoveSlot, clusterManagerMigrateKeysInSlot, ...), each printing what redis-cli prints.
 * Errors come back as {@code false} after the "Node ... replied with error:" lines, as in redis-cli.
 */
final class ManagedCluster {
    /**
     * How keys are moved: --cluster-pipeline, --cluster-timeout, --cluster-replace, MIGRATE's AUTH,
     * and whether a key found with different values on both nodes keeps the slot owner's value.
     */
    record MigrateSettings(int pipeline, int timeoutMillis, boolean replace, ConnectOptions auth,
                           boolean keepOwnerValues) {
        static final MigrateSettings DEFAULTS = new MigrateSettings(10, 60_000, false, null, false);

        MigrateSettings {
            if (pipeline < 1) {
                throw new IllegalArgumentException("the pipeline must be at least 1 key: " + pipeline);
            }
            if (timeoutMillis < 1) {
                throw new IllegalArgumentException("the timeout must be positive: " + timeoutMillis);
            }
        }
    }

    final ClusterTopology topology;
    final List<ManagedNode> nodes = new ArrayList<>();
    final Consumer<String> out;
    final MigrateSettings settings;
    /** Keys moved by this run, for the summary. */
    long keysMoved;
    /** Each slot's owner as the masters claimed it when loaded, before this run changed anything. */
    private final ManagedNode[] claimedOwner = new ManagedNode[org.slotscope.engine.slot.HashSlot.SLOTS];

    ManagedCluster(ClusterTopology topology, Consumer<String> out, MigrateSettings settings) {
        this.topology = topology;
        this.out = out;
        this.settings = settings;
        topology.nodes().forEach(n -> nodes.add(new ManagedNode(n)));
        for (ManagedNode n : nodes) {
            if (!n.replica) {
                for (int slot = n.slots.nextSetBit(0); slot >= 0; slot = n.slots.nextSetBit(slot + 1)) {
                    claimedOwner[slot] = n;
                }
            }
        }
    }

    ManagedNode first() {
        return nodes.get(0);
    }

    List<ManagedNode> masters() {
        return nodes.stream().filter(n -> !n.replica).toList();
    }

    ManagedNode byId(String id) {
        for (ManagedNode n : nodes) {
            if (n.id.equals(id)) {
                return n;
            }
        }
        return null;
    }

    int replicasCount(ManagedNode master) {
        int count = 0;
        for (ManagedNode n : nodes) {
            if (n != master && n.replica && master.id.equals(n.replicate)) {
                count++;
            }
        }
        return count;
    }

    // ---- what check prints first -------------------------------------------------------------

    /** clusterManagerShowClusterInfo: one line per master, then the totals. */
    void showClusterInfo() {
        int masters = 0;
        long keys = 0;
        for (ManagedNode node : nodes) {
            if (node.replica) {
                continue;
            }
            Reply reply = node.link.send("DBSIZE");
            if (!(reply instanceof Reply.IntegerReply size)) {
                printReplyError(node, reply instanceof Reply.Error e ? e.message() : "");
                return;
            }
            out.accept(node.address() + " (" + node.id.substring(0, Math.min(8, node.id.length())) + "...) -> "
                    + size.value() + " keys | " + node.slots.cardinality() + " slots | " + replicasCount(node)
                    + " slaves.");
            masters++;
            keys += size.value();
        }
        out.accept("[OK] " + keys + " keys in " + masters + " masters.");
        out.accept(String.format(Locale.ROOT, "%.2f keys per slot on average.", keys / 16384f));
    }

    /** clusterManagerShowNodes, each node as clusterManagerNodeInfo prints it. */
    void showNodes() {
        for (ManagedNode node : nodes) {
            out.accept((node.replica ? "S" : "M") + ": " + node.id + " " + node.address());
            out.accept("   slots:" + ClusterCheck.slotsString(node.slots) + " (" + node.slots.cardinality()
                    + " slots) " + node.flags);
            if (node.replicate != null) {
                out.accept("   replicates " + node.replicate);
            } else if (replicasCount(node) > 0) {
                out.accept("   " + replicasCount(node) + " additional replica(s)");
            }
        }
    }

    /** Sum of DBSIZE over the loaded masters: what fix must leave unchanged. */
    long totalKeys() {
        long keys = 0;
        for (ManagedNode n : masters()) {
            if (n.link.send("DBSIZE") instanceof Reply.IntegerReply size) {
                keys += size.value();
            }
        }
        return keys;
    }

    // ---- redis-cli's helpers ------------------------------------------------------------------

    /** CLUSTER_MANAGER_PRINT_REPLY_ERROR. */
    void printReplyError(ManagedNode n, String error) {
        out.accept("Node " + n.address() + " replied with error:");
        out.accept(error);
    }

    /** clusterManagerCheckRedisReply with err == NULL: an error reply is printed and is a failure. */
    private boolean ok(ManagedNode n, Reply reply) {
        if (reply instanceof Reply.Error error) {
            printReplyError(n, error.message());
            return false;
        }
        return true;
    }

    /** clusterManagerSetSlot: CLUSTER SETSLOT slot IMPORTING|MIGRATING|NODE other-id on n. */
    boolean setSlot(ManagedNode n, ManagedNode other, int slot, String status) {
        return ok(n, n.link.send("CLUSTER", "SETSLOT", String.valueOf(slot), status, other.id));
    }

    /** clusterManagerClearSlotStatus: CLUSTER SETSLOT slot STABLE. */
    boolean clearSlotStatus(ManagedNode n, int slot) {
        return ok(n, n.link.send("CLUSTER", "SETSLOT", String.valueOf(slot), "STABLE"));
    }

    /**
     * clusterManagerDelSlot: CLUSTER DELSLOTS; with {@code ignoreUnassignedErr}, "already unassigned"
     * is no failure when the node's CLUSTER SLOTS confirms nobody serves it.
     */
    boolean delSlot(ManagedNode n, int slot, boolean ignoreUnassignedErr) {
        Reply reply = n.link.send("CLUSTER", "DELSLOTS", String.valueOf(slot));
        if (!(reply instanceof Reply.Error error)) {
            return true;
        }
        boolean success = false;
        if (ignoreUnassignedErr) {
            String[] ownerError = new String[1];
            ManagedNode assignedTo = slotOwner(n, slot, ownerError);
            if (assignedTo == null) {
                if (ownerError[0] == null) {
                    success = true;
                } else {
                    printReplyError(n, ownerError[0]);
                }
            }
        }
        if (!success) {
            printReplyError(n, error.message());
        }
        return success;
    }

    /** clusterManagerCountKeysInSlot: -1 on an error reply. */
    int countKeysInSlot(ManagedNode n, int slot) {
        Reply reply = n.link.send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot));
        if (reply instanceof Reply.IntegerReply count) {
            return (int) count.value();
        }
        if (reply instanceof Reply.Error error) {
            printReplyError(n, error.message());
        }
        return -1;
    }

    /**
     * clusterManagerSetSlotOwner: in one MULTI / EXEC, so no other node ever sees the slot unassigned in
     * between: DELSLOTS (its error ignored), ADDSLOTS, optionally SETSLOT STABLE, BUMPEPOCH. As in
     * redis-cli's clusterManagerOnSetOwnerErr, only an ADDSLOTS error counts.
     */
    boolean setSlotOwner(ManagedNode owner, int slot, boolean doClear) {
        String s = String.valueOf(slot);
        if (!ok(owner, owner.link.send("MULTI"))) {
            return false;
        }
        owner.link.send("CLUSTER", "DELSLOTS", s);
        owner.link.send("CLUSTER", "ADDSLOTS", s);
        if (doClear) {
            owner.link.send("CLUSTER", "SETSLOT", s, "STABLE");
        }
        owner.link.send("CLUSTER", "BUMPEPOCH");
        Reply exec = owner.link.send("EXEC");
        if (!ok(owner, exec)) {
            return false;
        }
        if (!(exec instanceof Reply.ArrayReply replies)) {
            return false;
        }
        List<Reply> results = replies.elements();
        if (results.size() > 1 && results.get(1) instanceof Reply.Error error) {
            printReplyError(owner, error.message());
            return false;
        }
        return true;
    }

    /**
     * clusterManagerGetSlotOwner: who serves the slot according to n's CLUSTER SLOTS, as a loaded node;
     * null when nobody (or a node that is not loaded) does, or on an error (then {@code error[0]} says it).
     */
    ManagedNode slotOwner(ManagedNode n, int slot, String[] error) {
        Reply reply = n.link.send("CLUSTER", "SLOTS");
        if (reply instanceof Reply.Error e) {
            error[0] = e.message();
            return null;
        }
        if (!(reply instanceof Reply.ArrayReply ranges)) {
            return null;
        }
        for (Reply range : ranges.elements()) {
            List<Reply> r = ((Reply.ArrayReply) range).elements();
            long from = ((Reply.IntegerReply) r.get(0)).value();
            long to = ((Reply.IntegerReply) r.get(1)).value();
            if (slot < from || slot > to) {
                continue;
            }
            List<Reply> master = ((Reply.ArrayReply) r.get(2)).elements();
            if (master.size() >= 3) {
                return byId(text(master.get(2)));
            }
            String ip = text(master.get(0));
            long port = ((Reply.IntegerReply) master.get(1)).value();
            for (ManagedNode candidate : nodes) {
                if (candidate.host.equals(ip) && candidate.port == port) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * clusterManagerGetNodeWithMostKeysInSlot: the master (replicas skipped) with the most keys in the
     * slot; on a tie the first in the list; null if a node answers with an error.
     */
    ManagedNode nodeWithMostKeysInSlot(List<ManagedNode> candidates, int slot) {
        if (settings.keepOwnerValues() && candidates.contains(claimedOwner[slot])) {
            return claimedOwner[slot]; // the owner clients wrote to stays the owner, whoever holds more keys
        }
        ManagedNode best = null;
        long most = 0;
        for (ManagedNode n : candidates) {
            if (!n.isMaster()) {
                continue;
            }
            Reply reply = n.link.send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot));
            if (!(reply instanceof Reply.IntegerReply count)) {
                if (reply instanceof Reply.Error error) {
                    printReplyError(n, error.message());
                }
                return null;
            }
            if (count.value() > most || best == null) {
                most = count.value();
                best = n;
            }
        }
        return best;
    }

    /**
     * clusterManagerMoveSlot. Unless {@code cold}, the slot is opened first (IMPORTING on the target,
     * MIGRATING on the source) and given to the target everywhere after (the target first, then the
     * source, whose refusal is only printed, as redis-cli ignores it when called without an error
     * pointer, then every other master). {@code update} moves the slot in the kept copy too.
     */
    boolean moveSlot(ManagedNode source, ManagedNode target, int slot, boolean cold, boolean update) {
        String heading = "Moving slot " + slot + " from " + source.address() + " to " + target.address() + ": ";
        if (!cold) {
            if (!setSlot(target, source, slot, "importing") || !setSlot(source, target, slot, "migrating")) {
                out.accept(heading);
                return false;
            }
        }
        List<String> later = new ArrayList<>();
        int moved = migrateKeysInSlot(source, target, slot, later);
        out.accept(heading + ".".repeat(Math.max(0, moved)));
        later.forEach(out);
        if (moved < 0) {
            return false;
        }
        if (!cold) {
            if (!setSlot(target, target, slot, "node")) {
                return false;
            }
            setSlot(source, target, slot, "node");
            for (ManagedNode n : nodes) {
                if (n == target || n == source || n.replica) {
                    continue;
                }
                if (!setSlot(n, target, slot, "node")) {
                    return false;
                }
            }
        }
        if (update) {
            source.slots.clear(slot);
            target.slots.set(slot);
        }
        return true;
    }

    /**
     * clusterManagerMigrateKeysInSlot, as fix runs it: GETKEYSINSLOT and MIGRATE ... KEYS in batches
     * of the pipeline size. A BUSYKEY (the key is on both nodes) is retried with REPLACE only when the
     * two values are equal, or with --replace; otherwise the fix stops and names the keys, so no value
     * is overwritten silently. redis-cli compares with DEBUG DIGEST-VALUE, which Redis 7 refuses unless
     * enable-debug-command is on; DUMP (after ASKING, so an open slot answers) compares the same thing.
     * A slot the source does not serve is first given to the target there ("Slot was not served").
     *
     * @param lines where the lines printed after the dots go
     * @return keys moved, or -1 on failure
     */
    private int migrateKeysInSlot(ManagedNode source, ManagedNode target, int slot, List<String> lines) {
        int moved = 0;
        while (true) {
            Reply keys = source.link.send("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot),
                    String.valueOf(settings.pipeline()));
            if (keys instanceof Reply.Error error) {
                lines.add("Node " + source.address() + " replied with error:");
                lines.add(error.message());
                return -1;
            }
            List<Reply> batch = ((Reply.ArrayReply) keys).elements();
            if (batch.isEmpty()) {
                return moved;
            }
            Reply migrated = source.link.send(migrate(target, batch, settings.replace()));
            if (migrated instanceof Reply.Error error) {
                boolean busy = error.message().contains("BUSYKEY");
                boolean notServed = false;
                if (!busy) {
                    String[] ownerError = new String[1];
                    if (slotOwner(source, slot, ownerError) == null) {
                        if (ownerError[0] == null) {
                            notServed = true;
                        } else {
                            lines.add("Node " + source.address() + " replied with error:");
                            lines.add(ownerError[0]);
                        }
                    }
                }
                if (!busy && !notServed) {
                    lines.add("Node " + source.address() + " replied with error:");
                    lines.add(error.message());
                    return -1;
                }
                if (notServed) {
                    lines.add("*** Slot was not served, setting owner to node " + target.address() + ".");
                    source.link.send("CLUSTER", "SETSLOT", String.valueOf(slot), "node", target.id);
                }
                if (busy) {
                    lines.add("*** Target key exists");
                    if (!settings.replace()) {
                        lines.add("*** Checking key values on both nodes...");
                        List<String> diffs = new ArrayList<>();
                        if (!compareKeysValues(source, target, batch, diffs, lines)) {
                            lines.add("*** Value check failed!");
                            return -1;
                        }
                        ManagedNode owner = claimedOwner[slot];
                        if (!diffs.isEmpty() && settings.keepOwnerValues() && (owner == source || owner == target)) {
                            // Not redis-cli: the owner's copy is the one clients wrote to (a key that
                            // exists on a migrating source is served there), the other is what a failed
                            // MIGRATE left behind. Keep the owner's value, drop or overwrite the other.
                            lines.add("*** " + diffs.size() + " key(s) differ; keeping the values of the slot's"
                                    + " owner " + owner.address());
                            if (owner == target && !dropCopies(source, batch, diffs, lines)) {
                                return -1;
                            }
                            diffs.clear();
                        }
                        if (!diffs.isEmpty()) {
                            lines.add("*** Found " + diffs.size() + " key(s) in both source node and target node"
                                    + " having different values.");
                            lines.add("    Source node: " + source.address());
                            lines.add("    Target node: " + target.address());
                            lines.add("    Keys(s):");
                            diffs.forEach(k -> lines.add("    - " + k));
                            lines.add("Please fix the above key(s) manually and try again or relaunch the command");
                            lines.add("with --replace option to force key overriding.");
                            return -1;
                        }
                    }
                    lines.add("*** Replacing target keys...");
                }
                Reply retried = source.link.send(migrate(target, batch, busy));
                if (retried instanceof Reply.Error again) {
                    lines.add("Node " + source.address() + " replied with error:");
                    lines.add(again.message());
                    return -1;
                }
            }
            moved += batch.size();
            keysMoved += batch.size();
        }
    }

    /** MIGRATE host port "" 0 timeout [REPLACE] [AUTH pw | AUTH2 user pw] KEYS k... (clusterManagerMigrateKeysInReply). */
    private byte[][] migrate(ManagedNode target, List<Reply> keys, boolean replace) {
        List<byte[]> argv = new ArrayList<>(List.of(bytes("MIGRATE"), bytes(target.host),
                bytes(String.valueOf(target.port)), new byte[0], bytes("0"),
                bytes(String.valueOf(settings.timeoutMillis()))));
        if (replace) {
            argv.add(bytes("REPLACE"));
        }
        ConnectOptions auth = settings.auth();
        if (auth != null && auth.hasPassword()) {
            char[] password = auth.password();
            if (auth.user() != null) {
                argv.add(bytes("AUTH2"));
                argv.add(bytes(auth.user()));
            } else {
                argv.add(bytes("AUTH"));
            }
            argv.add(new String(password).getBytes(StandardCharsets.UTF_8));
            java.util.Arrays.fill(password, '\0');
        }
        argv.add(bytes("KEYS"));
        for (Reply key : keys) {
            argv.add(((Reply.BulkString) key).value());
        }
        return argv.toArray(new byte[0][]);
    }

    /**
     * clusterManagerCompareKeysValues: keys present on both nodes whose values differ go to
     * {@code diffs}; keys missing on either side are ignored. False when a node answers with an error.
     */
    private boolean compareKeysValues(ManagedNode a, ManagedNode b, List<Reply> keys, List<String> diffs,
                                      List<String> lines) {
        for (Reply key : keys) {
            byte[] name = ((Reply.BulkString) key).value();
            Reply first = dump(a, name);
            Reply second = dump(b, name);
            for (Reply r : List.of(first, second)) {
                if (r instanceof Reply.Error error) {
                    lines.add("Node " + (r == first ? a : b).address() + " replied with error:");
                    lines.add(error.message());
                    return false;
                }
            }
            if (first instanceof Reply.BulkString x && second instanceof Reply.BulkString y && !x.equals(y)) {
                diffs.add(new String(name, StandardCharsets.UTF_8));
            }
        }
        return true;
    }

    /** Deletes the named keys on {@code n} (after ASKING: the slot is open there while fix moves it). */
    private static boolean dropCopies(ManagedNode n, List<Reply> batch, List<String> names, List<String> lines) {
        for (Reply key : batch) {
            byte[] name = ((Reply.BulkString) key).value();
            if (names.contains(new String(name, StandardCharsets.UTF_8))) {
                n.link.send("ASKING");
                Reply deleted = n.link.send(bytes("DEL"), name);
                if (deleted instanceof Reply.Error error) {
                    lines.add("Node " + n.address() + " replied with error:");
                    lines.add(error.message());
                    return false;
                }
            }
        }
        return true;
    }

    /** DUMP after ASKING: an importing node answers for its keys too. */
    private static Reply dump(ManagedNode n, byte[] key) {
        n.link.send("ASKING");
        return n.link.send(bytes("DUMP"), key);
    }

    private static String text(Reply reply) {
        String text = Reply.text(reply);
        return text == null ? String.valueOf(reply) : text;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
