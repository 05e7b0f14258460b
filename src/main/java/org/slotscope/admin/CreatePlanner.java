package org.slotscope.admin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which nodes `redis-cli --cluster create` makes masters, which slots each gets and which master
 * each replica follows (clusterManagerCommandCreate, up to the confirmation), as a pure function:
 * <ol>
 *   <li>the nodes are interleaved by host: the first of each host in order of first appearance,
 *       then the second of each, ...; the first N/(replicas+1) of that order are the masters;</li>
 *   <li>master i gets slots lround(i * 16384/m) .. lround((i+1) * 16384/m - 1), computed in single
 *       precision as redis-cli does, the last one up to 16383;</li>
 *   <li>the other nodes, rotated by one, are handed out master by master, each master taking the
 *       first free node on another host, else the first free node; nodes left over are then given
 *       one per master ("Adding extra replicas...");</li>
 *   <li>clusterManagerOptimizeAntiAffinity swaps the masters of random pairs of replicas, keeping a
 *       swap unless it makes the score worse, until no replica shares a host with its master or
 *       another replica of it, or after 500 tries per node.</li>
 * </ol>
 * Steps 1-3 are deterministic and equal redis-cli's. Step 4 draws from {@code random} where
 * redis-cli draws from rand() seeded with the time, so when every node is on one host (the score
 * can never reach 0) the final pairs are as arbitrary as redis-cli's: only how many replicas each
 * master gets is fixed then.
 */
public final class CreatePlanner {
    /** A node to place, by address. */
    public record Node(String host, int port) {
        public String address() {
            return host + ":" + port;
        }

        @Override
        public String toString() {
            return address();
        }
    }

    /** Master[i] and its slot range. */
    public record MasterRange(Node master, int firstSlot, int lastSlot) {
        public int slotCount() {
            return lastSlot - firstSlot + 1;
        }
    }

    /**
     * The allocation: the masters in redis-cli's Master[i] order, each replica's master (replicas in
     * input order), and the lines redis-cli prints while it decides.
     */
    public record Plan(List<Node> nodes, List<MasterRange> masters, Map<Node, Node> replicaOf, List<String> lines) {
        public Plan {
            nodes = List.copyOf(nodes);
            masters = List.copyOf(masters);
            replicaOf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(replicaOf));
            lines = List.copyOf(lines);
        }

        public boolean isMaster(Node node) {
            return masters.stream().anyMatch(m -> m.master().equals(node));
        }
    }

    private static final int SLOTS = 16384;

    private CreatePlanner() {
    }

    /**
     * @param nodes    the nodes in the order given on the command line
     * @param replicas --cluster-replicas
     * @param random   the optimizer's random choices (redis-cli: rand() seeded with the time)
     * @throws OperationException for fewer than 3 masters, a repeated address or a negative count
     */
    public static Plan plan(List<Node> nodes, int replicas, Random random) {
        if (replicas < 0) {
            throw new OperationException("the number of replicas cannot be negative: " + replicas);
        }
        Set<Node> seen = new HashSet<>();
        for (Node node : nodes) {
            if (!seen.add(node)) {
                throw new OperationException("node " + node + " is given twice");
            }
        }
        int nodeCount = nodes.size();
        int mastersCount = nodeCount / (replicas + 1);
        if (mastersCount < 3) {
            throw new OperationException("Invalid configuration for cluster creation: Redis Cluster requires at least"
                    + " 3 master nodes, which is not possible with " + nodeCount + " nodes and " + replicas
                    + " replicas per node (at least " + 3 * (replicas + 1) + " nodes are required).");
        }
        List<String> lines = new ArrayList<>();
        lines.add(">>> Performing hash slots allocation on " + nodeCount + " nodes...");

        // One list per host, hosts in order of first appearance; then take one of each in turn.
        Map<String, List<Node>> byHost = new LinkedHashMap<>();
        for (Node node : nodes) {
            byHost.computeIfAbsent(node.host(), h -> new ArrayList<>()).add(node);
        }
        List<Node> interleaved = new ArrayList<>();
        for (int round = 0; interleaved.size() < nodeCount; round++) {
            for (List<Node> hostNodes : byHost.values()) {
                if (round < hostNodes.size()) {
                    interleaved.add(hostNodes.get(round));
                }
            }
        }

        List<MasterRange> masters = new ArrayList<>();
        float slotsPerNode = SLOTS / (float) mastersCount;
        long first = 0;
        float cursor = 0.0f;
        for (int i = 0; i < mastersCount; i++) {
            // lround(cursor + slots_per_node - 1): the sum is a float in C too
            float end = cursor + slotsPerNode - 1;
            long last = Math.round((double) end);
            if (last > SLOTS || i == mastersCount - 1) {
                last = SLOTS - 1;
            }
            if (last < first) {
                last = first;
            }
            lines.add("Master[" + i + "] -> Slots " + first + " - " + last);
            masters.add(new MasterRange(interleaved.get(i), (int) first, (int) last));
            first = last + 1;
            cursor += slotsPerNode;
        }

        // "Rotating the list sometimes helps to get better initial anti-affinity before the
        // optimizer runs."
        List<Node> candidates = new ArrayList<>(interleaved.subList(mastersCount, nodeCount));
        if (!candidates.isEmpty()) {
            candidates.add(candidates.remove(0));
        }
        Map<Node, Node> replicaOf = new LinkedHashMap<>();
        int available = candidates.size();
        boolean assignUnused = false;
        while (true) {
            for (MasterRange range : masters) {
                Node master = range.master();
                int assigned = 0;
                while (assigned < replicas && available > 0) {
                    Node chosen = takeReplicaFor(master, candidates);
                    if (chosen == null) {
                        break;
                    }
                    assigned++;
                    available--;
                    replicaOf.put(chosen, master);
                    lines.add("Adding replica " + chosen + " to " + master);
                    if (assignUnused) {
                        break;
                    }
                }
            }
            if (assignUnused || available == 0) {
                break;
            }
            assignUnused = true;
            lines.add("Adding extra replicas...");
        }

        optimizeAntiAffinity(nodes, byHost, replicaOf, random, lines);

        Map<Node, Node> inInputOrder = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (replicaOf.containsKey(node)) {
                inInputOrder.put(node, replicaOf.get(node));
            }
        }
        return new Plan(nodes, masters, inInputOrder, lines);
    }

    /** The first free node on another host than the master's, else the first free node; removed. */
    private static Node takeReplicaFor(Node master, List<Node> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            if (!candidates.get(i).host().equals(master.host())) {
                return candidates.remove(i);
            }
        }
        return candidates.isEmpty() ? null : candidates.remove(0);
    }

    /** clusterManagerOptimizeAntiAffinity. */
    private static void optimizeAntiAffinity(List<Node> nodes, Map<String, List<Node>> byHost,
                                             Map<Node, Node> replicaOf, Random random, List<String> lines) {
        if (score(byHost, replicaOf, null) == 0) {
            return;
        }
        lines.add(">>> Trying to optimize slaves allocation for anti-affinity");
        int maxIterations = 500 * nodes.size(); // "Effort is proportional to cluster size..."
        while (maxIterations > 0) {
            List<Node> offenders = new ArrayList<>();
            int score = score(byHost, replicaOf, offenders);
            if (score == 0 || offenders.isEmpty()) {
                break; // optimal anti-affinity reached
            }
            Node firstReplica = offenders.get(random.nextInt(offenders.size()));
            List<Node> otherReplicas = new ArrayList<>();
            for (Node node : nodes) {
                if (node != firstReplica && replicaOf.containsKey(node)) {
                    otherReplicas.add(node);
                }
            }
            if (otherReplicas.isEmpty()) {
                break;
            }
            Node secondReplica = otherReplicas.get(random.nextInt(otherReplicas.size()));
            Node firstMaster = replicaOf.get(firstReplica);
            Node secondMaster = replicaOf.get(secondReplica);
            replicaOf.put(firstReplica, secondMaster);
            replicaOf.put(secondReplica, firstMaster);
            // A swap that makes it worse is undone; an equal one is kept, as the best layout may
            // need a few swaps in a row.
            if (score(byHost, replicaOf, null) > score) {
                replicaOf.put(firstReplica, firstMaster);
                replicaOf.put(secondReplica, secondMaster);
            }
            maxIterations--;
        }
        int score = score(byHost, replicaOf, null);
        if (score == 0) {
            lines.add("[OK] Perfect anti-affinity obtained!");
        } else if (score >= 10000) {
            lines.add("[WARNING] Some slaves are in the same host as their master");
        } else {
            lines.add("[WARNING] Some slaves of the same master are in the same host");
        }
    }

    /**
     * clusterManagerGetAntiAffinityScore: per host and per master, 10000 for each replica sharing the
     * host with its master, else 1 per replica when two or more replicas of a master share a host.
     * Offenders: per such group, the first replica of that master on that host, in input order.
     */
    static int score(Map<String, List<Node>> byHost, Map<Node, Node> replicaOf, List<Node> offenders) {
        int score = 0;
        for (Map.Entry<String, List<Node>> host : byHost.entrySet()) {
            // per master on this host: is the master itself here, and how many of its replicas
            Map<Node, int[]> related = new LinkedHashMap<>();
            for (Node node : host.getValue()) {
                Node master = replicaOf.get(node);
                if (master == null) {
                    related.computeIfAbsent(node, k -> new int[2])[0] = 1;
                } else {
                    related.computeIfAbsent(master, k -> new int[2])[1]++;
                }
            }
            for (Map.Entry<Node, int[]> group : related.entrySet()) {
                int masterHere = group.getValue()[0];
                int replicasHere = group.getValue()[1];
                int types = masterHere + replicasHere;
                if (types < 2) {
                    continue;
                }
                score += masterHere == 1 ? 10000 * (types - 1) : types;
                if (offenders != null) {
                    for (Node node : host.getValue()) {
                        if (group.getKey().equals(replicaOf.get(node))) {
                            offenders.add(node);
                            break;
                        }
                    }
                }
            }
        }
        return score;
    }
}
