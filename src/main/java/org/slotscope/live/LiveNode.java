package org.slotscope.live;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.slotscope.engine.node.NodeId;

/**
 * One node of a live cluster as the snapshot consolidates it from every reachable node's view (the
 * rules are on {@link ClusterSnapshot}).
 *
 * @param master       the master's id for a replica; null for a master (and for a replica whose
 *                     master nobody knows)
 * @param flags        CLUSTER NODES flags without "myself" (e.g. master, slave, fail?, fail, handshake)
 * @param currentEpoch the node's own cluster_current_epoch, -1 when it was not reachable
 * @param connected    the link state column: whether the entry node (or the first view that lists
 *                     this node) has its cluster bus link to it up
 * @param migrating    slot -> target of the node's own MIGRATING slots
 * @param importing    slot -> source of the node's own IMPORTING slots
 * @param keys         DBSIZE of a reachable master, -1 otherwise (replicas are not counted: they
 *                     mirror their master)
 * @param reachable    whether the node answered this poll (its own view is in the snapshot)
 */
public record LiveNode(NodeId id, String host, int port, Role role, NodeId master, Set<String> flags,
                       long configEpoch, long currentEpoch, boolean connected, BitSet slots,
                       Map<Integer, NodeId> migrating, Map<Integer, NodeId> importing, long keys,
                       boolean reachable) {
    /** A node's role as its flags say; a node in handshake has neither flag yet. */
    public enum Role {
        MASTER,
        REPLICA,
        UNKNOWN
    }

    public LiveNode {
        flags = Set.copyOf(flags);
        slots = (BitSet) slots.clone();
        migrating = Map.copyOf(migrating);
        importing = Map.copyOf(importing);
    }

    @Override
    public BitSet slots() {
        return (BitSet) slots.clone();
    }

    public String address() {
        return host + ":" + port;
    }

    public boolean isMaster() {
        return role == Role.MASTER;
    }

    /** PFAIL or FAIL in the consolidated flags. */
    public boolean isFailing() {
        return flags.contains("fail?") || flags.contains("fail");
    }

    static Role roleOf(Set<String> flags) {
        if (flags.contains("master")) {
            return Role.MASTER;
        }
        if (flags.contains("slave")) {
            return Role.REPLICA;
        }
        return Role.UNKNOWN;
    }
}
