package org.slotscope.ui.sim;

/**
 * One node as it sees itself (its own clusterState's myself record), frozen at one instant, plus how
 * the others see it.
 *
 * @param id the 40-hex node id
 * @param address host:port of the client port
 * @param role master or replica
 * @param masterId the id of the master it replicates, or null for a master
 * @param slotCount how many slots the node claims (0 for a replica)
 * @param keyCount keys in its keyspace (db 0)
 * @param configEpoch the node's configEpoch
 * @param currentEpoch the node's currentEpoch
 * @param running false once the node has been stopped
 * @param health the worst failure flag any running node holds for it (fail? = PFAIL, fail = FAIL)
 * @param frozen the node is inside a DEBUG SLEEP / SLOTSCOPE FREEZE
 * @param replOffset its replication offset
 */
public record NodeSnapshot(String id, String address, Role role, String masterId, int slotCount, long keyCount,
                           long configEpoch, long currentEpoch, boolean running, Health health, boolean frozen,
                           long replOffset) {
    public enum Role { MASTER, REPLICA }

    /** What the other nodes think of this one: Redis's fail? (PFAIL) and fail (FAIL) flags. */
    public enum Health { OK, PFAIL, FAIL }

    public NodeSnapshot(String id, String address, Role role, String masterId, int slotCount, long keyCount,
                        long configEpoch, long currentEpoch, boolean running) {
        this(id, address, role, masterId, slotCount, keyCount, configEpoch, currentEpoch, running, Health.OK, false,
                0);
    }

    public boolean isMaster() {
        return role == Role.MASTER;
    }

    /** ":7002", as the ring and the event list name a node (their labels must stay short). */
    public String port() {
        return portOf(address);
    }

    /** ":7002" for 127.0.0.1:7002; an address without a port is returned as it is. */
    public static String portOf(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        return colon < 0 ? String.valueOf(address) : address.substring(colon);
    }

    /** The first 8 characters of the id, as the UI shows a node. */
    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
