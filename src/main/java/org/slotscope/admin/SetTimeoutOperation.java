package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;

/**
 * `redis-cli --cluster set-timeout host:port milliseconds` (clusterManagerCommandSetTimeout): on every
 * reachable node, CONFIG SET cluster-node-timeout then CONFIG REWRITE; a node counts as OK only when
 * both succeed. A server started without a configuration file refuses the REWRITE: the new timeout
 * is then in effect but not saved, which redis-cli reports as an error and so does this (the line
 * says which step failed).
 */
public final class SetTimeoutOperation {
    /** One node's outcome: null error means OK. */
    public record Outcome(String address, String error) {
    }

    private final Connector connect;

    public SetTimeoutOperation(Connector connect) {
        this.connect = connect;
    }

    public List<Outcome> run(String entry, long timeoutMillis, Consumer<String> log) {
        if (timeoutMillis < 100) {
            throw new OperationException("Setting a node timeout of less than 100 milliseconds is a bad idea.");
        }
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            topology.unreachable().forEach(u -> log.accept("[ERR] " + u));
            log.accept(">>> Reconfiguring node timeout in every cluster node...");
            List<Outcome> outcomes = new ArrayList<>();
            int ok = 0;
            for (ClusterTopology.Node node : topology.nodes()) {
                String error = step(node, "CONFIG", "SET", "cluster-node-timeout", Long.toString(timeoutMillis));
                if (error == null) {
                    error = step(node, "CONFIG", "REWRITE");
                    if (error != null) {
                        error += " (CONFIG REWRITE; the new timeout is in effect until the node restarts)";
                    }
                }
                if (error == null) {
                    log.accept("*** New timeout set for " + node.address());
                    ok++;
                } else {
                    log.accept("ERR setting node-timeout for " + node.address() + ": " + error);
                }
                outcomes.add(new Outcome(node.address(), error));
            }
            log.accept(">>> New node timeout set. " + ok + " OK, " + (outcomes.size() - ok) + " ERR.");
            return outcomes;
        }
    }

    private static String step(ClusterTopology.Node node, String... command) {
        try {
            Reply reply = node.link().send(command);
            return reply instanceof Reply.Error error ? error.message() : null;
        } catch (LinkException e) {
            return e.getMessage();
        }
    }
}
