package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slotscope.admin.ClusterNodesParser;
import org.slotscope.admin.NodeEntry;

/**
 * Waits, through the real redis-cli, until a cluster (simulated or real) has settled after a change:
 * the entry node lists {@code nodes} nodes, none in handshake; every one of them lists them all, says
 * cluster_state:ok and gives every node the configEpoch the entry node gives it; and `redis-cli
 * --cluster check` exits 0 without [ERR] or [WARNING]. This is what the shared benchmark script waits
 * for between steps: a node just added answers CLUSTERDOWN for a while, on Redis as on the simulator
 * (pitfall 2 of the shared baseline).
 *
 * <p>The epochs matter for the next reshard. `CLUSTER SETSLOT <slot> NODE <myself>` on the importing
 * node bumps its configEpoch only when, in its own view, it does not already hold the greatest one
 * (clusterBumpConfigEpochWithoutConsensus). An importer that has not yet heard of an epoch bumped
 * elsewhere (`--cluster fix` ends with CLUSTER BUMPEPOCH) keeps its old one, and a claim or an UPDATE
 * carrying the greater epoch gives the slot back to the source, for good once the source stops
 * claiming it (ClusterBusTest and EpochRaceIT show it). Real Redis 7.0 and `serve` both ended
 * `rebalance --cluster-weight <new>=0` that way, rarely, before this wait.
 */
public final class ClusterSettle {
    private ClusterSettle() {
    }

    public static void await(RedisCli cli, int entryPort, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        String listing = "";
        while (System.nanoTime() < deadline) {
            listing = cli.run("-p", String.valueOf(entryPort), "CLUSTER", "NODES");
            boolean settled = agrees(listing, nodes);
            Map<String, Long> epochs = configEpochs(listing);
            for (NodeEntry node : nodeLines(listing)) {
                if (!settled) {
                    break;
                }
                String port = String.valueOf(node.port());
                String there = cli.run("-p", port, "CLUSTER", "NODES");
                settled = cli.run("-p", port, "CLUSTER", "INFO").contains("cluster_state:ok")
                        && agrees(there, nodes) && configEpochs(there).equals(epochs);
            }
            if (settled) {
                RedisCli.Run check = cli.exec(List.of("--cluster", "check", "127.0.0.1:" + entryPort), "");
                if (check.exit() == 0 && !check.printed().contains("[ERR]") && !check.printed().contains("[WARNING]")) {
                    return;
                }
                last = check.printed();
            } else {
                last = listing;
            }
            Thread.sleep(100);
        }
        // every node's own view, so that a cluster that never settles shows who disagrees with whom
        StringBuilder views = new StringBuilder();
        for (NodeEntry node : nodeLines(listing)) {
            String port = String.valueOf(node.port());
            views.append("\n--- CLUSTER NODES at ").append(port).append(":\n")
                    .append(cli.run("-p", port, "CLUSTER", "NODES"));
        }
        fail("the cluster did not settle on " + nodes + " nodes:\n" + last + views);
    }

    /** Node id to the config epoch of its CLUSTER NODES line (a replica's is its master's). */
    private static Map<String, Long> configEpochs(String listing) {
        Map<String, Long> epochs = new HashMap<>();
        for (NodeEntry node : nodeLines(listing)) {
            epochs.put(node.id(), node.configEpoch());
        }
        return epochs;
    }

    /** The node lines of what redis-cli printed for CLUSTER NODES; anything else (an error) is skipped. */
    private static List<NodeEntry> nodeLines(String listing) {
        return ClusterNodesParser.parse(listing.lines().filter(l -> l.strip().split(" ").length >= 8)
                .collect(Collectors.joining("\n")));
    }

    private static boolean agrees(String listing, int nodes) {
        return listing.lines().count() == nodes
                && listing.lines().noneMatch(l -> l.contains("handshake") || l.contains("noaddr") || l.contains("fail"));
    }

    /** "127.0.0.1:7000@17000" -> "7000". */
    public static String port(String address) {
        int at = address.indexOf('@');
        return address.substring(address.lastIndexOf(':') + 1, at < 0 ? address.length() : at);
    }
}
