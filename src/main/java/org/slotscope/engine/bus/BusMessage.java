package org.slotscope.engine.bus;

import java.util.BitSet;
import java.util.List;
import org.slotscope.engine.node.NodeId;

/** Cluster bus messages (CLUSTERMSG_TYPE_*). PUBLISH is missing: there is no pub/sub yet. */
public sealed interface BusMessage {
    Header header();

    /** The name Redis uses in CLUSTER INFO's cluster_stats_messages_&lt;type&gt;_sent. */
    String type();

    record Ping(Header header, List<GossipEntry> gossip) implements BusMessage {
        @Override
        public String type() {
            return "ping";
        }
    }

    record Pong(Header header, List<GossipEntry> gossip) implements BusMessage {
        @Override
        public String type() {
            return "pong";
        }
    }

    record Meet(Header header, List<GossipEntry> gossip) implements BusMessage {
        @Override
        public String type() {
            return "meet";
        }
    }

    /** MFSTART (clusterSendMFStart): "pause your clients, I am taking over" (CLUSTER FAILOVER). */
    record MfStart(Header header) implements BusMessage {
        @Override
        public String type() {
            return "mfstart";
        }
    }

    /** FAILOVER_AUTH_REQUEST (clusterRequestFailoverAuth): a replica asks the masters for their vote. */
    record FailoverAuthRequest(Header header, boolean forceAck) implements BusMessage {
        @Override
        public String type() {
            return "auth-req";
        }
    }

    /** FAILOVER_AUTH_ACK (clusterSendFailoverAuth): a master's vote. */
    record FailoverAuthAck(Header header) implements BusMessage {
        @Override
        public String type() {
            return "auth-ack";
        }
    }

    /** FAIL (clusterSendFail): "{@code about} is failing", broadcast once a majority agrees. */
    record Fail(Header header, NodeId about) implements BusMessage {
        @Override
        public String type() {
            return "fail";
        }
    }

    /**
     * UPDATE (clusterSendUpdate): "node {@code node} now owns these slots with this configEpoch",
     * sent to a node whose PING claimed slots with a stale epoch.
     */
    record Update(Header header, NodeId node, long configEpoch, BitSet slots) implements BusMessage {
        public Update {
            slots = (BitSet) slots.clone();
        }

        @Override
        public BitSet slots() {
            return (BitSet) slots.clone();
        }

        @Override
        public String type() {
            return "update";
        }
    }
}
