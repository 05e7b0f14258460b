package org.slotscope.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.NodeLink;

/**
 * clusterManagerWaitForClusterJoin: poll every node's CLUSTER NODES once a second until all give
 * the same config signature (every master with slots, and its slots), printing a dot per wait;
 * past 20 + 15% of the node count waits, say which cluster bus links are down
 * (clusterManagerGetLinkStatus). redis-cli waits for ever; here a deadline ends the wait with an
 * error that says which links never came up.
 */
final class ClusterJoin {
    static final long POLL_MILLIS = 1000;
    private static final int CHECK_AFTER = 20;

    private ClusterJoin() {
    }

    static void await(List<NodeLink> links, Sleeper sleeper, long timeoutMillis, Consumer<String> log) {
        log.accept("Waiting for the cluster to join");
        StringBuilder dots = new StringBuilder();
        int counter = 0;
        int checkAfter = CHECK_AFTER + (int) (links.size() * 0.15f);
        long waited = 0;
        while (!isConfigConsistent(links)) {
            dots.append('.');
            if (waited >= timeoutMillis) {
                log.accept(dots.toString());
                Map<String, List<String>> status = linkStatus(links);
                throw new OperationException("the cluster did not join within " + timeoutMillis / 1000 + " s: "
                        + (status.isEmpty() ? "the nodes do not agree about the slots: " + disagreement(links)
                        : "cluster bus links still down: " + describe(status)));
            }
            sleeper.sleep(POLL_MILLIS);
            waited += POLL_MILLIS;
            if (++counter > checkAfter) {
                Map<String, List<String>> status = linkStatus(links);
                if (!status.isEmpty()) {
                    log.accept(dots.toString());
                    dots.setLength(0);
                    warnUnreachable(status, log);
                }
                counter = 0;
            }
        }
        log.accept(dots.toString());
    }

    /** clusterManagerIsConfigConsistent: every node answers and all signatures are equal. */
    static boolean isConfigConsistent(List<NodeLink> links) {
        if (links.size() <= 1) {
            return true;
        }
        String first = null;
        for (NodeLink link : links) {
            Reply reply = link.send("CLUSTER", "NODES");
            if (reply instanceof Reply.Error) {
                return false;
            }
            String signature = ClusterCheck.signature(ClusterNodesParser.parse(NewNode.text(reply)));
            if (signature.isEmpty()) {
                return false; // no node with slots yet: redis-cli's signature is NULL
            }
            if (first == null) {
                first = signature;
            } else if (!first.equals(signature)) {
                return false;
            }
        }
        return true;
    }

    /**
     * clusterManagerGetLinkStatus: for each node address (as CLUSTER NODES prints it, with the bus
     * port) that some node lists as disconnected or in handshake, the nodes that list it so.
     */
    static Map<String, List<String>> linkStatus(List<NodeLink> links) {
        Map<String, List<String>> status = new LinkedHashMap<>();
        for (NodeLink link : links) {
            Reply reply = link.send("CLUSTER", "NODES");
            if (reply instanceof Reply.Error) {
                continue;
            }
            for (String line : NewNode.text(reply).split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length < 8 || f[2].contains("myself")) {
                    continue;
                }
                boolean disconnected = f[2].contains("disconnected") || f[7].contains("disconnected");
                if (disconnected || f[2].contains("handshake")) {
                    String address = f[1].contains(",") ? f[1].substring(0, f[1].indexOf(',')) : f[1];
                    status.computeIfAbsent(address, a -> new ArrayList<>()).add(link.address());
                }
            }
        }
        return status;
    }

    private static void warnUnreachable(Map<String, List<String>> status, Consumer<String> log) {
        log.accept("Warning: " + status.size() + " node(s) may be unreachable");
        for (Map.Entry<String, List<String>> entry : status.entrySet()) {
            String address = entry.getKey();
            int at = address.lastIndexOf('@');
            if (at >= 0) {
                String hostPort = address.substring(0, at);
                log.accept(" - The port " + address.substring(at + 1) + " of node "
                        + hostPort.substring(0, hostPort.lastIndexOf(':')) + " may be unreachable from:");
            } else {
                log.accept(" - Node " + address + " may be unreachable from:");
            }
            entry.getValue().forEach(from -> log.accept("   " + from));
            log.accept("Cluster bus ports must be reachable by every node.");
            log.accept("Remember that cluster bus ports are different from standard instance ports.");
        }
    }

    /** Which nodes see other slot owners than the first node does. */
    private static String disagreement(List<NodeLink> links) {
        List<String> differing = new ArrayList<>();
        String first = null;
        for (NodeLink link : links) {
            Reply reply = link.send("CLUSTER", "NODES");
            String signature = reply instanceof Reply.Error ? "?"
                    : ClusterCheck.signature(ClusterNodesParser.parse(NewNode.text(reply)));
            if (first == null) {
                first = signature;
            } else if (!first.equals(signature)) {
                differing.add(link.address());
            }
        }
        return differing.isEmpty() ? "no node has slots yet"
                : String.join(", ", differing) + (differing.size() == 1 ? " sees" : " see") + " other slot owners than "
                + links.get(0).address();
    }

    private static String describe(Map<String, List<String>> status) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> entry : status.entrySet()) {
            sb.append(sb.length() > 0 ? "; " : "").append(entry.getKey()).append(" as seen from ")
                    .append(String.join(", ", entry.getValue()));
        }
        return sb.toString();
    }
}
