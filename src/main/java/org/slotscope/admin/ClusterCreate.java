package org.slotscope.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.NodeLink;

/**
 * `redis-cli --cluster create host:port ... --cluster-replicas N` as a library
 * (clusterManagerCommandCreate): check every node is reachable, in cluster mode and empty; plan
 * with {@link CreatePlanner}; CLUSTER ADDSLOTS on each master (one call with every slot, as
 * redis-cli 7.0 sends it); CLUSTER SET-CONFIG-EPOCH 1..N in node order; CLUSTER MEET from every
 * node to the first; wait for the join; CLUSTER REPLICATE on each replica; then the check.
 *
 * <p>Beyond redis-cli: the join wait has a deadline, and before the check it waits until every node
 * sees every replica as a replica (gossip carries the roles a moment after REPLICATE), so `info`
 * or `check` run right after the create show the final layout.
 */
public final class ClusterCreate {
    /** What was built: the plan, each address's node id, and the check run at the end. */
    public record Result(CreatePlanner.Plan plan, Map<String, String> ids, ClusterCheck.Report check) {
    }

    private final Connector connect;
    private final Sleeper sleeper;
    private final long joinTimeoutMillis;
    private final Random random;

    /**
     * @param connect           opens a link to host:port (SimLink or JedisLink)
     * @param sleeper           how to wait between polls (wall clock, or the engine's clock)
     * @param joinTimeoutMillis how long to wait for the nodes to agree (redis-cli: for ever)
     * @param random            the anti-affinity optimizer's choices
     */
    public ClusterCreate(Connector connect, Sleeper sleeper, long joinTimeoutMillis, Random random) {
        if (joinTimeoutMillis < 0) {
            throw new IllegalArgumentException("the join timeout cannot be negative: " + joinTimeoutMillis);
        }
        this.connect = connect;
        this.sleeper = sleeper;
        this.joinTimeoutMillis = joinTimeoutMillis;
        this.random = random;
    }

    /**
     * @param addresses the nodes, "host:port" (a "@busport" suffix is accepted and ignored, as
     *                  redis-cli does), in the order that decides masters and slots
     * @param replicas  replicas per master
     * @param log       receives each line redis-cli would print
     */
    public Result run(List<String> addresses, int replicas, Consumer<String> log) {
        List<NewNode> nodes = new ArrayList<>();
        try {
            for (String address : addresses) {
                int at = address.lastIndexOf('@');
                nodes.add(NewNode.open(connect, at >= 0 ? address.substring(0, at) : address));
            }
            List<CreatePlanner.Node> planned = nodes.stream()
                    .map(n -> new CreatePlanner.Node(n.host(), n.port())).toList();
            CreatePlanner.Plan plan = CreatePlanner.plan(planned, replicas, random);
            plan.lines().forEach(log);
            Map<CreatePlanner.Node, NewNode> byAddress = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                byAddress.put(planned.get(i), nodes.get(i));
            }
            showPlannedNodes(plan, byAddress).forEach(log);
            configure(plan, byAddress, log);
            Map<String, String> ids = new LinkedHashMap<>();
            nodes.forEach(n -> ids.put(n.address(), n.id()));
            try (ClusterTopology topology = ClusterTopology.load(connect, nodes.get(0).address())) {
                ClusterCheck.Report report = ClusterCheck.check(topology.views());
                CheckOutput.check(topology, report).forEach(log);
                return new Result(plan, ids, report);
            }
        } finally {
            nodes.forEach(n -> n.link().close());
        }
    }

    private void configure(CreatePlanner.Plan plan, Map<CreatePlanner.Node, NewNode> byAddress,
                           Consumer<String> log) {
        List<NewNode> nodes = new ArrayList<>(byAddress.values());
        // clusterManagerFlushNodeConfig, first round: the masters' slots. A replica's REPLICATE is
        // sent too and fails ("Unknown node") because the nodes have not met yet; redis-cli keeps it
        // for the second round, after the join, and so do we.
        for (CreatePlanner.MasterRange range : plan.masters()) {
            NewNode master = byAddress.get(range.master());
            String[] addSlots = new String[2 + range.slotCount()];
            addSlots[0] = "CLUSTER";
            addSlots[1] = "ADDSLOTS";
            for (int slot = range.firstSlot(); slot <= range.lastSlot(); slot++) {
                addSlots[2 + slot - range.firstSlot()] = Integer.toString(slot);
            }
            expectOk(master, addSlots);
        }
        for (Map.Entry<CreatePlanner.Node, CreatePlanner.Node> entry : plan.replicaOf().entrySet()) {
            byAddress.get(entry.getKey()).link().send("CLUSTER", "REPLICATE", byAddress.get(entry.getValue()).id());
        }
        log.accept(">>> Nodes configuration updated");
        log.accept(">>> Assign a different config epoch to each node");
        int configEpoch = 1;
        for (NewNode node : nodes) {
            // redis-cli ignores this reply: a clash of epochs is resolved by the cluster itself
            node.link().send("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(configEpoch++));
        }
        log.accept(">>> Sending CLUSTER MEET messages to join the cluster");
        NewNode first = nodes.get(0);
        for (NewNode node : nodes.subList(1, nodes.size())) {
            if (first.busPort() == first.port() + 10000) {
                expectOk(node, "CLUSTER", "MEET", first.host(), Integer.toString(first.port()));
            } else {
                expectOk(node, "CLUSTER", "MEET", first.host(), Integer.toString(first.port()),
                        Integer.toString(first.busPort()));
            }
        }
        // "Give one second for the join to start, in order to avoid that waiting for cluster join
        // will find all the nodes agree about the config as they are still empty with unassigned
        // slots."
        sleeper.sleep(ClusterJoin.POLL_MILLIS);
        List<NodeLink> links = nodes.stream().map(NewNode::link).toList();
        ClusterJoin.await(links, sleeper, joinTimeoutMillis, log);
        for (Map.Entry<CreatePlanner.Node, CreatePlanner.Node> entry : plan.replicaOf().entrySet()) {
            NewNode replica = byAddress.get(entry.getKey());
            NewNode master = byAddress.get(entry.getValue());
            Reply reply = replica.link().send("CLUSTER", "REPLICATE", master.id());
            if (reply instanceof Reply.Error error) {
                // redis-cli goes on silently here; the cluster is built, without this replica
                throw new OperationException("Node " + replica.address() + " could not become a replica of "
                        + master.address() + ": " + error.message() + " (the cluster is created without it)");
            }
        }
        awaitRoles(plan, byAddress);
    }

    /** Until every node lists every replica as a replica of its master, or the join deadline. */
    private void awaitRoles(CreatePlanner.Plan plan, Map<CreatePlanner.Node, NewNode> byAddress) {
        long waited = 0;
        while (true) {
            String missing = firstMissingRole(plan, byAddress);
            if (missing == null) {
                return;
            }
            if (waited >= joinTimeoutMillis) {
                throw new OperationException("the replicas were configured but the cluster did not agree on them within "
                        + joinTimeoutMillis / 1000 + " s: " + missing);
            }
            sleeper.sleep(100);
            waited += 100;
        }
    }

    private static String firstMissingRole(CreatePlanner.Plan plan, Map<CreatePlanner.Node, NewNode> byAddress) {
        for (NewNode viewer : byAddress.values()) {
            Map<String, NodeEntry> view = new LinkedHashMap<>();
            Reply reply = viewer.link().send("CLUSTER", "NODES");
            if (reply instanceof Reply.Error error) {
                return viewer.address() + " answered CLUSTER NODES with " + error.message();
            }
            ClusterNodesParser.parse(NewNode.text(reply)).forEach(e -> view.put(e.id(), e));
            for (Map.Entry<CreatePlanner.Node, CreatePlanner.Node> entry : plan.replicaOf().entrySet()) {
                NewNode replica = byAddress.get(entry.getKey());
                NewNode master = byAddress.get(entry.getValue());
                NodeEntry seen = view.get(replica.id());
                if (seen == null || !master.id().equals(seen.masterId())) {
                    return viewer.address() + " does not see " + replica.address() + " as a replica of "
                            + master.address() + " yet";
                }
            }
        }
        return null;
    }

    /** clusterManagerShowNodes before the configuration is sent: masters with their new slots. */
    private static List<String> showPlannedNodes(CreatePlanner.Plan plan, Map<CreatePlanner.Node, NewNode> byAddress) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<CreatePlanner.Node, NewNode> entry : byAddress.entrySet()) {
            NewNode node = entry.getValue();
            CreatePlanner.Node master = plan.replicaOf().get(entry.getKey());
            if (master != null) {
                lines.add("S: " + node.id() + " " + node.address());
                lines.add("   replicates " + byAddress.get(master).id());
                continue;
            }
            java.util.BitSet slots = new java.util.BitSet();
            int count = 0;
            for (CreatePlanner.MasterRange range : plan.masters()) {
                if (range.master().equals(entry.getKey())) {
                    slots.set(range.firstSlot(), range.lastSlot() + 1);
                    count = range.slotCount();
                }
            }
            lines.add("M: " + node.id() + " " + node.address());
            lines.add("   slots:" + CheckOutput.slotsString(slots) + " (" + count + " slots) master");
        }
        return lines;
    }

    private static void expectOk(NewNode node, String... command) {
        Reply reply = node.link().send(command);
        if (reply instanceof Reply.Error error) {
            throw new OperationException("Node " + node.address() + " replied with error: " + error.message()
                    + " (to " + command[0] + " " + command[1] + ")");
        }
    }
}
