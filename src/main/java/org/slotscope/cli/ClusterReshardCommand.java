package org.slotscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.slotscope.admin.ReshardPlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster reshard host:port --from ... --to ... --slots N`: redis-cli --cluster reshard. */
@Command(name = "reshard", mixinStandardHelpOptions = true,
        description = "Move slots (and their keys) from some masters to one, like redis-cli --cluster reshard.")
final class ClusterReshardCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--from", required = true, paramLabel = "IDS",
            description = "Source master ids, comma separated, or 'all'.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ID", description = "The target master id.")
    String to;

    @Option(names = "--slots", required = true, paramLabel = "N", description = "How many slots to move.")
    int slots;

    @Mixin
    MoveOptions move;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> sources = from.equalsIgnoreCase("all") ? List.of() : List.of(from.split(","));
        return move.execute(spec, entry, ReshardPlanner.forTopology(sources, to, slots));
    }
}
