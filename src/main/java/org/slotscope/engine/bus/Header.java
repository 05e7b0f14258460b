package org.slotscope.engine.bus;

import java.util.BitSet;
import org.slotscope.engine.node.NodeId;

/**
 * The header every cluster bus message carries (clusterMsg in cluster.h): who sends it, its role,
 * the epochs and the slots it claims, its replication offset, and whether it paused its clients for
 * a manual failover (CLUSTERMSG_FLAG0_PAUSED). A replica sends its master's slots and configEpoch, as
 * clusterBuildMessageHdr does, so everyone learns the shard's configuration from any member.
 */
public record Header(NodeId sender, String ip, int port, int busPort, NodeId master, long currentEpoch,
                     long configEpoch, long replOffset, BitSet slots, boolean paused,
                     boolean noFailover) {
    /** {@code slots} must not change afterwards: the bus passes a snapshot shared by many messages. */
    public Header {
    }

    public boolean senderIsMaster() {
        return master == null;
    }

    @Override
    public BitSet slots() {
        return (BitSet) slots.clone();
    }

    /** The slots without copying, for read-only use inside the bus. */
    BitSet slotsView() {
        return slots;
    }
}
