package org.slotscope.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;
import org.slotscope.link.NodeLink;

/**
 * A cluster as an operation sees it when it starts, loaded the way redis-cli's
 * clusterManagerLoadInfoFromNode does: the entry node's CLUSTER NODES names the others; every one
 * not flagged fail, noaddr or disconnected is connected to and asked for its own CLUSTER NODES, which
 * gives its slots and open slots first-hand and, for check, its view of everyone. A node that
 * cannot be reached is left out and listed in {@link #unreachable()}, as redis-cli prints it and
 * carries on. Holds one link per node until closed.
 */
public final class ClusterTopology implements AutoCloseable {
    /** A reachable node: what it says about itself, its whole view, and the link to it. */
    public record Node(NodeEntry self, List<NodeEntry> view, NodeLink link) {
        public String id() {
            return self.id();
        }

        public String address() {
            return self.address();
        }

        public boolean isMaster() {
            return self.isMaster();
        }

        public ClusterMember member() {
            return new ClusterMember(self.id(), self.host(), self.port(), link);
        }
    }

    /**
     * A node the entry node listed that could not be used, the error that says why, and the message
     * as redis-cli would print it.
     */
    public record Unreachable(String id, String address, RuntimeException error, String message) {
    }

    private final Connector connector;
    private final Map<String, Node> nodes;
    private final List<Unreachable> unreachableNodes;

    private ClusterTopology(Connector connector, Map<String, Node> nodes, List<Unreachable> unreachableNodes) {
        this.connector = connector;
        this.nodes = nodes;
        this.unreachableNodes = unreachableNodes;
    }

    /** How this topology's links were opened: for operations that need more connections. */
    public Connector connector() {
        return connector;
    }

    /**
     * @throws LinkException            when the entry node cannot be reached
     * @throws IllegalArgumentException when the entry node is not in cluster mode
     */
    public static ClusterTopology load(Connector connect, String entry) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Unreachable> unreachableNodes = new ArrayList<>();
        NodeLink entryLink = connect.connect(entry);
        try {
            List<NodeEntry> entryView = clusterNodes(entryLink);
            NodeEntry entrySelf = myself(entryView, entry);
            nodes.put(entrySelf.id(), new Node(entrySelf, entryView, entryLink));
            for (NodeEntry other : entryView) {
                if (other.isMyself() || other.flags().contains("noaddr") || other.flags().contains("fail")
                        || other.flags().contains("handshake") || !other.connected()) {
                    continue;
                }
                NodeLink link;
                try {
                    link = connect.connect(other.address());
                } catch (LinkException e) {
                    unreachableNodes.add(new Unreachable(other.id(), other.address(), e, e.getMessage()));
                    continue;
                }
                try {
                    List<NodeEntry> view = clusterNodes(link);
                    NodeEntry self = myself(view, other.address());
                    nodes.put(self.id(), new Node(self, view, link));
                } catch (LinkException | IllegalArgumentException e) {
                    link.close();
                    unreachableNodes.add(new Unreachable(other.id(), other.address(), e,
                            other.address() + ": " + e.getMessage()));
                }
            }
        } catch (RuntimeException e) {
            if (nodes.isEmpty()) {
                entryLink.close();
            }
            nodes.values().forEach(n -> n.link().close());
            throw e;
        }
        return new ClusterTopology(connect, nodes, unreachableNodes);
    }

    /**
     * CLUSTER NODES of a node, parsed; a clear error for a server that is not in cluster mode, and a
     * login error (not "not a cluster node") when the server wants a password or the ACL user may not
     * run CLUSTER NODES.
     *
     * @throws LinkException            (reason AUTH) on NOAUTH, NOPERM or WRONGPASS
     * @throws IllegalArgumentException for any other error reply
     */
    public static List<NodeEntry> clusterNodes(NodeLink link) {
        Reply reply = link.send("CLUSTER", "NODES");
        if (reply instanceof Reply.Error error) {
            String message = error.message();
            if (message.startsWith("NOAUTH") || message.startsWith("NOPERM") || message.startsWith("WRONGPASS")) {
                throw new LinkException("cannot log in to " + link.address() + ": " + message, null,
                        LinkException.Reason.AUTH);
            }
            if (message.contains("cluster support disabled")) {
                throw new IllegalArgumentException(link.address() + " is not a cluster node: " + message);
            }
            throw new IllegalArgumentException(link.address() + " answered CLUSTER NODES with: " + message);
        }
        String text = Reply.text(reply);
        if (text == null) {
            throw new IllegalArgumentException(link.address() + " answered CLUSTER NODES with: " + reply);
        }
        return ClusterNodesParser.parse(text);
    }

    private static NodeEntry myself(List<NodeEntry> view, String address) {
        for (NodeEntry e : view) {
            if (e.isMyself()) {
                return e;
            }
        }
        throw new IllegalArgumentException(address + " did not list itself in CLUSTER NODES");
    }

    /** Every reachable node, the entry node first. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Reachable masters (not failing), in the entry node's order. */
    public List<Node> masters() {
        return nodes.values().stream().filter(n -> n.isMaster() && !n.self().isFailing()).toList();
    }

    /** Reachable replicas of the master with this id. */
    public List<Node> replicasOf(String masterId) {
        return nodes.values().stream().filter(n -> masterId.equals(n.self().masterId())).toList();
    }

    /** The reachable node with this id, or null. */
    public Node node(String id) {
        return nodes.get(id);
    }

    /** The reachable node with this id or a unique id prefix (redis-cli accepts neither; we help). */
    public Node find(String idOrAddress) {
        Node exact = nodes.get(idOrAddress);
        if (exact != null) {
            return exact;
        }
        for (Node n : nodes.values()) {
            if (n.address().equals(idOrAddress)) {
                return n;
            }
        }
        return null;
    }

    /** The entry node's view of the whole cluster. */
    public List<NodeEntry> entryView() {
        return nodes.values().iterator().next().view();
    }

    /** Every reachable node's view, the entry node first: the input of {@link ClusterCheck}. */
    public List<List<NodeEntry>> views() {
        return nodes.values().stream().map(Node::view).toList();
    }

    /** Messages for nodes the entry node listed but that could not be reached. */
    public List<String> unreachable() {
        return unreachableNodes.stream().map(Unreachable::message).toList();
    }

    /** The nodes of {@link #unreachable()} with the error each gave (a poller tells a timeout from a refusal). */
    public List<Unreachable> unreachableNodes() {
        return Collections.unmodifiableList(unreachableNodes);
    }

    /**
     * The nodes the entry node lists but that were not loaded, in its order: flagged fail, noaddr or
     * handshake, with a disconnected link, or unreachable (then {@link #unreachableReason} says why).
     */
    public List<NodeEntry> notLoaded() {
        return entryView().stream().filter(e -> !e.isMyself() && !nodes.containsKey(e.id())).toList();
    }

    /** Why the node with this id could not be loaded although it looked healthy, or null. */
    public String unreachableReason(String id) {
        return unreachableNodes.stream().filter(u -> u.id().equals(id)).map(Unreachable::message).findFirst()
                .orElse(null);
    }

    /**
     * redis-cli's cluster_manager.unreachable_masters: masters (by the entry node's flags) that were
     * not loaded, whatever the reason. fix refuses to reassign slots while there are any.
     */
    public int unreachableMasters() {
        return (int) notLoaded().stream().filter(e -> !e.flags().contains("slave")).count();
    }

    /** The masters as planners see them: id and slots, as each master reports itself. */
    public List<MasterSlots> masterSlots() {
        return masters().stream().map(n -> new MasterSlots(n.id(), n.self().slots())).toList();
    }

    @Override
    public void close() {
        nodes.values().forEach(n -> n.link().close());
    }
}
