package org.slotscope.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits, through the real redis-cli, until a cluster (simulated or real) has settled after a change:
 * the entry node lists {@code nodes} nodes, none in handshake; every one of them lists them all and says
 * cluster_state:ok; and `redis-cli --cluster check` exits 0 without [ERR] or [WARNING]. This is what the
 * shared benchmark script waits for between steps: a node just added answers CLUSTERDOWN for a while,
 * on Redis as on the simulator (pitfall 2 of the shared baseline).
 */
public final class ClusterSettle {
    private ClusterSettle() {
    }

    public static void await(RedisCli cli, int entryPort, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            String listing = cli.run("-p", String.valueOf(entryPort), "CLUSTER", "NODES");
            boolean settled = agrees(listing, nodes);
            for (String line : listing.split("\n")) {
                if (!settled) {
                    break;
                }
                String port = port(line.split(" ")[1]);
                settled = cli.run("-p", port, "CLUSTER", "INFO").contains("cluster_state:ok")
                        && agrees(cli.run("-p", port, "CLUSTER", "NODES"), nodes);
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
        fail("the cluster did not settle on " + nodes + " nodes:\n" + last);
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
