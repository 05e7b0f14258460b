package org.slotscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slotscope.admin.ClusterTopology;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.MasterSlots;
import org.slotscope.admin.RebalancePlanner;
import org.slotscope.admin.SlotMove;
import org.slotscope.link.LinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster rebalance host:port [--weight id=w ...] [--use-empty-masters] [--threshold t] [--simulate]`. */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Even out the slots across masters by weight, like redis-cli --cluster rebalance.")
final class ClusterRebalanceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--weight", paramLabel = "ID=W", description = "A master's weight (the id may be abbreviated).")
    List<String> weights = new ArrayList<>();

    @Option(names = "--use-empty-masters", description = "Give slots to masters that have none.")
    boolean useEmptyMasters;

    @Option(names = "--threshold", defaultValue = "2", paramLabel = "PERCENT",
            description = "Do nothing unless a master is off its share by more than this (default: 2;"
                    + " 0, as in redis-cli, turns the check off and nothing moves).")
    float threshold;

    @Option(names = "--simulate", description = "Print what would move, move nothing.")
    boolean simulate;

    @Mixin
    MoveOptions move;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(threshold >= 0)) {
            spec.commandLine().getErr().println("[ERR] --threshold must be a percentage of 0 or more: " + threshold);
            return 2;
        }
        MoveOperation.Plan plan = topology -> {
            List<MasterSlots> involved = RebalancePlanner.involved(topology, useEmptyMasters);
            Map<String, Double> resolved = RebalancePlanner.weights(topology, weights);
            List<RebalancePlanner.Transfer> transfers = RebalancePlanner.plan(involved, resolved, threshold);
            if (transfers.isEmpty()) {
                spec.commandLine().getOut().printf("*** No rebalancing needed! All nodes are within the %.2f%% threshold.%n",
                        threshold);
                return List.of();
            }
            double total = involved.stream().mapToDouble(m -> resolved.getOrDefault(m.id(), 1.0)).sum();
            spec.commandLine().getOut().printf(">>> Rebalancing across %d nodes. Total weight = %.2f%n", involved.size(), total);
            List<SlotMove> all = new ArrayList<>();
            for (RebalancePlanner.Transfer t : transfers) {
                spec.commandLine().getOut().println("Moving " + t.moves().size() + " slots from " + address(topology, t.source())
                        + " to " + address(topology, t.target()));
                all.addAll(t.moves());
            }
            return simulate ? List.of() : all;
        };
        if (simulate) {
            try (ClusterTopology topology = ClusterTopology.load(move.link.connector(), entry)) {
                plan.plan(topology);
                return 0;
            } catch (LinkException | IllegalArgumentException e) {
                return OperationOutput.error(spec, e);
            }
        }
        return move.execute(spec, entry, plan);
    }

    private static String address(ClusterTopology topology, String id) {
        return topology.node(id).address();
    }
}
