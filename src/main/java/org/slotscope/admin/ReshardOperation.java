package org.slotscope.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slotscope.link.Connector;

/**
 * `redis-cli --cluster reshard` as a library: read the topology from an entry node, plan with
 * {@link ReshardPlanner}, move with {@link MoveExecutor}: progress after every batch, pause, resume,
 * and a cancel that stops between two slots (each slot is moved whole or not started).
 */
public final class ReshardOperation {
    private final Connector connect;
    private final OperationControl control = new OperationControl();

    /** @param connect opens a link to host:port (SimLink or JedisLink) */
    public ReshardOperation(Connector connect) {
        this.connect = connect;
    }

    public OperationControl control() {
        return control;
    }

    /** Asks the running reshard to stop after the slot it is moving. */
    public void cancel() {
        control.cancel();
    }

    /**
     * @param entry host:port of any node
     * @param from  source master ids, or empty for "all" (every master with slots but the target)
     * @param to    the target master id
     */
    public MoveExecutor.Result run(String entry, List<String> from, String to, int slots, SlotMover.Options options,
                                   Consumer<MoveProgress> progress) {
        try (ClusterTopology topology = ClusterTopology.load(connect, entry)) {
            ClusterTopology.Node target = topology.node(to);
            if (target == null || !target.isMaster()) {
                throw new IllegalArgumentException("the target " + to + " is not a master of this cluster");
            }
            List<MasterSlots> sources = new ArrayList<>();
            for (MasterSlots master : topology.masterSlots()) {
                boolean wanted = from.isEmpty() ? !master.id().equals(to) && master.slotCount() > 0
                        : from.contains(master.id());
                if (wanted) {
                    sources.add(master);
                }
            }
            for (String id : from) {
                if (topology.node(id) == null || !topology.node(id).isMaster()) {
                    throw new IllegalArgumentException("the source " + id + " is not a master of this cluster");
                }
            }
            List<SlotMove> plan = ReshardPlanner.plan(sources, to, slots);
            return MoveExecutor.run(topology, plan, options, control, progress);
        }
    }
}
