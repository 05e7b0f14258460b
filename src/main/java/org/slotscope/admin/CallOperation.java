package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;
import org.slotscope.link.LinkException;

/**
 * `redis-cli --cluster call host:port command arg ... [--cluster-only-masters |
 * --cluster-only-replicas]` (clusterManagerCommandCall): run one command on every reachable node, in
 * the order redis-cli loads them, and print "host:port: reply" with the reply as --raw shows it, or
 * "host:port: Failed!" when the node did not answer.
 */
public final class CallOperation {
    /** Which nodes run the command. */
    public enum Only { ALL, MASTERS, REPLICAS }

    /** One node's answer; the reply is null when the node did not answer. */
    public record Answer(String address, Reply reply) {
        public String line() {
            return address + ": " + (reply == null ? "Failed!" : RawReply.format(reply));
        }
    }

    private final Connector connect;

    public CallOperation(Connector connect) {
        this.connect = connect;
    }

    public List<Answer> run(String entry, List<String> command, Only only, Consumer<String> log) {
        if (command.isEmpty()) {
            throw new OperationException("no command to call");
        }
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            topology.unreachable().forEach(u -> log.accept("[ERR] " + u));
            log.accept(">>> Calling " + String.join(" ", command));
            List<Answer> answers = new ArrayList<>();
            String[] argv = command.toArray(new String[0]);
            for (ClusterTopology.Node node : topology.nodes()) {
                boolean replica = node.self().masterId() != null;
                if ((only == Only.MASTERS && replica) || (only == Only.REPLICAS && !replica)) {
                    continue;
                }
                Reply reply;
                try {
                    reply = node.link().send(argv);
                } catch (LinkException e) {
                    reply = null;
                }
                Answer answer = new Answer(node.address(), reply);
                log.accept(answer.line());
                answers.add(answer);
            }
            return answers;
        }
    }
}
