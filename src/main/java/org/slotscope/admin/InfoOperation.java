package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slotscope.engine.command.Reply;
import org.slotscope.link.Connector;

/**
 * `redis-cli --cluster info host:port` (clusterManagerShowClusterInfo): for each reachable master,
 * in the order redis-cli loads them, its keys (DBSIZE), slots and replicas; then the total keys and
 * the average keys per slot (the total over 16384, printed with two decimals).
 */
public final class InfoOperation {
    /** One master's line. */
    public record MasterInfo(String address, String id, long keys, int slots, int replicas) {
        public String line() {
            return address + " (" + id.substring(0, Math.min(8, id.length())) + "...) -> " + keys + " keys | " + slots
                    + " slots | " + replicas + " slaves.";
        }
    }

    /** The whole report. */
    public record Info(List<MasterInfo> masters, long keys) {
        public float keysPerSlot() {
            return keys / 16384f;
        }
    }

    private final Connector connect;

    public InfoOperation(Connector connect) {
        this.connect = connect;
    }

    public Info run(String entry, Consumer<String> log) {
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            topology.unreachable().forEach(u -> log.accept("[ERR] " + u));
            List<MasterInfo> masters = new ArrayList<>();
            long keys = 0;
            for (ClusterTopology.Node node : topology.nodes()) {
                if (!node.isMaster()) {
                    continue;
                }
                Reply size = node.link().send("DBSIZE");
                if (!(size instanceof Reply.IntegerReply count)) {
                    throw new OperationException("Node " + node.address() + " replied with error: "
                            + (size instanceof Reply.Error error ? error.message() : String.valueOf(size)));
                }
                MasterInfo info = new MasterInfo(node.address(), node.id(), count.value(),
                        node.self().slots().cardinality(), topology.replicasOf(node.id()).size());
                log.accept(info.line());
                masters.add(info);
                keys += count.value();
            }
            Info info = new Info(masters, keys);
            log.accept("[OK] " + keys + " keys in " + masters.size() + " masters.");
            log.accept(String.format(Locale.ROOT, "%.2f keys per slot on average.", info.keysPerSlot()));
            return info;
        }
    }
}
