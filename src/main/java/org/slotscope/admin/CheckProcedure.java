package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slotscope.engine.command.Reply;

/**
 * clusterManagerCheckCluster: the steps of `--cluster check`, in redis-cli's order and words, and with
 * a {@link Fixer} the repairs `--cluster fix` makes at the same points (open slots right after they are
 * listed, coverage right after it is found short, multiple owners when searched). Below every finding
 * come the detail lines redis-cli does not print: which node disagrees and how, who has a slot open
 * towards whom and how many keys each master holds in it, which slots nobody covers.
 */
final class CheckProcedure {
    /** The repairs fix makes; check passes none. */
    interface Fixer {
        boolean fixOpenSlot(int slot);

        /** @return slots fixed, or -1 on a failure */
        int fixSlotsCoverage(BitSet covered);

        boolean fixMultipleSlotOwners(int slot, List<ManagedNode> owners);

        /** Whether to go on to the next slot (false once cancelled). */
        boolean proceed();
    }

    private CheckProcedure() {
    }

    /** @return redis-cli's result: true when nothing was found, or everything found was fixed */
    static boolean run(ManagedCluster cluster, boolean searchMultipleOwners, Fixer fixer) {
        var out = cluster.out;
        out.accept(">>> Performing Cluster Check (using node " + cluster.first().address() + ")");
        cluster.showNodes();
        boolean result = true;
        List<List<NodeEntry>> views = cluster.nodes.stream().map(n -> n.view).toList();
        if (!ClusterCheck.agree(views)) {
            out.accept("[ERR] Nodes don't agree about configuration!");
            ClusterCheck.disagreements(views).forEach(out);
            result = false;
        } else {
            out.accept("[OK] All nodes agree about slots configuration.");
        }

        out.accept(">>> Check for open slots...");
        TreeMap<Integer, List<ClusterCheck.OpenSlot>> open = new TreeMap<>();
        for (ManagedNode n : cluster.nodes) {
            if (!n.migrating.isEmpty()) {
                out.accept("[WARNING] Node " + n.address() + " has slots in migrating state " + slots(n.migrating)
                        + ".");
            }
            if (!n.importing.isEmpty()) {
                out.accept("[WARNING] Node " + n.address() + " has slots in importing state " + slots(n.importing)
                        + ".");
            }
            n.migrating.forEach((slot, to) -> open.computeIfAbsent(slot, s -> new ArrayList<>())
                    .add(new ClusterCheck.OpenSlot(slot, n.address(), true, to)));
            n.importing.forEach((slot, from) -> open.computeIfAbsent(slot, s -> new ArrayList<>())
                    .add(new ClusterCheck.OpenSlot(slot, n.address(), false, from)));
        }
        if (!open.isEmpty()) {
            result = false;
            out.accept("[WARNING] The following slots are open: " + String.join(",",
                    open.keySet().stream().map(String::valueOf).toList()) + ".");
            for (Map.Entry<Integer, List<ClusterCheck.OpenSlot>> slot : open.entrySet()) {
                describeOpenSlot(cluster, slot.getKey(), slot.getValue());
            }
            if (fixer != null) {
                for (int slot : open.keySet()) {
                    if (!fixer.proceed()) {
                        result = false;
                        break;
                    }
                    result = fixer.fixOpenSlot(slot);
                    if (!result) {
                        break;
                    }
                }
            }
        }

        out.accept(">>> Check slots coverage...");
        BitSet covered = new BitSet(16384);
        cluster.nodes.forEach(n -> covered.or(n.slots));
        if (covered.cardinality() == 16384) {
            out.accept("[OK] All 16384 slots covered.");
        } else {
            out.accept("[ERR] Not all 16384 slots are covered by nodes.");
            describeUncovered(cluster, covered);
            result = false;
            if (fixer != null && fixer.proceed()) {
                int fixed = fixer.fixSlotsCoverage(covered);
                if (fixed > 0) {
                    result = true;
                }
            }
        }

        if (searchMultipleOwners) {
            // "Check whether there are multiple owners, even when slots are fully covered and there are
            // no open slots." A master with no key at all can only own a slot by configuration.
            out.accept(">>> Check for multiple slot owners...");
            List<ManagedNode> masters = cluster.masters();
            boolean[] hasKeys = new boolean[masters.size()];
            for (int i = 0; i < masters.size(); i++) {
                Reply size = masters.get(i).link.send("DBSIZE");
                hasKeys[i] = !(size instanceof Reply.IntegerReply n) || n.value() > 0;
            }
            int withMultipleOwners = 0;
            for (int slot = 0; slot < 16384; slot++) {
                List<ManagedNode> owners = new ArrayList<>();
                for (int i = 0; i < masters.size(); i++) {
                    ManagedNode n = masters.get(i);
                    if (n.slots.get(slot) || hasKeys[i] && cluster.countKeysInSlot(n, slot) > 0) {
                        owners.add(n);
                    }
                }
                if (owners.size() > 1) {
                    result = false;
                    out.accept("[WARNING] Slot " + slot + " has " + owners.size() + " owners:");
                    owners.forEach(n -> out.accept("    " + n.address()));
                    withMultipleOwners++;
                    if (fixer != null) {
                        result = fixer.proceed() && fixer.fixMultipleSlotOwners(slot, owners);
                        if (!result) {
                            out.accept("Failed to fix multiple owners for slot " + slot);
                            break;
                        }
                        withMultipleOwners--;
                    }
                }
            }
            if (withMultipleOwners == 0) {
                out.accept("[OK] No multiple owners found.");
            }
        }
        return result;
    }

    /** Who has the slot open towards whom, and how many keys each master holds in it. */
    private static void describeOpenSlot(ManagedCluster cluster, int slot, List<ClusterCheck.OpenSlot> states) {
        StringBuilder sb = new StringBuilder("    Slot " + slot + ":");
        for (int i = 0; i < states.size(); i++) {
            ClusterCheck.OpenSlot s = states.get(i);
            sb.append(i == 0 ? " " : "; ").append(s.node())
                    .append(s.migrating() ? " is migrating it to " : " is importing it from ").append(s.peer());
        }
        cluster.out.accept(sb.toString());
        cluster.out.accept("    Slot " + slot + " keys: " + keysPerMaster(cluster, slot) + owners(cluster, slot));
    }

    /** Which slots nobody covers and, for a manageable number of them, where their keys are. */
    private static void describeUncovered(ManagedCluster cluster, BitSet covered) {
        BitSet uncovered = new BitSet(16384);
        uncovered.set(0, 16384);
        uncovered.andNot(covered);
        int count = uncovered.cardinality();
        cluster.out.accept("    Uncovered: " + ClusterCheck.slotsString(uncovered) + " (" + count
                + (count == 1 ? " slot)" : " slots)"));
        int shown = 0;
        for (int slot = uncovered.nextSetBit(0); slot >= 0 && shown < 16; slot = uncovered.nextSetBit(slot + 1)) {
            String keys = keysPerMaster(cluster, slot);
            if (!keys.equals("none")) {
                cluster.out.accept("    Slot " + slot + " keys: " + keys);
                shown++;
            }
        }
    }

    /** "127.0.0.1:7000 5, 127.0.0.1:7001 3", masters with keys in the slot only, or "none". */
    private static String keysPerMaster(ManagedCluster cluster, int slot) {
        List<String> parts = new ArrayList<>();
        for (ManagedNode n : cluster.masters()) {
            Reply count = n.link.send("CLUSTER", "COUNTKEYSINSLOT", String.valueOf(slot));
            if (count instanceof Reply.IntegerReply c && c.value() > 0) {
                parts.add(n.address() + " " + c.value());
            } else if (count instanceof Reply.Error e) {
                parts.add(n.address() + " (" + e.message() + ")");
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String owners(ManagedCluster cluster, int slot) {
        List<String> owners = new ArrayList<>();
        for (ManagedNode n : cluster.masters()) {
            if (n.slots.get(slot)) {
                owners.add(n.address());
            }
        }
        return owners.isEmpty() ? "; no master claims it" : "; claimed by " + String.join(", ", owners);
    }

    private static String slots(Map<Integer, String> slots) {
        return String.join(",", new java.util.TreeSet<>(slots.keySet()).stream().map(String::valueOf).toList());
    }
}
