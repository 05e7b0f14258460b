package org.slotscope.engine.node;

/** The flags CLUSTER NODES prints, with Redis's own spelling (clusterGenNodeDescription). */
public enum NodeFlag {
    MYSELF("myself"),
    MASTER("master"),
    SLAVE("slave"),
    PFAIL("fail?"),
    FAIL("fail"),
    HANDSHAKE("handshake"),
    NOADDR("noaddr"),
    NOFAILOVER("nofailover");

    private final String redisName;

    NodeFlag(String redisName) {
        this.redisName = redisName;
    }

    public String redisName() {
        return redisName;
    }
}
