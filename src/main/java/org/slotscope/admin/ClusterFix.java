package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.ConnectOptions;
import org.slotscope.link.Connector;

/**
 * `redis-cli --cluster fix` as a library (clusterManagerCommandFix): the whole check, and at each
 * finding redis-cli's repair, case by case as Redis 7.0's redis-cli makes it:
 * <ul>
 * <li>an open slot (clusterManagerFixOpenSlot): find the owner (the single master that claims it or
 * holds keys, else the one with most keys, made owner with ADDSLOTS); then Case 1, MIGRATING in one
 * node and IMPORTING in one: finish the move; Case 2, only IMPORTING (or keys in non-owners): move all
 * the keys to the owner; Case 3, MIGRATING in one and IMPORTING in several empty ones: move to the
 * one the source names, close the others; Case 4, only MIGRATING and no key left to move: close it.
 * <li>an uncovered slot (clusterManagerFixSlotsCoverage): no keys anywhere, give it to a master; keys
 * in one node, give it to that node; keys in several, give it to the one with most keys and move the
 * others' keys there (MIGRATE, then MIGRATE ... REPLACE for keys both hold with equal values).
 * <li>a slot with several owners, when searched (clusterManagerFixMultipleSlotOwners): the one with
 * most keys keeps it, the others' keys move to it.
 * </ul>
 * Where this differs from redis-cli, on purpose: an uncovered slot with no keys goes to the master with
 * the fewest slots (the first in redis-cli's node order on a tie), where redis-cli picks one at random;
 * {@code confirm} is asked where redis-cli asks (it asks even with --cluster-yes) and a --yes answers it;
 * the multiple-owners repair opens the slot on a node before moving its keys out, as the coverage
 * repair does, because without that its MIGRATE is redirected and redis-cli's repair stops half-done;
 * equal values are compared with DUMP where redis-cli needs DEBUG DIGEST-VALUE; the masters that took
 * no part in a coverage repair are told the new owner at once instead of by gossip; and when a repair
 * fails after another succeeded, the check and its repairs run again (up to {@value #MAX_PASSES} passes),
 * because one can unblock the other where redis-cli needs to be run twice.
 * Keys are never dropped: every move is a MIGRATE, and a key both nodes hold with different values
 * stops the fix unless --replace says which one wins.
 */
public final class ClusterFix {
    /**
     * --cluster-fix-with-unreachable-masters, --cluster-search-multiple-owners, --cluster-pipeline,
     * --cluster-timeout, --cluster-replace, and the credentials MIGRATE passes on (AUTH / AUTH2), if any.
     */
    public record Options(boolean fixWithUnreachableMasters, boolean searchMultipleOwners, int pipeline,
                          int timeoutMillis, boolean replace, ConnectOptions migrateAuth, boolean keepOwnerValues) {
        public static final Options DEFAULTS = new Options(false, false, 10, 60_000, false, null);

        public Options {
            settings(pipeline, timeoutMillis, replace, migrateAuth, keepOwnerValues); // validates
        }

        public Options(boolean fixWithUnreachableMasters, boolean searchMultipleOwners, int pipeline,
                       int timeoutMillis, boolean replace, ConnectOptions migrateAuth) {
            this(fixWithUnreachableMasters, searchMultipleOwners, pipeline, timeoutMillis, replace, migrateAuth,
                    false);
        }

        /**
         * Not redis-cli's: a key found on two nodes with different values keeps the value of the node
         * that owned the slot when fix started (the copy clients wrote to), instead of stopping.
         */
        public Options withKeepOwnerValues(boolean yes) {
            return new Options(fixWithUnreachableMasters, searchMultipleOwners, pipeline, timeoutMillis, replace,
                    migrateAuth, yes);
        }

        ManagedCluster.MigrateSettings migrateSettings() {
            return settings(pipeline, timeoutMillis, replace, migrateAuth, keepOwnerValues);
        }

        private static ManagedCluster.MigrateSettings settings(int pipeline, int timeoutMillis, boolean replace,
                                                               ConnectOptions auth, boolean keepOwnerValues) {
            return new ManagedCluster.MigrateSettings(pipeline, timeoutMillis, replace, auth, keepOwnerValues);
        }

        public Options withFixWithUnreachableMasters(boolean yes) {
            return new Options(yes, searchMultipleOwners, pipeline, timeoutMillis, replace, migrateAuth,
                    keepOwnerValues);
        }

        public Options withSearchMultipleOwners(boolean yes) {
            return new Options(fixWithUnreachableMasters, yes, pipeline, timeoutMillis, replace, migrateAuth,
                    keepOwnerValues);
        }

        public Options withReplace(boolean yes) {
            return new Options(fixWithUnreachableMasters, searchMultipleOwners, pipeline, timeoutMillis, yes,
                    migrateAuth, keepOwnerValues);
        }
    }

    /** Answers redis-cli's "(type 'yes' to accept)" questions. */
    @FunctionalInterface
    public interface Confirm {
        Confirm YES = question -> true;

        boolean confirm(String question);
    }

    /**
     * The outcome: whether everything found was fixed (redis-cli's exit status), the sum of DBSIZE over
     * the masters before and after, the keys moved, and whether a cancel stopped it between two slots.
     */
    public record Result(boolean ok, long keysBefore, long keysAfter, long keysMoved, boolean cancelled) {
    }

    /** redis-cli exits at once when asked to fix with unreachable masters. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** At most this many check-and-fix passes in one run. */
    static final int MAX_PASSES = 3;

    private final Connector connect;
    private final OperationControl control = new OperationControl();

    public ClusterFix(Connector connect) {
        this.connect = connect;
    }

    public OperationControl control() {
        return control;
    }

    /** Stops before the next slot; the slot being fixed is finished first. */
    public void cancel() {
        control.cancel();
    }

    /**
     * @param entry host:port of any node
     * @param out   receives the lines as redis-cli prints them, as they happen
     */
    public Result run(String entry, Options options, Confirm confirm, Consumer<String> out) {
        long keysBefore = -1;
        long keysMoved = 0;
        for (int pass = 1; ; pass++) {
            try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
                ClusterCheckOperation.reportNotLoaded(topology, out);
                ManagedCluster cluster = new ManagedCluster(topology, out, options.migrateSettings());
                cluster.showClusterInfo();
                long before = cluster.totalKeys();
                if (keysBefore < 0) {
                    keysBefore = before;
                }
                Steps steps = new Steps(cluster, options, confirm, topology.unreachableMasters());
                boolean ok;
                try {
                    ok = CheckProcedure.run(cluster, options.searchMultipleOwners(), steps);
                } catch (Stop stop) {
                    ok = false;
                }
                keysMoved += cluster.keysMoved;
                // redis-cli reports success once the coverage repair worked, even if an open slot could
                // not be repaired before it; here any failed repair is a failure.
                ok &= steps.failures == 0;
                boolean cancelled = control.isCancelled();
                if (!ok && !cancelled && steps.failures > 0 && steps.repairs > 0 && pass < MAX_PASSES) {
                    // A repair can unblock one that failed before it: a node whose own view misses a slot is
                    // "cluster down" and answers MIGRATE with CLUSTERDOWN until the coverage repair, which
                    // comes after the open slots, gives it back. redis-cli leaves that to a second run.
                    out.accept("*** " + steps.failures + " repair(s) failed after " + steps.repairs
                            + " succeeded: checking again, as one may have unblocked another.");
                    continue;
                }
                if (cancelled) {
                    out.accept("*** Cancelled: stopped between two slots; what is left open, check shows and fix"
                            + " closes.");
                    ok = false;
                }
                long after = cluster.totalKeys();
                if (after == keysBefore) {
                    out.accept("[OK] " + keysBefore + " keys in the masters before the fix, " + after + " after.");
                } else {
                    out.accept("[WARNING] " + keysBefore + " keys in the masters before the fix, " + after
                            + " after (writes during the fix, or keys both nodes held with the same value, change"
                            + " the sum).");
                }
                return new Result(ok, keysBefore, after, keysMoved, cancelled);
            }
        }
    }

    /** The three repairs, each as redis-cli makes it. */
    /** Slots fixed so far, and whether the covering went through (else: return {@code fixed}). */
    private record Covering(int fixed, boolean finished) {
    }

    private final class Steps implements CheckProcedure.Fixer {
        private final ManagedCluster cluster;
        private final Options options;
        private final Confirm confirm;
        private final int unreachableMasters;
        /** Repairs that failed, and repairs made, in this pass. */
        int failures;
        int repairs;

        Steps(ManagedCluster cluster, Options options, Confirm confirm, int unreachableMasters) {
            this.cluster = cluster;
            this.options = options;
            this.confirm = confirm;
            this.unreachableMasters = unreachableMasters;
        }

        @Override
        public boolean proceed() {
            return control.proceed();
        }

        private void say(String line) {
            cluster.out.accept(line);
        }

        /** Both fixes refuse to guess about slots of masters they cannot see. */
        private void refuseWithUnreachableMasters(String what) {
            if (unreachableMasters > 0 && !options.fixWithUnreachableMasters()) {
                say("*** Fixing " + what + " with " + unreachableMasters + " unreachable masters is dangerous: fix"
                        + " will assume that slots about masters that are not reachable are not covered, and will try"
                        + " to reassign them to the reachable nodes. This can cause data loss and is rarely what you"
                        + " want to do. If you really want to proceed use the --fix-with-unreachable-masters option.");
                throw new Stop();
            }
        }

        @Override
        public boolean fixOpenSlot(int slot) {
            return counted(openSlot(slot));
        }

        @Override
        public int fixSlotsCoverage(BitSet covered) {
            int fixed = slotsCoverage(covered);
            if (fixed < 0) {
                failures++;
            } else {
                repairs += fixed;
            }
            return fixed;
        }

        @Override
        public boolean fixMultipleSlotOwners(int slot, List<ManagedNode> owners) {
            return counted(multipleSlotOwners(slot, owners));
        }

        private boolean counted(boolean repaired) {
            if (repaired) {
                repairs++;
            } else {
                failures++;
            }
            return repaired;
        }

        /** clusterManagerFixOpenSlot. */
        private boolean openSlot(int slot) {
            refuseWithUnreachableMasters("open slots");
            say(">>> Fixing open slot " + slot);
            // Nodes claiming some ownership: by configuration, or just by holding keys.
            List<ManagedNode> owners = new ArrayList<>();
            for (ManagedNode n : cluster.nodes) {
                if (n.replica) {
                    continue;
                }
                if (n.slots.get(slot)) {
                    owners.add(n);
                } else {
                    int count = cluster.countKeysInSlot(n, slot);
                    if (count < 0) {
                        return false;
                    }
                    if (count > 0) {
                        say("*** Found keys about slot " + slot + " in non-owner node " + n.address() + "!");
                        owners.add(n);
                    }
                }
            }
            ManagedNode owner = owners.size() == 1 ? owners.get(0) : null;

            List<ManagedNode> migrating = new ArrayList<>();
            List<ManagedNode> importing = new ArrayList<>();
            for (ManagedNode n : cluster.nodes) {
                if (n.replica) {
                    continue;
                }
                boolean isMigrating = n.migrating.containsKey(slot);
                boolean isImporting = !isMigrating && n.importing.containsKey(slot);
                if (isMigrating) {
                    migrating.add(n);
                } else if (isImporting) {
                    importing.add(n);
                }
                // A node neither migrating nor importing that is not the owner goes with the importing
                // ones when it holds keys of the slot.
                if (!isMigrating && !isImporting && n != owner) {
                    int count = cluster.countKeysInSlot(n, slot);
                    if (count < 0) {
                        return false;
                    }
                    if (count > 0) {
                        say("*** Found keys about slot " + slot + " in node " + n.address() + "!");
                        importing.add(n);
                    }
                }
            }
            if (!migrating.isEmpty()) {
                say("Set as migrating in: " + addresses(migrating));
            }
            if (!importing.isEmpty()) {
                say("Set as importing in: " + addresses(importing));
            }

            // No single owner: the node with most keys becomes it.
            if (owner == null) {
                say(">>> No single clear owner for the slot, selecting an owner by # of keys...");
                owner = cluster.nodeWithMostKeysInSlot(cluster.nodes, slot);
                if (owner == null) {
                    say("[ERR] Can't select a slot owner. Impossible to fix.");
                    return false;
                }
                say("*** Configuring " + owner.address() + " as the slot owner");
                if (!cluster.clearSlotStatus(owner, slot) || !cluster.setSlotOwner(owner, slot, false)) {
                    return false;
                }
                owner.slots.set(slot);
                migrating.remove(owner);
                importing.remove(owner);
            }

            // Several owners: all but the chosen one give it up and import it from the owner, so a case
            // below moves their keys. This also covers several nodes MIGRATING it (only owners can).
            if (owners.size() > 1) {
                for (ManagedNode n : owners) {
                    if (n == owner) {
                        continue;
                    }
                    if (!cluster.delSlot(n, slot, true)) {
                        return false;
                    }
                    n.slots.clear(slot);
                    if (!cluster.setSlot(n, owner, slot, "node") || !cluster.setSlot(n, owner, slot, "importing")) {
                        return false;
                    }
                    importing.remove(n);
                    importing.add(n);
                    migrating.remove(n);
                }
            }

            if (migrating.size() == 1 && importing.size() == 1) {
                // Case 1: a move left half-done, e.g. a reshard stopped in the middle: finish it.
                ManagedNode src = migrating.get(0);
                ManagedNode dst = importing.get(0);
                say(">>> Case 1: Moving slot " + slot + " from " + src.address() + " to " + dst.address());
                return cluster.moveSlot(src, dst, slot, false, true);
            }
            if (migrating.isEmpty() && !importing.isEmpty()) {
                // Case 2: nodes claim it as importing (or hold keys of it): all the keys go to the owner.
                // redis-cli prints the slot number where the sentence seems to want a key count.
                say(">>> Case 2: Moving all the " + slot + " slot keys to its owner " + owner.address());
                for (ManagedNode n : importing) {
                    if (n == owner) {
                        continue;
                    }
                    if (!cluster.moveSlot(n, owner, slot, true, false)) {
                        return false;
                    }
                    say(">>> Setting " + slot + " as STABLE in " + n.address());
                    if (!cluster.clearSlotStatus(n, slot)) {
                        return false;
                    }
                }
                // Moved "cold": make sure every other master has the owner in its configuration.
                for (ManagedNode n : cluster.nodes) {
                    if (n == owner || n.replica) {
                        continue;
                    }
                    if (!cluster.setSlot(n, owner, slot, "NODE")) {
                        return false;
                    }
                }
                return true;
            }
            if (migrating.size() == 1 && importing.size() > 1) {
                return case3(slot, migrating.get(0), importing, owner);
            }
            boolean tryToCloseSlot = importing.isEmpty() && migrating.size() == 1;
            if (tryToCloseSlot) {
                ManagedNode n = migrating.get(0);
                if (owner == null || owner != n) {
                    Reply keys = n.link.send("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot), "10");
                    if (keys instanceof Reply.Error error) {
                        cluster.printReplyError(n, error.message());
                        return false;
                    }
                    tryToCloseSlot = ((Reply.ArrayReply) keys).elements().isEmpty();
                }
            }
            if (tryToCloseSlot) {
                // Case 4: only a migrating node, with no key left to move or as the owner: a reshard
                // interrupted in the middle. Closing it is enough.
                ManagedNode n = migrating.get(0);
                say(">>> Case 4: Closing slot " + slot + " on " + n.address());
                return cluster.clearSlotStatus(n, slot);
            }
            return unhandled(slot, migrating, importing, owner);
        }

        /**
         * Case 3: MIGRATING in one node, IMPORTING in several that hold no key. The one the source names
         * receives the slot and the others are closed; if none is named, all are closed.
         */
        private boolean case3(int slot, ManagedNode src, List<ManagedNode> importing, ManagedNode owner) {
            String targetId = src.migrating.get(slot);
            ManagedNode dst = null;
            for (ManagedNode n : importing) {
                int count = cluster.countKeysInSlot(n, slot);
                if (count > 0) {
                    return unhandled(slot, List.of(src), importing, owner);
                }
                if (n.id.equals(targetId)) {
                    dst = n;
                }
            }
            if (dst != null) {
                say(">>> Case 3: Moving slot " + slot + " from " + src.address() + " to " + dst.address()
                        + " and closing it on all the other importing nodes.");
                if (!cluster.moveSlot(src, dst, slot, false, false)) {
                    return false;
                }
                for (ManagedNode n : importing) {
                    if (n != dst && !cluster.clearSlotStatus(n, slot)) {
                        return false;
                    }
                }
                return true;
            }
            say(">>> Case 3: Closing slot " + slot + " on both migrating and importing nodes.");
            if (!cluster.clearSlotStatus(src, slot)) {
                return false;
            }
            for (ManagedNode n : importing) {
                if (!cluster.clearSlotStatus(n, slot)) {
                    return false;
                }
            }
            return true;
        }

        private boolean unhandled(int slot, List<ManagedNode> migrating, List<ManagedNode> importing,
                                  ManagedNode owner) {
            say("[ERR] Sorry, this slot cannot be fixed automatically (redis-cli cannot either). Slot is set as"
                    + " migrating in " + addresses(migrating) + ", as importing in " + addresses(importing)
                    + ", owner is " + (owner == null ? "none" : owner.address()));
            return false;
        }

        /** clusterManagerFixSlotsCoverage. */
        private int slotsCoverage(BitSet covered) {
            refuseWithUnreachableMasters("slots");
            say(">>> Fixing slots coverage...");
            // For every uncovered slot, the masters that hold keys of it.
            List<Integer> uncovered = new ArrayList<>();
            List<List<ManagedNode>> holders = new ArrayList<>();
            for (int slot = covered.nextClearBit(0); slot < 16384; slot = covered.nextClearBit(slot + 1)) {
                List<ManagedNode> withKeys = new ArrayList<>();
                for (ManagedNode n : cluster.nodes) {
                    if (!n.isMaster()) {
                        continue;
                    }
                    Reply keys = n.link.send("CLUSTER", "GETKEYSINSLOT", String.valueOf(slot), "1");
                    if (keys instanceof Reply.Error error) {
                        cluster.printReplyError(n, error.message());
                        return -1;
                    }
                    if (!((Reply.ArrayReply) keys).elements().isEmpty()) {
                        withKeys.add(n);
                    }
                }
                uncovered.add(slot);
                holders.add(withKeys);
            }
            BitSet none = new BitSet();
            BitSet single = new BitSet();
            BitSet multi = new BitSet();
            for (int i = 0; i < uncovered.size(); i++) {
                int count = holders.get(i).size();
                (count == 0 ? none : count == 1 ? single : multi).set(uncovered.get(i));
            }
            int fixed = 0;

            if (!none.isEmpty()) {
                say("The following uncovered slots have no keys across the cluster:");
                say(ClusterCheck.slotsString(none));
                if (confirm.confirm("Fix these slots by covering with the master that has the fewest slots?")) {
                    Covering covering = cover(none, slot -> masterWithFewestSlots(), fixed);
                    if (!covering.finished()) {
                        return covering.fixed();
                    }
                    fixed = covering.fixed();
                }
            }

            if (!single.isEmpty()) {
                say("The following uncovered slots have keys in just one node:");
                say(ClusterCheck.slotsString(single));
                if (confirm.confirm("Fix these slots by covering with those nodes?")) {
                    Covering covering = cover(single, slot -> holders.get(uncovered.indexOf(slot)).get(0), fixed);
                    if (!covering.finished()) {
                        return covering.fixed();
                    }
                    fixed = covering.fixed();
                }
            }

            if (!multi.isEmpty()) {
                say("The following uncovered slots have keys in multiple nodes:");
                say(ClusterCheck.slotsString(multi));
                if (confirm.confirm("Fix these slots by moving keys into a single node?")) {
                    for (int slot = multi.nextSetBit(0); slot >= 0; slot = multi.nextSetBit(slot + 1)) {
                        if (!proceed()) {
                            return fixed > 0 ? fixed : -1;
                        }
                        List<ManagedNode> nodes = holders.get(uncovered.indexOf(slot));
                        ManagedNode target = cluster.nodeWithMostKeysInSlot(nodes, slot);
                        if (target == null) {
                            return -1;
                        }
                        say(">>> Covering slot " + slot + " moving keys to " + target.address());
                        if (!cluster.setSlotOwner(target, slot, true)) {
                            return -1;
                        }
                        target.slots.set(slot);
                        for (ManagedNode src : nodes) {
                            if (src == target) {
                                continue;
                            }
                            // The source gets the owner, then IMPORTING (though its keys leave): a MIGRATE
                            // on a node that neither serves nor imports the slot is redirected.
                            if (!cluster.setSlot(src, target, slot, "NODE")
                                    || !cluster.setSlot(src, target, slot, "IMPORTING")
                                    || !cluster.moveSlot(src, target, slot, true, false)
                                    || !cluster.clearSlotStatus(src, slot)) {
                                return -1;
                            }
                        }
                        informOtherMasters(target, slot);
                        fixed++;
                    }
                }
            }
            return fixed;
        }

        /**
         * Not in redis-cli, which leaves the news to gossip: the masters that took no part learn the new
         * owner with SETSLOT NODE, as clusterManagerMoveSlot tells them after a move, so a check right
         * after the fix already finds every node in agreement. They hold no key of the slot (it was
         * uncovered, and holders were handled above), so SETSLOT NODE cannot be refused for keys.
         */
        /**
         * Gives each slot to the node {@code owner} names, as clusterManagerFixSlotsCoverage does for
         * the slots without keys and those with keys in one node. Not finished when cancelled (the
         * count so far, or -1 for none) or when a SETSLOT failed (-1).
         */
        private Covering cover(BitSet slots, java.util.function.IntFunction<ManagedNode> owner, int fixed) {
            for (int slot = slots.nextSetBit(0); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
                if (!proceed()) {
                    return new Covering(fixed > 0 ? fixed : -1, false);
                }
                ManagedNode n = owner.apply(slot);
                say(">>> Covering slot " + slot + " with " + n.address());
                if (!cluster.setSlotOwner(n, slot, false)) {
                    return new Covering(-1, false);
                }
                n.slots.set(slot);
                informOtherMasters(n, slot);
                fixed++;
            }
            return new Covering(fixed, true);
        }

        private void informOtherMasters(ManagedNode owner, int slot) {
            for (ManagedNode n : cluster.nodes) {
                if (n != owner && !n.replica) {
                    Reply reply = n.link.send("CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", owner.id);
                    if (reply instanceof Reply.Error error) {
                        cluster.printReplyError(n, error.message());
                    }
                }
            }
        }

        /** Where redis-cli picks a random master: the one with the fewest slots, the first on a tie. */
        private ManagedNode masterWithFewestSlots() {
            ManagedNode best = null;
            for (ManagedNode n : cluster.nodes) {
                if (!n.replica && (best == null || n.slots.cardinality() < best.slots.cardinality())) {
                    best = n;
                }
            }
            return best;
        }

        /** clusterManagerFixMultipleSlotOwners. */
        private boolean multipleSlotOwners(int slot, List<ManagedNode> owners) {
            say(">>> Fixing multiple owners for slot " + slot + "...");
            ManagedNode owner = cluster.nodeWithMostKeysInSlot(owners, slot);
            if (owner == null) {
                owner = owners.get(0);
            }
            say(">>> Setting slot " + slot + " owner: " + owner.address());
            if (!cluster.setSlotOwner(owner, slot, false)) {
                return false;
            }
            owner.slots.set(slot);
            for (ManagedNode n : cluster.nodes) {
                if (n == owner || n.replica) {
                    continue;
                }
                int count = cluster.countKeysInSlot(n, slot);
                if (count < 0) {
                    return false;
                }
                cluster.delSlot(n, slot, true);
                n.slots.clear(slot);
                if (!cluster.setSlot(n, owner, slot, "node")) {
                    return false;
                }
                if (count > 0) {
                    // redis-cli moves the keys "cold" from a node that now neither serves nor imports the
                    // slot, so its MIGRATE is answered MOVED and the repair stops with the keys stranded.
                    // Importing the slot for the move lets MIGRATE run, as in the coverage repair.
                    if (!cluster.setSlot(n, owner, slot, "importing")
                            || !cluster.moveSlot(n, owner, slot, true, false)
                            || !cluster.clearSlotStatus(n, slot)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private static String addresses(List<ManagedNode> nodes) {
        return String.join(",", nodes.stream().map(ManagedNode::address).toList());
    }
}
