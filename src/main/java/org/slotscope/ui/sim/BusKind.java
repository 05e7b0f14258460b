package org.slotscope.ui.sim;

/**
 * The cluster bus messages the window can show, in three groups with a toggle each (all off by
 * default, so the picture is not noise): the heartbeat gossip, FAIL broadcasts, and what a failover
 * sends. Grouped by the engine's message types (cluster_legacy.c's CLUSTERMSG_TYPE_*).
 */
public enum BusKind {
    /**
     * PING, PONG, MEET: once a second a node pings the one with the oldest PONG of five random nodes,
     * and any node it has not heard from for half the node timeout (clusterCron); gossip rides on them.
     */
    GOSSIP,
    /** FAIL: a node that marked another FAIL tells everyone (clusterSendFail). */
    FAIL,
    /**
     * FAILOVER_AUTH_REQUEST and FAILOVER_AUTH_ACK (a replica's election and the masters' votes),
     * MFSTART (a manual failover's handshake) and UPDATE (a stale node told who owns its slots now).
     */
    FAILOVER;

    /** The group of a bus message type as the engine names it ("ping", "auth-req" ...). */
    public static BusKind of(String type) {
        return switch (type) {
            case "fail" -> FAIL;
            case "auth-req", "auth-ack", "mfstart", "update" -> FAILOVER;
            default -> GOSSIP;
        };
    }
}
