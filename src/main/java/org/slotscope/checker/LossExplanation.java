package org.slotscope.checker;

import java.util.Set;

/**
 * Something that happened in the cluster that loses acknowledged writes by design, naming the keys
 * it lost: a failover that promoted a replica which had not received the old master's last writes
 * (asynchronous replication; the engine's WritesLost), or a node whose data was thrown away (a
 * restart without persistence, a demoted master resynchronised from its new master).
 * {@code writesBefore}: only writes invoked by then can have been lost this way (the failover's
 * time, or when the node stopped or was demoted: a later write cannot have been on it).
 */
public record LossExplanation(long time, Cause cause, String node, Set<String> keys, String detail,
                              long writesBefore) {
    public enum Cause {
        /** The engine's WritesLost: the promoted replica lacked the old master's last commands. */
        FAILOVER_WINDOW,
        /** The node restarted without persistence and came back empty. */
        RESTART_WITHOUT_PERSISTENCE,
        /** A master turned replica and replaced its data with its new master's (full resync). */
        DEMOTED_MASTER_RESYNC
    }

    public boolean covers(String key, long writeInvokedAt) {
        return writeInvokedAt <= writesBefore && keys.contains(key);
    }
}
