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

    public void countCall(String fullName) {
        callsByCommand.merge(fullName, 1L, Long::sum);
    }
}
