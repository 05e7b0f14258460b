package org.slotscope.engine.node;

/** Counters INFO stats reports, with Redis's field names in the comments. */
public final class ServerStats {
    /** total_commands_processed */
    public long commandsProcessed;
    /** total_connections_received */
    public long connectionsReceived;
    /** keyspace_hits */
    public long keyspaceHits;
    /** keyspace_misses */
    public long keyspaceMisses;
    /** total_error_replies */
    public long errorReplies;
    /** rejected_calls (unknown command, arity, redirects) */
    public long rejectedCalls;
    /** total_net_input_bytes / total_net_output_bytes, filled by the RESP server */
    public long netInputBytes;
    public long netOutputBytes;
    /** connected_clients */
    public int connectedClients;
    /** per-command calls, by fullname: INFO commandstats */
    public final java.util.Map<String, Long> callsByCommand = new java.util.TreeMap<>();

    /** per-command failed_calls (executed, answered an error) and rejected_calls (refused before running) */
    public final java.util.Map<String, Long> failedByCommand = new java.util.TreeMap<>();
    public final java.util.Map<String, Long> rejectedByCommand = new java.util.TreeMap<>();
    /** errorstat_<CODE>:count=N, by error code ("ERR", "MOVED", ...) */
    public final java.util.Map<String, Long> errorsByCode = new java.util.TreeMap<>();

    public void countCall(String fullName) {
        callsByCommand.merge(fullName, 1L, Long::sum);
    }

    public void countFailed(String fullName) {
        failedByCommand.merge(fullName, 1L, Long::sum);
    }

    public void countRejected(String fullName) {
        rejectedByCommand.merge(fullName, 1L, Long::sum);
    }

    public void countError(String code) {
        errorsByCode.merge(code, 1L, Long::sum);
    }

    /** CONFIG RESETSTAT (resetServerStats + resetCommandTableStats + resetErrorTableStats). */
    public void reset() {
        commandsProcessed = 0;
        connectionsReceived = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        errorReplies = 0;
        rejectedCalls = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        callsByCommand.clear();
        failedByCommand.clear();
        rejectedByCommand.clear();
        errorsByCode.clear();
    }
}
