package org.slotscope.admin;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slotscope.link.NodeLink;

/**
 * redis-cli's clusterManagerNode: one loaded node as check and fix know it. The slots start as the
 * node reports them about itself and are then kept up to date by the fixes exactly where redis-cli
 * updates node->slots, because later steps (the coverage check after the open-slot fixes) decide on
 * this copy, not on a fresh CLUSTER NODES.
 */
final class ManagedNode {
    final String id;
    final String host;
    final int port;
    final NodeLink link;
    /** CLUSTER_MANAGER_FLAG_SLAVE. */
    final boolean replica;
    /** node->replicate: the master id of a replica, else null. */
    final String replicate;
    final BitSet slots;
    final Map<Integer, String> migrating;
    final Map<Integer, String> importing;
    /** The node's own flags, without "myself" (clusterManagerNodeFlagString). */
    final String flags;
    /** Its whole CLUSTER NODES, as loaded. */
    final List<NodeEntry> view;

    ManagedNode(ClusterTopology.Node node) {
        NodeEntry self = node.self();
        this.id = self.id();
        this.host = self.host();
        this.port = self.port();
        this.link = node.link();
        this.replica = self.flags().contains("slave");
        this.replicate = replica ? self.masterId() : null;
        this.slots = (BitSet) self.slots().clone();
        this.migrating = Map.copyOf(self.migrating());
        this.importing = Map.copyOf(self.importing());
        this.flags = String.join(",", self.flags().stream().filter(f -> !f.equals("myself")).toList());
        this.view = node.view();
    }

    String address() {
        return host + ":" + port;
    }

    /** Skipped wherever redis-cli tests {@code n->flags & CLUSTER_MANAGER_FLAG_SLAVE || n->replicate}. */
    boolean isMaster() {
        return !replica && replicate == null;
    }

    @Override
    public String toString() {
        return address();
    }
}
