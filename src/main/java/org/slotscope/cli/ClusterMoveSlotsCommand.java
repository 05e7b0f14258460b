package org.slotscope.cli;

import java.util.BitSet;
import java.util.concurrent.Callable;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.admin.SlotRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster move-slots host:port --slots 0-99,5000 --to id`: move chosen slots, which redis-cli cannot. */
@Command(name = "move-slots", mixinStandardHelpOptions = true,
        description = "Move the chosen slots (and their keys) to one master, from whichever masters own them.")
final class ClusterMoveSlotsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--slots", required = true, paramLabel = "LIST",
            description = "Slots and ranges, e.g. 5000 or 0-99,5000,6000-6010.")
    String slots;

    @Option(names = "--to", required = true, paramLabel = "ID", description = "The target master id.")
    String to;

    @Mixin
    MoveOptions move;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BitSet chosen;
        try {
            chosen = SlotRanges.parse(slots);
        } catch (IllegalArgumentException e) {
            return OperationOutput.error(spec, e) + 1;
        }
        return move.execute(spec, entry, SlotRangePlanner.forTopology(chosen, to));
    }
}
