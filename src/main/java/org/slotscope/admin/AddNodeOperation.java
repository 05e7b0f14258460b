package org.slotscope.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * `redis-cli --cluster add-node new_host:port existing_host:port [--cluster-slave
 * [--cluster-master-id id]]` as a library (clusterManagerCommandAddNode, Redis 7.0): load and check
 * the cluster, refuse a new node that is not empty or already knows others, copy the cluster's
 * functions to a new master (FUNCTION DUMP on the entry node, FUNCTION RESTORE on the new one),
 * CLUSTER MEET from the new node to the entry node; for a replica, wait for the join and send
 * CLUSTER REPLICATE to the given master, or to the master with the fewest replicas.
 *
 * <p>Beyond redis-cli, it then waits until the new node is accepted: every node of the cluster lists
 * it (as a replica of its master, for a replica), and the new node knows every node and says
 * cluster_state:ok. Moving slots into a node that some masters do not know yet fails, which is why
 * a reshard must not start before this.
 */
public final class AddNodeOperation {
    /** The node as added: its id and, for a replica, its master's id. */
    public record Result(String id, String masterId) {
    }

    private final Connector connect;
    private final Sleeper sleeper;
    private final long joinTimeoutMillis;

    public AddNodeOperation(Connector connect, Sleeper sleeper, long joinTimeoutMillis) {
        if (joinTimeoutMillis < 0) {
            throw new IllegalArgumentException("the join timeout cannot be negative: " + joinTimeoutMillis);
        }
        this.connect = connect;
        this.sleeper = sleeper;
        this.joinTimeoutMillis = joinTimeoutMillis;
    }

    /**
     * @param newAddress the node to add, host:port
     * @param existing   any node of the cluster, host:port
     * @param slave      add it as a replica (--cluster-slave)
     * @param masterId   its master (--cluster-master-id); without it, the master with the fewest
     *                   replicas. As with redis-cli, it is only read with {@code slave}.
     */
    public Result run(String newAddress, String existing, boolean slave, String masterId, Consumer<String> log) {
        Connector.HostPort newHp = Connector.parse(newAddress);
        Connector.HostPort refHp = Connector.parse(existing);
        if (masterId != null && !slave) {
            // redis-cli reads --cluster-master-id only with --cluster-slave and would add a master
            throw new OperationException("--master-id needs --slave: without it the node would be added as a master"
                    + " and the id ignored");
        }
        log.accept(">>> Adding node " + newHp.host() + ":" + newHp.port() + " to cluster " + refHp.host() + ":"
                + refHp.port());
        try (ClusterTopology topology = ClusterTopology.load(connect, existing)) {
            topology.unreachable().forEach(u -> log.accept("[ERR] " + u));
            ClusterCheck.Report report = ClusterCheck.check(topology.views());
            CheckOutput.check(topology, report).forEach(log);
            if (!report.clean()) {
                throw new OperationException("the cluster has problems (see above): fix them before adding a node");
            }
            ClusterTopology.Node master = null;
            if (slave) {
                master = masterId != null ? namedMaster(topology, masterId) : leastReplicas(topology);
                if (masterId == null) {
                    log.accept("Automatically selected master " + master.address());
                }
            }
            NewNode added;
            try {
                added = NewNode.open(connect, newAddress);
            } catch (LinkException e) {
                throw new OperationException("Sorry, can't connect to node " + newHp.host() + ":" + newHp.port()
                        + ": " + e.getMessage());
            }
            try {
                if (topology.node(added.id()) != null) {
                    throw new OperationException("Node " + added.address() + " is already in the cluster");
                }
                ClusterTopology.Node first = topology.nodes().get(0);
                if (master == null) {
                    copyFunctions(first, added, log);
                }
                log.accept(">>> Send CLUSTER MEET to node " + added.address() + " to make it join the cluster.");
                // to the entry node as it was given, as redis-cli does (refnode's ip and port)
                expectOk(added, "CLUSTER", "MEET", refHp.host(), Integer.toString(refHp.port()));
                if (master != null) {
                    sleeper.sleep(ClusterJoin.POLL_MILLIS);
                    List<NodeLink> links = new ArrayList<>();
                    topology.nodes().forEach(n -> links.add(n.link()));
                    links.add(added.link());
                    ClusterJoin.await(links, sleeper, joinTimeoutMillis, log);
                    log.accept(">>> Configure node as replica of " + master.address() + ".");
                    expectOk(added, "CLUSTER", "REPLICATE", master.id());
                }
                awaitAccepted(topology, added, master == null ? null : master.id(), log);
                log.accept("[OK] New node added correctly.");
                return new Result(added.id(), master == null ? null : master.id());
            } finally {
                added.link().close();
            }
        }
    }

    /** clusterManagerNodeByName: the exact id (lower-cased); it must be a master. */
    private static ClusterTopology.Node namedMaster(ClusterTopology topology, String masterId) {
        ClusterTopology.Node node = topology.node(masterId.toLowerCase(Locale.ROOT));
        if (node == null) {
            throw new OperationException("No such master ID " + masterId);
        }
        if (!node.isMaster()) {
            throw new OperationException("Node " + masterId + " (" + node.address() + ") is a replica, not a master");
        }
        return node;
    }

    /**
     * clusterManagerNodeWithLeastReplicas: in the order redis-cli loaded the nodes (entry node first),
     * the first master whose replica count is strictly the lowest. Masters without slots count too.
     */
    static ClusterTopology.Node leastReplicas(ClusterTopology topology) {
        return leastReplicas(topology, null);
    }

    static ClusterTopology.Node leastReplicas(ClusterTopology topology, String excludedId) {
        ClusterTopology.Node best = null;
        int lowest = 0;
        for (ClusterTopology.Node node : topology.nodes()) {
            if (!node.isMaster() || node.id().equals(excludedId)) {
                continue;
            }
            int count = topology.replicasOf(node.id()).size();
            if (best == null || count < lowest) {
                best = node;
                lowest = count;
            }
        }
        if (best == null) {
            throw new OperationException("the cluster has no other master");
        }
        return best;
    }

    /**
     * Redis 7.0's add-node: the new master gets the cluster's functions. A server without FUNCTION
     * (before 7.0) is skipped; a new node that already has functions is refused.
     */
    private static void copyFunctions(ClusterTopology.Node from, NewNode to, Consumer<String> log) {
        log.accept(">>> Getting functions from cluster");
        Reply dump = from.link().send("FUNCTION", "DUMP");
        if (dump instanceof Reply.Error error) {
            log.accept(">>> Failed retrieving Functions from the cluster, skip this step as Redis version do not"
                    + " support function command (error = '" + error.message() + "')");
            return;
        }
        log.accept(">>> Send FUNCTION LIST to " + to.address() + " to verify there is no functions in it");
        Reply list = to.link().send("FUNCTION", "LIST");
        if (list instanceof Reply.Error error) {
            throw new OperationException("Failed on FUNCTION LIST on " + to.address() + " (error = '"
                    + error.message() + "')");
        }
        if (list instanceof Reply.ArrayReply array && !array.elements().isEmpty()) {
            throw new OperationException("New node already contains functions and can not be added to the cluster."
                    + " Use FUNCTION FLUSH and try again.");
        }
        log.accept(">>> Send FUNCTION RESTORE to " + to.address());
        byte[] payload = ((Reply.BulkString) dump).value();
        Reply restored = to.link().send("FUNCTION".getBytes(StandardCharsets.UTF_8),
                "RESTORE".getBytes(StandardCharsets.UTF_8), payload);
        if (restored instanceof Reply.Error error) {
            throw new OperationException("Failed loading functions to the new node (error = '" + error.message()
                    + "')");
        }
    }

    /**
     * Until every reachable node of the cluster lists the new node (out of handshake, link
     * connected, with the right master for a replica) and the new node knows them all and says
     * cluster_state:ok.
     */
    private void awaitAccepted(ClusterTopology topology, NewNode added, String masterId, Consumer<String> log) {
        log.accept(">>> Waiting for every node to accept " + added.address());
        long waited = 0;
        while (true) {
            String missing = notAcceptedBecause(topology, added, masterId);
            if (missing == null) {
                return;
            }
            if (waited >= joinTimeoutMillis) {
                throw new OperationException("the new node joined but was not accepted within " + joinTimeoutMillis / 1000
                        + " s: " + missing + " (do not move slots to it before check shows it everywhere)");
            }
            sleeper.sleep(100);
            waited += 100;
        }
    }

    private static String notAcceptedBecause(ClusterTopology topology, NewNode added, String masterId) {
        for (ClusterTopology.Node node : topology.nodes()) {
            NodeEntry seen = entries(node.link()).get(added.id());
            if (seen == null || seen.flags().contains("handshake") || seen.flags().contains("noaddr")
                    || !seen.connected()) {
                return node.address() + " does not list " + added.address() + " yet";
            }
            if (masterId != null && !masterId.equals(seen.masterId())) {
                return node.address() + " does not see " + added.address() + " as a replica yet";
            }
        }
        Map<String, NodeEntry> known = entries(added.link());
        for (ClusterTopology.Node node : topology.nodes()) {
            NodeEntry seen = known.get(node.id());
            if (seen == null || seen.flags().contains("handshake")) {
                return added.address() + " does not know " + node.address() + " yet";
            }
        }
        Reply info = added.link().send("CLUSTER", "INFO");
        if (!(info instanceof Reply.Error) && !"ok".equals(NewNode.infoField(NewNode.text(info), "cluster_state"))) {
            return added.address() + " does not say cluster_state:ok yet";
        }
        return null;
    }

    private static Map<String, NodeEntry> entries(NodeLink link) {
        Map<String, NodeEntry> byId = new HashMap<>();
        Reply reply = link.send("CLUSTER", "NODES");
        if (!(reply instanceof Reply.Error)) {
            ClusterNodesParser.parse(NewNode.text(reply)).forEach(e -> byId.put(e.id(), e));
        }
        return byId;
    }

    private static void expectOk(NewNode node, String... command) {
        Reply reply = node.link().send(command);
        if (reply instanceof Reply.Error error) {
            throw new OperationException("Node " + node.address() + " replied with error: " + error.message()
                    + " (to " + String.join(" ", command) + ")");
        }
    }
}
