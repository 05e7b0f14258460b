package org.slotscope.admin;

import java.util.function.Consumer;
import org.slotscope.link.Connector;

/**
 * `redis-cli --cluster check` as a library (clusterManagerCommandCheck): load the cluster from one
 * node, print each master's keys, slots and replicas, every node, then the checks with their details
 * (see {@link CheckProcedure}), and the nodes the entry node lists that were not checked and why.
 * Changes nothing.
 */
public final class ClusterCheckOperation {
    /**
     * The outcome: {@code clean} when redis-cli would find nothing and every node the entry node
     * lists as healthy could be reached.
     */
    public record Result(boolean clean, boolean checksPassed, int unreachable) {
    }

    private final Connector connect;

    public ClusterCheckOperation(Connector connect) {
        this.connect = connect;
    }

    /**
     * @param entry                host:port of any node
     * @param searchMultipleOwners --cluster-search-multiple-owners: also count keys in every slot of
     *                             every master (slow on big clusters)
     * @param out                  receives the lines as redis-cli prints them
     */
    public Result run(String entry, boolean searchMultipleOwners, Consumer<String> out) {
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            int unreachable = reportNotLoaded(topology, out);
            ManagedCluster cluster = new ManagedCluster(topology, out, ManagedCluster.MigrateSettings.DEFAULTS);
            cluster.showClusterInfo();
            boolean passed = CheckProcedure.run(cluster, searchMultipleOwners, null);
            return new Result(passed && unreachable == 0, passed, unreachable);
        }
    }

    /**
     * The nodes the entry node lists that were not loaded: an [ERR] for one that looked healthy but
     * could not be reached (redis-cli prints its connection error and goes on), a note for one flagged
     * fail, noaddr or handshake, or with its link down, which redis-cli skips silently.
     *
     * @return how many could not be reached
     */
    static int reportNotLoaded(ClusterTopology topology, Consumer<String> out) {
        int unreachable = 0;
        for (NodeEntry e : topology.notLoaded()) {
            String role = e.flags().contains("slave") ? "replica of " + e.masterId() : "master";
            String reason = topology.unreachableReason(e.id());
            if (reason != null) {
                out.accept("[ERR] Could not reach " + e.address() + " (" + e.id() + ", " + role + "): " + reason);
                unreachable++;
            } else {
                out.accept("*** Not checked: " + e.address() + " (" + e.id() + ", " + role + "), flagged "
                        + String.join(",", e.flags()) + (e.connected() ? "" : ", link disconnected")
                        + " by " + topology.nodes().get(0).address());
            }
        }
        return unreachable;
    }
}
