package org.slotscope.engine.command.server;

import static org.slotscope.engine.command.CommandFlag.LOADING;
import static org.slotscope.engine.command.CommandFlag.STALE;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slotscope.engine.command.Args;
import org.slotscope.engine.command.CommandContext;
import org.slotscope.engine.command.CommandSpec;
import org.slotscope.engine.command.CommandTable;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.ServerStats;

/**
 * INFO (genRedisInfoString, server.c 7.0): the sections and field names of Redis 7.0.15 in its
 * order, with values taken from the simulated node. Fields about things the simulator does not
 * have (CPU, allocator, persistence, pub/sub) are printed with the values of an idle server, so
 * tools that parse INFO find every field they expect.
 */
public final class InfoCommand {
    /** Every section, in the order Redis prints them. */
    static final List<String> ALL_SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    /** INFO with no argument, or "default": everything but commandstats and latencystats. */
    static final Set<String> DEFAULT_SECTIONS = Set.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

    /** used_memory_startup of a fresh cluster-enabled redis-server 7.0.15 (measured), the base of the estimate. */
    static final long USED_MEMORY_STARTUP = 1_600_120;
    /** Estimated bytes per key beyond its name: dictEntry, robj, sds headers and the value's own estimate. */
    static final long PER_KEY_OVERHEAD = 72;
    /** Bytes per entry of the expires dictionary. */
    static final long PER_EXPIRE_OVERHEAD = 32;

    private InfoCommand() {
    }

    static void register(CommandTable table) {
        table.register(CommandSpec.command("info", -1).flags(LOADING, STALE).group("server")
                .summary("Get information and statistics about the server").handler(InfoCommand::info));
    }

    static Reply info(CommandContext ctx, byte[][] argv) {
        Set<String> wanted = new LinkedHashSet<>();
        if (argv.length == 1) {
            wanted.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < argv.length; i++) {
            String section = Args.lower(argv[i]);
            switch (section) {
                case "all", "everything" -> wanted.addAll(ALL_SECTIONS);
                case "default" -> wanted.addAll(DEFAULT_SECTIONS);
                default -> wanted.add(section);
            }
        }
        return Reply.verbatim(generate(ctx, wanted));
    }

    /** The INFO text for the given sections, always in Redis's order, blank line between sections. */
    static String generate(CommandContext ctx, Set<String> wanted) {
        StringBuilder out = new StringBuilder();
        int printed = 0;
        for (String section : ALL_SECTIONS) {
            if (!wanted.contains(section)) {
                continue;
            }
            if (printed++ > 0) {
                out.append("\r\n");
            }
            Lines lines = new Lines(out);
            switch (section) {
                case "server" -> server(ctx, lines);
                case "clients" -> clients(ctx, lines);
                case "memory" -> memory(ctx, lines);
                case "persistence" -> persistence(ctx, lines);
                case "stats" -> stats(ctx, lines);
                case "replication" -> replication(ctx, lines);
                case "cpu" -> cpu(lines);
                case "modules" -> lines.header("Modules");
                case "commandstats" -> commandstats(ctx, lines);
                case "errorstats" -> errorstats(ctx, lines);
                case "latencystats" -> latencystats(ctx, lines);
                case "cluster" -> lines.header("Cluster").field("cluster_enabled", 1);
                case "keyspace" -> keyspace(ctx, lines);
                default -> throw new IllegalStateException(section);
            }
        }
        return out.toString();
    }

    /** "field:value\r\n" lines of one section. */
    private static final class Lines {
        private final StringBuilder out;

        Lines(StringBuilder out) {
            this.out = out;
        }

        Lines header(String title) {
            out.append("# ").append(title).append("\r\n");
            return this;
        }

        Lines field(String name, Object value) {
            out.append(name).append(':').append(value).append("\r\n");
            return this;
        }
    }

    private static void server(CommandContext ctx, Lines l) {
        ClusterNode node = ctx.node();
        long uptimeSeconds = Math.max(0, ctx.now() - node.startTime()) / 1000;
        l.header("Server")
                // 7.0.15, not SlotScope's version: redis-cli, Jedis and scripts compare redis_version.
                .field("redis_version", ServerCommands.REDIS_VERSION)
                .field("redis_git_sha1", "00000000")
                .field("redis_git_dirty", 0)
                .field("redis_build_id", "0")
                .field("redis_mode", "cluster")
                // Where a real server names its OS, the simulated node says what it is.
                .field("os", "SlotScope simulated node")
                .field("arch_bits", 64)
                .field("monotonic_clock", "SlotScope virtual clock")
                .field("multiplexing_api", "none")
                .field("atomicvar_api", "none")
                .field("gcc_version", "0.0.0")
                .field("process_id", fakeProcessId(node))
                .field("process_supervised", "no")
                .field("run_id", runId(node))
                .field("tcp_port", node.port())
                .field("server_time_usec", ServerCommands.epochMicros(ctx, ctx.now()))
                .field("uptime_in_seconds", uptimeSeconds)
                .field("uptime_in_days", uptimeSeconds / 86400)
                .field("hz", 10)
                .field("configured_hz", 10)
                .field("lru_clock", (ServerCommands.epochMicros(ctx, ctx.now()) / 1_000_000) & ((1 << 24) - 1))
                .field("executable", "")
                .field("config_file", "")
                .field("io_threads_active", 0);
    }

    /**
     * NOT a real process id: every simulated node lives in the same JVM. Scripts written for real
     * clusters read process_id and kill it, so the number is above Linux's largest possible pid
     * (pid_max is at most 2^22): such a kill fails with "No such process" instead of hitting an
     * unrelated process. It is stable per node (derived from the port).
     */
    static long fakeProcessId(ClusterNode node) {
        return (1L << 22) + node.port();
    }

    /** A stable 40-hex run_id derived from the node's seed (Redis draws it at random at start). */
    static String runId(ClusterNode node) {
        return hex40(node.runIdSeed());
    }

    static String hex40(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        StringBuilder hex = new StringBuilder(40);
        while (hex.length() < 40) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static void clients(CommandContext ctx, Lines l) {
        ClusterNode node = ctx.node();
        l.header("Clients")
                .field("connected_clients", node.clients().size())
                // One inbound and one outbound bus link per known node.
                .field("cluster_connections", 2 * (node.state().nodes().size() - 1))
                .field("maxclients", node.config().maxClients())
                .field("client_recent_max_input_buffer", 0)
                .field("client_recent_max_output_buffer", 0)
                .field("blocked_clients", 0)
                .field("tracking_clients", 0)
                .field("clients_in_timeout_table", 0);
    }

    /**
     * The simulator has no allocator, so used_memory is an estimate: the measured startup size of a
     * real 7.0 node plus, per key, its name, {@link #PER_KEY_OVERHEAD} bytes of structures, and
     * {@link #PER_EXPIRE_OVERHEAD} per key with a TTL. Values are not sized (reading them here could
     * expire keys, which INFO must not do).
     */
    static long usedMemory(Keyspace keyspace) {
        long bytes = USED_MEMORY_STARTUP;
        for (Key key : keyspace.allKeys()) {
            bytes += key.bytes().length + PER_KEY_OVERHEAD;
        }
        return bytes + keyspace.expiresCount() * PER_EXPIRE_OVERHEAD;
    }

    /** bytesToHuman (server.c). */
    static String bytesToHuman(long n) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (n < 1024) {
            return n + "B";
        }
        double value = n / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    private static void memory(CommandContext ctx, Lines l) {
        long used = usedMemory(ctx.keyspace());
        long dataset = used - USED_MEMORY_STARTUP;
        l.header("Memory")
                .field("used_memory", used)
                .field("used_memory_human", bytesToHuman(used))
                .field("used_memory_rss", used)
                .field("used_memory_rss_human", bytesToHuman(used))
                .field("used_memory_peak", used)
                .field("used_memory_peak_human", bytesToHuman(used))
                .field("used_memory_peak_perc", "100.00%")
                .field("used_memory_overhead", USED_MEMORY_STARTUP)
                .field("used_memory_startup", USED_MEMORY_STARTUP)
                .field("used_memory_dataset", dataset)
                .field("used_memory_dataset_perc",
                        String.format(Locale.ROOT, "%.2f%%", used == 0 ? 0.0 : 100.0 * dataset / used))
                .field("allocator_allocated", used)
                .field("allocator_active", used)
                .field("allocator_resident", used)
                .field("total_system_memory", 0)
                .field("total_system_memory_human", "0B")
                .field("used_memory_lua", 32768)
                .field("used_memory_vm_eval", 32768)
                .field("used_memory_lua_human", "32.00K")
                .field("used_memory_scripts_eval", 0)
                .field("number_of_cached_scripts", 0)
                .field("number_of_functions", 0)
                .field("number_of_libraries", 0)
                .field("used_memory_vm_functions", 32768)
                .field("used_memory_vm_total", 65536)
                .field("used_memory_vm_total_human", "64.00K")
                .field("used_memory_functions", 0)
                .field("used_memory_scripts", 0)
                .field("used_memory_scripts_human", "0B")
                .field("maxmemory", 0)
                .field("maxmemory_human", "0B")
                .field("maxmemory_policy", "noeviction")
                .field("allocator_frag_ratio", "1.00")
                .field("allocator_frag_bytes", 0)
                .field("allocator_rss_ratio", "1.00")
                .field("allocator_rss_bytes", 0)
                .field("rss_overhead_ratio", "1.00")
                .field("rss_overhead_bytes", 0)
                .field("mem_fragmentation_ratio", "1.00")
                .field("mem_fragmentation_bytes", 0)
                .field("mem_not_counted_for_evict", 0)
                .field("mem_replication_backlog", 0)
                .field("mem_total_replication_buffers", 0)
                .field("mem_clients_slaves", 0)
                .field("mem_clients_normal", 0)
                .field("mem_cluster_links", 0)
                .field("mem_aof_buffer", 0)
                .field("mem_allocator", "none")
                .field("active_defrag_running", 0)
                .field("lazyfree_pending_objects", 0)
                .field("lazyfreed_objects", 0);
    }

    /** No persistence in the simulator: the values of a node with save "" and appendonly no. */
    private static void persistence(CommandContext ctx, Lines l) {
        l.header("Persistence")
                .field("loading", 0)
                .field("async_loading", 0)
                .field("current_cow_peak", 0)
                .field("current_cow_size", 0)
                .field("current_cow_size_age", 0)
                .field("current_fork_perc", "0.00")
                .field("current_save_keys_processed", 0)
                .field("current_save_keys_total", 0)
                .field("rdb_changes_since_last_save", 0)
                .field("rdb_bgsave_in_progress", 0)
                .field("rdb_last_save_time", ServerCommands.epochMicros(ctx, ctx.node().startTime()) / 1_000_000)
                .field("rdb_last_bgsave_status", "ok")
                .field("rdb_last_bgsave_time_sec", -1)
                .field("rdb_current_bgsave_time_sec", -1)
                .field("rdb_saves", 0)
                .field("rdb_last_cow_size", 0)
                .field("rdb_last_load_keys_expired", 0)
                .field("rdb_last_load_keys_loaded", 0)
                .field("aof_enabled", 0)
                .field("aof_rewrite_in_progress", 0)
                .field("aof_rewrite_scheduled", 0)
                .field("aof_last_rewrite_time_sec", -1)
                .field("aof_current_rewrite_time_sec", -1)
                .field("aof_last_bgrewrite_status", "ok")
                .field("aof_rewrites", 0)
                .field("aof_rewrites_consecutive_failures", 0)
                .field("aof_last_write_status", "ok")
                .field("aof_last_cow_size", 0)
                .field("module_fork_in_progress", 0)
                .field("module_fork_last_cow_size", 0);
    }

    private static void stats(CommandContext ctx, Lines l) {
        ServerStats s = ctx.node().stats();
        l.header("Stats")
                .field("total_connections_received", s.connectionsReceived)
                .field("total_commands_processed", s.commandsProcessed)
                .field("instantaneous_ops_per_sec", 0)
                .field("total_net_input_bytes", s.netInputBytes)
                .field("total_net_output_bytes", s.netOutputBytes)
                .field("total_net_repl_input_bytes", 0)
                .field("total_net_repl_output_bytes", 0)
                .field("instantaneous_input_kbps", "0.00")
                .field("instantaneous_output_kbps", "0.00")
                .field("instantaneous_input_repl_kbps", "0.00")
                .field("instantaneous_output_repl_kbps", "0.00")
                .field("rejected_connections", 0)
                .field("sync_full", 0)
                .field("sync_partial_ok", 0)
                .field("sync_partial_err", 0)
                .field("expired_keys", ctx.keyspace().expiredKeys())
                .field("expired_stale_perc", "0.00")
                .field("expired_time_cap_reached_count", 0)
                .field("expire_cycle_cpu_milliseconds", 0)
                .field("evicted_keys", 0)
                .field("evicted_clients", 0)
                .field("total_eviction_exceeded_time", 0)
                .field("current_eviction_exceeded_time", 0)
                .field("keyspace_hits", s.keyspaceHits)
                .field("keyspace_misses", s.keyspaceMisses)
                .field("pubsub_channels", 0)
                .field("pubsub_patterns", 0)
                .field("pubsubshard_channels", 0)
                .field("latest_fork_usec", 0)
                .field("total_forks", 0)
                .field("migrate_cached_sockets", 0)
                .field("slave_expires_tracked_keys", 0)
                .field("active_defrag_hits", 0)
                .field("active_defrag_misses", 0)
                .field("active_defrag_key_hits", 0)
                .field("active_defrag_key_misses", 0)
                .field("total_active_defrag_time", 0)
                .field("current_active_defrag_time", 0)
                .field("tracking_total_keys", 0)
                .field("tracking_total_items", 0)
                .field("tracking_total_prefixes", 0)
                .field("unexpected_error_replies", 0)
                .field("total_error_replies", s.errorReplies)
                .field("dump_payload_sanitizations", 0)
                .field("total_reads_processed", s.commandsProcessed)
                .field("total_writes_processed", s.commandsProcessed)
                .field("io_threaded_reads_processed", 0)
                .field("io_threaded_writes_processed", 0)
                .field("reply_buffer_shrinks", 0)
                .field("reply_buffer_expands", 0);
    }

    private static void replication(CommandContext ctx, Lines l) {
        ClusterNode node = ctx.node();
        KnownNode myself = node.state().myself();
        long offset = myself.replOffset();
        l.header("Replication");
        if (myself.isMaster() || myself.master() == null) {
            List<KnownNode> replicas = node.state().replicasOf(myself);
            l.field("role", "master").field("connected_slaves", replicas.size());
            int index = 0;
            for (KnownNode replica : replicas) {
                l.field("slave" + index++, "ip=" + replica.ip() + ",port=" + replica.port() + ",state=online,offset="
                        + replica.replOffset() + ",lag=0");
            }
        } else {
            KnownNode master = myself.master();
            boolean syncing = node.syncingFrom() != null;
            boolean linkUp = master.linkConnected() && !master.isFailing() && !syncing;
            l.field("role", "slave")
                    .field("master_host", master.ip())
                    .field("master_port", master.port())
                    .field("master_link_status", linkUp ? "up" : "down")
                    .field("master_last_io_seconds_ago", linkUp ? 0 : -1)
                    .field("master_sync_in_progress", syncing ? 1 : 0)
                    .field("slave_read_repl_offset", offset)
                    .field("slave_repl_offset", offset)
                    .field("slave_priority", 100)
                    .field("slave_read_only", 1)
                    .field("replica_announced", 1)
                    .field("connected_slaves", 0);
        }
        l.field("master_failover_state", "no-failover")
                .field("master_replid", hex40(node.runIdSeed() ^ 0x5DEECE66DL))
                .field("master_replid2", "0000000000000000000000000000000000000000")
                .field("master_repl_offset", offset)
                .field("second_repl_offset", -1)
                .field("repl_backlog_active", offset > 0 ? 1 : 0)
                .field("repl_backlog_size", 1048576)
                .field("repl_backlog_first_byte_offset", offset > 0 ? 1 : 0)
                .field("repl_backlog_histlen", offset);
    }

    private static void cpu(Lines l) {
        l.header("CPU")
                .field("used_cpu_sys", "0.000000")
                .field("used_cpu_user", "0.000000")
                .field("used_cpu_sys_children", "0.000000")
                .field("used_cpu_user_children", "0.000000")
                .field("used_cpu_sys_main_thread", "0.000000")
                .field("used_cpu_user_main_thread", "0.000000");
    }

    /** Commands take no virtual time, so usec is 0. Sorted by name (Redis prints its dict order). */
    private static void commandstats(CommandContext ctx, Lines l) {
        ServerStats s = ctx.node().stats();
        l.header("Commandstats");
        Set<String> names = new TreeSet<>(s.callsByCommand.keySet());
        names.addAll(s.rejectedByCommand.keySet());
        names.addAll(s.failedByCommand.keySet());
        for (String name : names) {
            l.field("cmdstat_" + name, "calls=" + s.callsByCommand.getOrDefault(name, 0L)
                    + ",usec=0,usec_per_call=0.00,rejected_calls=" + s.rejectedByCommand.getOrDefault(name, 0L)
                    + ",failed_calls=" + s.failedByCommand.getOrDefault(name, 0L));
        }
    }

    private static void errorstats(CommandContext ctx, Lines l) {
        l.header("Errorstats");
        for (Map.Entry<String, Long> e : ctx.node().stats().errorsByCode.entrySet()) {
            l.field("errorstat_" + e.getKey(), "count=" + e.getValue());
        }
    }

    /**
     * Redis's latency histograms start at 1 ns, printed as 0.001 usec; a command of the simulator
     * takes no virtual time, so every percentile is that minimum.
     */
    private static void latencystats(CommandContext ctx, Lines l) {
        l.header("Latencystats");
        for (String name : ctx.node().stats().callsByCommand.keySet()) {
            l.field("latency_percentiles_usec_" + name, "p50=0.001,p99=0.001,p99.9=0.001");
        }
    }

    /** Redis omits db0 when it is empty. avg_ttl is not estimated (always 0). */
    private static void keyspace(CommandContext ctx, Lines l) {
        l.header("Keyspace");
        Keyspace keyspace = ctx.keyspace();
        if (keyspace.size() > 0) {
            l.field("db0", "keys=" + keyspace.size() + ",expires=" + keyspace.expiresCount() + ",avg_ttl=0");
        }
    }
}
