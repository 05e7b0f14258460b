package org.slotscope.engine.command.cluster;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.node.NodeFlag;
import org.slotscope.engine.slot.HashSlot;

/**
 * The read-only views of a node's clusterState, in Redis 7.0's exact formats (cluster.c):
 * CLUSTER NODES (clusterGenNodesDescription), CLUSTER INFO, CLUSTER SLOTS
 * (clusterReplyMultiBulkSlots), CLUSTER SHARDS (clusterReplyShards) and CLUSTER LINKS
 * (addReplyClusterLinksDescription). redis-cli --cluster and Jedis parse these, so every byte counts.
 */
public final class ClusterNodesFormat {
    /**
     * clusterGetMessageTypeString in type-number order (CLUSTERMSG_TYPE_PING = 0 ... PUBLISHSHARD = 10):
     * CLUSTER INFO lists the per-type counters in this order, not alphabetically.
     */
    static final List<String> MESSAGE_TYPES = List.of("ping", "pong", "meet", "fail", "publish", "auth-req",
            "auth-ack", "update", "mfstart", "module", "publishshard");

    private ClusterNodesFormat() {
    }

    // ---- CLUSTER NODES ------------------------------------------------------------------------

    /** clusterGenNodesDescription: one line per known node, each ending in "\n". */
    public static String clusterGenNodesDescription(ClusterState state) {
        StringBuilder out = new StringBuilder();
        for (KnownNode node : state.nodes()) {
            out.append(clusterGenNodeDescription(state, node)).append('\n');
        }
        return out.toString();
    }

    /**
     * clusterGenNodeDescription: {@code <id> <ip>:<port>@<cport> <flags> <master|-> <ping-sent>
     * <pong-recv> <config-epoch> <link-state> <slot ranges...>}. A replica prints its master's
     * configEpoch; only the myself line shows the open slots, as [slot->-target] / [slot-<-source].
     */
    public static String clusterGenNodeDescription(ClusterState state, KnownNode node) {
        StringBuilder ci = new StringBuilder(128);
        ci.append(node.id().value()).append(' ')
                .append(node.ip()).append(':').append(node.port()).append('@').append(node.busPort()).append(' ');
        ci.append(representClusterNodeFlags(node));
        ci.append(' ').append(node.master() != null ? node.master().id().value() : "-");
        long nodeEpoch = node.configEpoch();
        if (node.isReplica() && node.master() != null) {
            nodeEpoch = node.master().configEpoch();
        }
        boolean myself = node.has(NodeFlag.MYSELF);
        ci.append(' ').append(state.toUnixMillis(node.pingSent()))
                .append(' ').append(state.toUnixMillis(node.pongReceived()))
                .append(' ').append(Long.toUnsignedString(nodeEpoch))
                .append(' ').append(node.linkConnected() || myself ? "connected" : "disconnected");
        if (!node.slots().isEmpty()) {
            ci.append(' ').append(slotRangesText(node.slots()));
        }
        if (myself) {
            for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
                KnownNode to = state.migratingSlotsTo(slot);
                KnownNode from = state.importingSlotsFrom(slot);
                if (to != null) {
                    ci.append(" [").append(slot).append("->-").append(to.id().value()).append(']');
                } else if (from != null) {
                    ci.append(" [").append(slot).append("-<-").append(from.id().value()).append(']');
                }
            }
        }
        return ci.toString();
    }

    /** representClusterNodeFlags: the flags in Redis's table order, comma separated, or "noflags". */
    static String representClusterNodeFlags(KnownNode node) {
        StringBuilder flags = new StringBuilder();
        for (NodeFlag flag : NodeFlag.values()) { // the enum follows redisNodeFlagsTable's order
            if (node.has(flag)) {
                if (flags.length() > 0) {
                    flags.append(',');
                }
                flags.append(flag.redisName());
            }
        }
        return flags.length() == 0 ? "noflags" : flags.toString();
    }

    /**
     * The slot ranges as a CLUSTER NODES line writes them: "0-5460", or "0-100 200 300-400"
     * (a single slot without a dash); empty when there are none.
     */
    public static String slotRangesText(BitSet slots) {
        StringBuilder text = new StringBuilder();
        for (int[] range : slotRanges(slots)) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(range[0]);
            if (range[1] != range[0]) {
                text.append('-').append(range[1]);
            }
        }
        return text.toString();
    }

    /** Contiguous runs of set bits as [first, last] pairs (clusterGenNodesSlotsInfo). */
    static List<int[]> slotRanges(BitSet slots) {
        List<int[]> ranges = new ArrayList<>();
        int start = slots.nextSetBit(0);
        while (start >= 0) {
            int end = slots.nextClearBit(start) - 1;
            ranges.add(new int[] {start, end});
            start = slots.nextSetBit(end + 1);
        }
        return ranges;
    }

    // ---- CLUSTER INFO -------------------------------------------------------------------------

    /** CLUSTER INFO (clusterCommand "info" in 7.0): fields in 7.0's order, "\r\n" line endings. */
    public static String clusterInfo(ClusterState state) {
        int assigned = 0;
        int ok = 0;
        int pfail = 0;
        int fail = 0;
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            KnownNode owner = state.slotOwner(slot);
            if (owner == null) {
                continue;
            }
            assigned++;
            if (owner.isFailing()) {
                fail++;
            } else if (owner.has(NodeFlag.PFAIL)) {
                pfail++;
            } else {
                ok++;
            }
        }
        KnownNode myself = state.myself();
        long myEpoch = myself.isReplica() && myself.master() != null
                ? myself.master().configEpoch() : myself.configEpoch();
        StringBuilder info = new StringBuilder(512);
        line(info, "cluster_state", state.isOk() ? "ok" : "fail");
        line(info, "cluster_slots_assigned", assigned);
        line(info, "cluster_slots_ok", ok);
        line(info, "cluster_slots_pfail", pfail);
        line(info, "cluster_slots_fail", fail);
        line(info, "cluster_known_nodes", state.nodes().size());
        line(info, "cluster_size", clusterSize(state));
        line(info, "cluster_current_epoch", Long.toUnsignedString(state.currentEpoch()));
        line(info, "cluster_my_epoch", Long.toUnsignedString(myEpoch));
        messageStats(info, state.messagesSent(), "sent");
        messageStats(info, state.messagesReceived(), "received");
        // the simulator never caps a link's send buffer (cluster-link-sendbuf-limit), so never exceeded
        line(info, "total_cluster_links_buffer_limit_exceeded", 0);
        return info.toString();
    }

    /** server.cluster->size as clusterUpdateState computes it: masters serving at least one slot. */
    static int clusterSize(ClusterState state) {
        int size = 0;
        for (KnownNode node : state.nodes()) {
            if (node.isMaster() && node.slotCount() > 0) {
                size++;
            }
        }
        return size;
    }

    /** Only types with a non-zero counter get a line; the total line is always there. */
    private static void messageStats(StringBuilder info, Map<String, Long> counters, String direction) {
        long total = 0;
        List<String> order = new ArrayList<>(MESSAGE_TYPES);
        for (String type : counters.keySet()) {
            if (!order.contains(type)) {
                order.add(type); // a type Redis 7.0 does not have: after the known ones
            }
        }
        for (String type : order) {
            long count = counters.getOrDefault(type, 0L);
            if (count == 0) {
                continue;
            }
            total += count;
            line(info, "cluster_stats_messages_" + type + "_" + direction, count);
        }
        line(info, "cluster_stats_messages_" + direction, total);
    }

    private static void line(StringBuilder info, String field, Object value) {
        info.append(field).append(':').append(value).append("\r\n");
    }

    // ---- CLUSTER SLOTS ------------------------------------------------------------------------

    /**
     * clusterReplyMultiBulkSlots: one entry per run of consecutive slots with the same owner, in slot
     * order: start, end, the master, then its available replicas.
     */
    public static Reply clusterReplyMultiBulkSlots(ClusterState state) {
        List<Reply> entries = new ArrayList<>();
        KnownNode owner = null;
        int start = -1;
        for (int slot = 0; slot <= HashSlot.SLOTS; slot++) {
            KnownNode current = slot < HashSlot.SLOTS ? state.slotOwner(slot) : null;
            if (owner != null && (slot == HashSlot.SLOTS || current != owner)) {
                entries.add(addNodeReplyForClusterSlot(state, owner, start, slot - 1));
                owner = null;
            }
            if (owner == null && current != null) {
                owner = current;
                start = slot;
            }
        }
        return Reply.array(entries);
    }

    private static Reply addNodeReplyForClusterSlot(ClusterState state, KnownNode node, int startSlot,
                                                    int endSlot) {
        List<Reply> entry = new ArrayList<>();
        entry.add(Reply.integer(startSlot));
        entry.add(Reply.integer(endSlot));
        entry.add(addNodeToNodeReply(node));
        for (KnownNode replica : state.replicasOf(node)) {
            if (isReplicaAvailable(replica)) {
                entry.add(addNodeToNodeReply(replica));
            }
        }
        return Reply.array(entry);
    }

    /**
     * isReplicaAvailable: Redis leaves out failed replicas and those whose replication offset is
     * still 0 (initial sync not finished). The simulator's offsets count writes only (not Redis's
     * periodic PINGs), so every replica of an idle master would read 0: only the FAIL flag applies.
     */
    private static boolean isReplicaAvailable(KnownNode replica) {
        return !replica.isFailing();
    }

    /**
     * addNodeToNodeReply with cluster-preferred-endpoint-type ip (the default): ip, port, id, and a
     * map of the other networking metadata, empty because the simulator has no hostnames.
     */
    private static Reply addNodeToNodeReply(KnownNode node) {
        return Reply.array(Reply.bulk(node.ip()), Reply.integer(node.port()), Reply.bulk(node.id().value()),
                Reply.map(List.of()));
    }

    // ---- CLUSTER SHARDS -----------------------------------------------------------------------

    /** clusterReplyShards: one shard per known master, in the view's node order, with or without slots. */
    public static Reply clusterReplyShards(ClusterState state) {
        List<Reply> shards = new ArrayList<>();
        for (KnownNode node : state.nodes()) {
            if (!node.isMaster()) {
                continue;
            }
            List<Reply> slots = new ArrayList<>();
            for (int[] range : slotRanges(node.slots())) {
                slots.add(Reply.integer(range[0]));
                slots.add(Reply.integer(range[1]));
            }
            List<Reply> members = new ArrayList<>();
            members.add(addNodeDetailsToShardReply(node)); // clusterGetNodesServingMySlots: master first
            for (KnownNode replica : state.replicasOf(node)) {
                members.add(addNodeDetailsToShardReply(replica));
            }
            shards.add(Reply.map(List.of(Reply.bulk("slots"), Reply.array(slots),
                    Reply.bulk("nodes"), Reply.array(members))));
        }
        return Reply.array(shards);
    }

    /**
     * addNodeDetailsToShardReply (no TLS, no hostname): id, port, ip, endpoint, role,
     * replication-offset, health. Health is "fail" for a FAIL node, else "online": Redis says
     * "loading" for a replica whose offset is 0, which the simulator's synchronous resync never leaves.
     */
    private static Reply addNodeDetailsToShardReply(KnownNode node) {
        List<Reply> kv = new ArrayList<>();
        kv.add(Reply.bulk("id"));
        kv.add(Reply.bulk(node.id().value()));
        kv.add(Reply.bulk("port"));
        kv.add(Reply.integer(node.port()));
        kv.add(Reply.bulk("ip"));
        kv.add(Reply.bulk(node.ip()));
        kv.add(Reply.bulk("endpoint"));
        kv.add(Reply.bulk(node.ip()));
        kv.add(Reply.bulk("role"));
        kv.add(Reply.bulk(node.isReplica() ? "replica" : "master"));
        kv.add(Reply.bulk("replication-offset"));
        kv.add(Reply.integer(node.replOffset()));
        kv.add(Reply.bulk("health"));
        kv.add(Reply.bulk(node.isFailing() ? "fail" : "online"));
        return Reply.map(kv);
    }

    // ---- CLUSTER LINKS ------------------------------------------------------------------------

    /**
     * addReplyClusterLinksDescription: for each known node with a live bus connection, its outbound
     * link ("to") then its inbound link ("from"). The simulated bus has no socket buffers, so the
     * send buffer is always empty and the only event handler is the read handler ("r"), as on an
     * idle real link.
     */
    public static Reply clusterLinks(ClusterState state) {
        List<Reply> links = new ArrayList<>();
        for (KnownNode node : state.nodes()) {
            if (node.has(NodeFlag.MYSELF) || !node.linkConnected()) {
                continue;
            }
            links.add(linkDescription("to", node));
            links.add(linkDescription("from", node));
        }
        return Reply.array(links);
    }

    private static Reply linkDescription(String direction, KnownNode node) {
        return Reply.map(List.of(
                Reply.bulk("direction"), Reply.bulk(direction),
                Reply.bulk("node"), Reply.bulk(node.id().value()),
                Reply.bulk("create-time"), Reply.integer(node.linkCreateTime()),
                Reply.bulk("events"), Reply.bulk("r"),
                Reply.bulk("send-buffer-allocated"), Reply.integer(0),
                Reply.bulk("send-buffer-used"), Reply.integer(0)));
    }
}
