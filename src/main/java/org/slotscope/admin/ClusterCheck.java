package org.slotscope.admin;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slotscope.engine.command.cluster.ClusterNodesFormat;

/**
 * The checks of `redis-cli --cluster check` (clusterManagerCheckCluster), over what every node
 * says in CLUSTER NODES: do all nodes agree on who owns which slots, are slots left MIGRATING or
 * IMPORTING, are all 16384 covered. Findings are worded as redis-cli words them, so a tutorial reads
 * the same; the details say what redis-cli does not: which node disagrees and how, who has a slot
 * open towards whom, which slots nobody covers.
 */
public final class ClusterCheck {
    /** Details past this many lines per node are summed up in one line. */
    static final int MAX_DETAIL_RUNS_PER_NODE = 8;

    /**
     * The findings: errors ([ERR]) and warnings ([WARNING]) as redis-cli words them, and detail lines
     * (already indented) that explain them.
     */
    public record Report(List<String> errors, List<String> warnings, List<String> details) {
        public Report(List<String> errors, List<String> warnings) {
            this(errors, warnings, List.of());
        }

        public boolean clean() {
            return errors.isEmpty() && warnings.isEmpty();
        }
    }

    /** One node's open slot: MIGRATING towards {@code peer}, or IMPORTING from it. */
    public record OpenSlot(int slot, String node, boolean migrating, String peer) {
    }

    private ClusterCheck() {
    }

    /** @param views every reachable node's CLUSTER NODES, the entry node first */
    public static Report check(List<List<NodeEntry>> views) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> details = new ArrayList<>();
        if (!agree(views)) {
            errors.add("Nodes don't agree about configuration!");
            details.addAll(disagreements(views));
        }
        for (List<NodeEntry> view : views) {
            NodeEntry self = self(view);
            if (self == null) {
                continue;
            }
            if (!self.migrating().isEmpty()) {
                warnings.add("Node " + self.address() + " has slots in migrating state " + slotList(self.migrating())
                        + ".");
            }
            if (!self.importing().isEmpty()) {
                warnings.add("Node " + self.address() + " has slots in importing state " + slotList(self.importing())
                        + ".");
            }
        }
        TreeMap<Integer, List<OpenSlot>> open = openSlots(views);
        if (!open.isEmpty()) {
            warnings.add("The following slots are open: " + joinSlots(open.keySet()) + ".");
            for (List<OpenSlot> states : open.values()) {
                details.add(describeOpenSlot(states));
            }
        }
        BitSet covered = covered(views);
        if (covered.cardinality() < 16384) {
            errors.add("Not all 16384 slots are covered by nodes.");
            details.add(describeUncovered(covered));
        }
        return new Report(errors, warnings, details);
    }

    /** clusterManagerIsConfigConsistent: every node's {@link #signature} is the same. */
    public static boolean agree(List<List<NodeEntry>> views) {
        String first = null;
        for (List<NodeEntry> view : views) {
            String mine = signature(view);
            if (first == null) {
                first = mine;
            } else if (!first.equals(mine)) {
                return false;
            }
        }
        return true;
    }

    /** clusterManagerGetConfigSignature: "id:slot ranges" of each node with slots, sorted, joined by '|'. */
    static String signature(List<NodeEntry> view) {
        TreeSet<String> parts = new TreeSet<>();
        for (NodeEntry node : view) {
            if (node.slots().cardinality() > 0) {
                parts.add(node.id() + ":" + ClusterNodesFormat.slotRangesText(node.slots()).replace(' ', ','));
            }
        }
        return String.join("|", parts);
    }

    /**
     * clusterManagerGetCoveredSlots: the slots some node claims in its own CLUSTER NODES line ("myself"),
     * which is what redis-cli loads for each node; what a node says about the others does not count.
     */
    public static BitSet covered(List<List<NodeEntry>> views) {
        BitSet covered = new BitSet(16384);
        for (List<NodeEntry> view : views) {
            NodeEntry self = self(view);
            if (self != null) {
                covered.or(self.slots());
            }
        }
        return covered;
    }

    /** Every open slot, lowest first, with each node's own MIGRATING / IMPORTING state for it. */
    public static TreeMap<Integer, List<OpenSlot>> openSlots(List<List<NodeEntry>> views) {
        TreeMap<Integer, List<OpenSlot>> open = new TreeMap<>();
        for (List<NodeEntry> view : views) {
            NodeEntry self = self(view);
            if (self == null) {
                continue;
            }
            self.migrating().forEach((slot, to) -> open.computeIfAbsent(slot, s -> new ArrayList<>())
                    .add(new OpenSlot(slot, self.address(), true, to)));
            self.importing().forEach((slot, from) -> open.computeIfAbsent(slot, s -> new ArrayList<>())
                    .add(new OpenSlot(slot, self.address(), false, from)));
        }
        return open;
    }

    /**
     * Which node disagrees with the others, and how: for each slot, the owner most views name (the entry
     * node's answer breaks a tie) is "the others'" answer; every node that says something else gets a
     * line per run of slots, e.g. "127.0.0.1:7001 thinks slot 5000 belongs to &lt;id&gt; (the others:
     * &lt;id&gt;)".
     */
    public static List<String> disagreements(List<List<NodeEntry>> views) {
        int n = views.size();
        String[][] owners = new String[n][];
        String[] viewer = new String[n];
        for (int i = 0; i < n; i++) {
            owners[i] = owners(views.get(i));
            NodeEntry self = self(views.get(i));
            viewer[i] = self == null ? "node " + (i + 1) : self.address();
        }
        // runs[i]: this node's disagreements, as consecutive slots with the same (mine, others) answer
        List<List<int[]>> runs = new ArrayList<>();
        List<List<String[]>> runAnswers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(new ArrayList<>());
            runAnswers.add(new ArrayList<>());
        }
        for (int slot = 0; slot < 16384; slot++) {
            boolean same = true;
            for (int i = 1; i < n && same; i++) {
                same = Objects.equals(owners[i][slot], owners[0][slot]);
            }
            if (same) {
                continue;
            }
            String majority = majority(owners, slot);
            for (int i = 0; i < n; i++) {
                String mine = owners[i][slot];
                if (Objects.equals(mine, majority)) {
                    continue;
                }
                String others = others(owners, slot, i);
                List<int[]> mineRuns = runs.get(i);
                List<String[]> answers = runAnswers.get(i);
                int last = mineRuns.size() - 1;
                if (last >= 0 && mineRuns.get(last)[1] == slot - 1 && Objects.equals(answers.get(last)[0], mine)
                        && answers.get(last)[1].equals(others)) {
                    mineRuns.get(last)[1] = slot;
                } else {
                    mineRuns.add(new int[] {slot, slot});
                    answers.add(new String[] {mine, others});
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<int[]> mineRuns = runs.get(i);
            for (int r = 0; r < mineRuns.size() && r < MAX_DETAIL_RUNS_PER_NODE; r++) {
                int[] run = mineRuns.get(r);
                String[] answer = runAnswers.get(i).get(r);
                boolean one = run[0] == run[1];
                String slots = one ? "slot " + run[0] : "slots " + run[0] + "-" + run[1];
                String claim = answer[0] == null ? (one ? "is unassigned" : "are unassigned")
                        : (one ? "belongs to " : "belong to ") + answer[0];
                lines.add("    " + viewer[i] + " thinks " + slots + " " + claim + " (the others: " + answer[1] + ")");
            }
            if (mineRuns.size() > MAX_DETAIL_RUNS_PER_NODE) {
                lines.add("    " + viewer[i] + " disagrees on " + (mineRuns.size() - MAX_DETAIL_RUNS_PER_NODE)
                        + " more slot ranges");
            }
        }
        return lines;
    }

    /** The owner of every slot in one view: the id of the node whose line lists it, or null. */
    private static String[] owners(List<NodeEntry> view) {
        String[] owners = new String[16384];
        for (NodeEntry node : view) {
            BitSet slots = node.slots();
            for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
                owners[s] = node.id();
            }
        }
        return owners;
    }

    private static String majority(String[][] owners, int slot) {
        Map<String, Integer> votes = new HashMap<>();
        for (String[] view : owners) {
            votes.merge(String.valueOf(view[slot]), 1, Integer::sum);
        }
        String best = owners[0][slot]; // the entry node's answer wins a tie
        int bestVotes = votes.get(String.valueOf(best));
        for (String[] view : owners) {
            int v = votes.get(String.valueOf(view[slot]));
            if (v > bestVotes) {
                best = view[slot];
                bestVotes = v;
            }
        }
        return best;
    }

    /** What the other views say about a slot, most common first: ids, or "unassigned". */
    private static String others(String[][] owners, int slot, int except) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < owners.length; i++) {
            if (i != except) {
                counts.merge(owners[i][slot] == null ? "unassigned" : owners[i][slot], 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sorted) {
            names.add(sorted.size() == 1 ? e.getKey() : e.getKey() + " x" + e.getValue());
        }
        return String.join(", ", names);
    }

    private static String describeOpenSlot(List<OpenSlot> states) {
        StringBuilder sb = new StringBuilder("    Slot " + states.get(0).slot() + ":");
        for (int i = 0; i < states.size(); i++) {
            OpenSlot s = states.get(i);
            sb.append(i == 0 ? " " : "; ").append(s.node())
                    .append(s.migrating() ? " is migrating it to " : " is importing it from ").append(s.peer());
        }
        return sb.toString();
    }

    private static String describeUncovered(BitSet covered) {
        BitSet uncovered = new BitSet(16384);
        uncovered.set(0, 16384);
        uncovered.andNot(covered);
        int count = uncovered.cardinality();
        return "    Uncovered: " + slotsString(uncovered) + " (" + count + (count == 1 ? " slot)" : " slots)");
    }

    /** clusterManagerNodeSlotsString: "[0-99],[102-5460]". */
    public static String slotsString(BitSet slots) {
        StringBuilder sb = new StringBuilder();
        int first = slots.nextSetBit(0);
        while (first >= 0 && first < 16384) {
            int last = slots.nextClearBit(first) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append('[').append(first);
            if (last > first) {
                sb.append('-').append(last);
            }
            sb.append(']');
            first = slots.nextSetBit(last + 1);
        }
        return sb.toString();
    }

    /** The line a node gives about itself in its own CLUSTER NODES, or null. */
    static NodeEntry self(List<NodeEntry> view) {
        for (NodeEntry e : view) {
            if (e.isMyself()) {
                return e;
            }
        }
        return null;
    }

    private static String slotList(Map<Integer, String> slots) {
        return joinSlots(new TreeSet<>(slots.keySet()));
    }

    private static String joinSlots(Iterable<Integer> slots) {
        StringBuilder sb = new StringBuilder();
        for (Integer slot : slots) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(slot);
        }
        return sb.toString();
    }
}
