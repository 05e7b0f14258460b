package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.slotscope.testsupport.Replies.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.EngineLoop;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.NodeLink;

/** What the membership operation tests share: the engine's clock as a sleeper, keys, shapes. */
final class MembershipFixtures {
    private MembershipFixtures() {
    }

    /** Waiting on the simulator runs its virtual clock instead: fast and deterministic. */
    static Sleeper engineClock(EngineLoop loop) {
        return millis -> loop.call(c -> {
            c.runFor(millis);
            return null;
        }).join();
    }

    /** SETs k0..k{n-1} through any node, following MOVED as redis-cli -c does. */
    static void loadKeys(Connector connect, String entry, int count) {
        Map<String, NodeLink> links = new LinkedHashMap<>();
        try {
            for (int i = 0; i < count; i++) {
                String at = entry;
                while (true) {
                    NodeLink link = links.computeIfAbsent(at, connect::connect);
                    Reply reply = link.send("SET", "k" + i, "v" + i);
                    if (reply instanceof Reply.Error moved && moved.message().startsWith("MOVED")) {
                        at = moved.message().split(" ")[2];
                        continue;
                    }
                    assertEquals("OK", text(reply));
                    break;
                }
            }
        } finally {
            links.values().forEach(NodeLink::close);
        }
    }

    /** Each node's CLUSTER NODES, parsed. */
    static Map<String, List<NodeEntry>> views(Connector connect, List<String> addresses) {
        Map<String, List<NodeEntry>> views = new LinkedHashMap<>();
        for (String address : addresses) {
            try (NodeLink link = connect.connect(address)) {
                views.put(address, ClusterNodesParser.parse(text(link.send("CLUSTER", "NODES"))));
            }
        }
        return views;
    }

    /** The check of `redis-cli --cluster check` from this node. */
    static ClusterCheck.Report check(Connector connect, String entry) {
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            return ClusterCheck.check(topology.views());
        }
    }

    /**
     * The cluster's shape with ids replaced by positions in {@code addresses}: per node, as it reports
     * itself, "M 0-5460" (a master and its slots) or "S 2" (a replica of the node at index 2).
     */
    static List<String> shape(Connector connect, List<String> addresses) {
        Map<String, List<NodeEntry>> views = views(connect, addresses);
        List<String> ids = new ArrayList<>();
        List<NodeEntry> selves = new ArrayList<>();
        for (List<NodeEntry> view : views.values()) {
            NodeEntry self = view.stream().filter(NodeEntry::isMyself).findFirst().orElseThrow();
            ids.add(self.id());
            selves.add(self);
        }
        List<String> shape = new ArrayList<>();
        for (NodeEntry self : selves) {
            shape.add(self.masterId() == null
                    ? "M " + org.slotscope.engine.command.cluster.ClusterNodesFormat.slotRangesText(self.slots())
                    : "S " + ids.indexOf(self.masterId()));
        }
        return shape;
    }

    /** The shape a create plan describes, in the same notation as {@link #shape}. */
    static List<String> shape(CreatePlanner.Plan plan) {
        List<String> shape = new ArrayList<>();
        for (CreatePlanner.Node node : plan.nodes()) {
            CreatePlanner.Node master = plan.replicaOf().get(node);
            if (master != null) {
                shape.add("S " + plan.nodes().indexOf(master));
            } else {
                CreatePlanner.MasterRange range = plan.masters().stream().filter(m -> m.master().equals(node))
                        .findFirst().orElseThrow();
                shape.add("M " + range.firstSlot() + "-" + range.lastSlot());
            }
        }
        return shape;
    }

    /** A shape without which master each replica follows: only how many replicas each master has. */
    static List<String> replicaCounts(List<String> shape) {
        List<String> counted = new ArrayList<>();
        for (int i = 0; i < shape.size(); i++) {
            if (shape.get(i).startsWith("M")) {
                String replicaOfThis = "S " + i;
                counted.add(shape.get(i) + " x" + shape.stream().filter(replicaOfThis::equals).count());
            }
        }
        return counted;
    }
}
