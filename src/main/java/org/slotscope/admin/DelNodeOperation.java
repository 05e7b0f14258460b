package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;

/**
 * `redis-cli --cluster del-node host:port node_id` as a library (clusterManagerCommandDeleteNode,
 * Redis 7.0): refuse a node that owns slots; send CLUSTER FORGET id to every other node, first
 * moving each replica of the deleted node to the master with the fewest replicas (CLUSTER
 * REPLICATE: a node cannot forget its own master); finally CLUSTER RESET SOFT on the deleted node,
 * so it forgets the cluster too and cannot gossip its way back in.
 *
 * <p>Checks redis-cli lacks, so nothing is half-done: a node the cluster lists but that cannot be
 * reached stops it (that node would not forget the deleted one); a master that owns no slot but still
 * holds keys is refused before anything is sent (RESET would refuse it after every node forgot it);
 * and the deleted node itself is never picked as the new master of its replicas (redis-cli's
 * clusterManagerNodeWithLeastReplicas may pick it when it comes first with the lowest count, and
 * the FORGET that follows then fails with "Can't forget my master!").
 */
public final class DelNodeOperation {
    /** What was done: the deleted node, and each re-pointed replica with its new master. */
    public record Result(String id, String address, List<String> movedReplicas) {
    }

    private final Connector connect;

    public DelNodeOperation(Connector connect) {
        this.connect = connect;
    }

    /**
     * @param entry  any node of the cluster, host:port
     * @param nodeId the id of the node to remove (exact, as redis-cli wants it; case does not matter)
     */
    public Result run(String entry, String nodeId, Consumer<String> log) {
        Connector.HostPort hp = Connector.parse(entry);
        log.accept(">>> Removing node " + nodeId + " from cluster " + hp.host() + ":" + hp.port());
        String id = nodeId.toLowerCase(Locale.ROOT);
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            ClusterTopology.Node node = topology.node(id);
            if (node == null) {
                for (NodeEntry listed : topology.entryView()) {
                    if (listed.id().equals(id)) {
                        throw new OperationException("Node " + nodeId + " (" + listed.address() + ", "
                                + String.join(",", listed.flags()) + ") is known to the cluster but cannot be reached:"
                                + " del-node needs to reset it");
                    }
                }
                throw new OperationException("No such node ID " + nodeId);
            }
            if (!topology.unreachable().isEmpty()) {
                // it would not forget the node, and would gossip it back to the others a minute later
                throw new OperationException("cannot reach every node of the cluster, so not every node would forget "
                        + nodeId + ": " + String.join("; ", topology.unreachable()));
            }
            if (node.self().slots().cardinality() != 0) {
                throw new OperationException("Node " + node.address() + " is not empty! Reshard data away and try again.");
            }
            if (node.isMaster()) {
                Reply size = node.link().send("DBSIZE");
                if (size instanceof Reply.IntegerReply keys && keys.value() > 0) {
                    throw new OperationException("Node " + node.address() + " owns no slot but holds " + keys.value()
                            + " keys: CLUSTER RESET would refuse it (FLUSHALL it first if they are not needed)");
                }
            }
            log.accept(">>> Sending CLUSTER FORGET messages to the cluster...");
            List<String> moved = new ArrayList<>();
            for (ClusterTopology.Node n : topology.nodes()) {
                if (n == node) {
                    continue;
                }
                if (id.equals(n.self().masterId())) {
                    ClusterTopology.Node master = AddNodeOperation.leastReplicas(topology, id);
                    log.accept(">>> " + n.address() + " as replica of " + master.address());
                    expectOk(n, "CLUSTER", "REPLICATE", master.id());
                    moved.add(n.id() + " " + master.id());
                }
                expectOk(n, "CLUSTER", "FORGET", id);
            }
            log.accept(">>> Sending CLUSTER RESET SOFT to the deleted node.");
            expectOk(node, "CLUSTER", "RESET", "SOFT");
            return new Result(node.id(), node.address(), moved);
        }
    }

    private static void expectOk(ClusterTopology.Node node, String... command) {
        Reply reply = node.link().send(command);
        if (reply instanceof Reply.Error error) {
            throw new OperationException("Node " + node.address() + " replied with error: " + error.message()
                    + " (to " + String.join(" ", command) + ")");
        }
    }
}
