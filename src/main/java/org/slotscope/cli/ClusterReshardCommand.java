package org.slotscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.ReshardOperation;
import org.slotscope.admin.SlotMoveException;
import org.slotscope.admin.SlotMover;
import org.slotscope.link.LinkException;
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

    @Option(names = "--yes", description = "Do not ask for confirmation (this tool never asks).")
    boolean yes;

    @Option(names = "--pipeline", defaultValue = "10", description = "Keys per MIGRATE (default: 10).")
    int pipeline;

    @Option(names = "--timeout", defaultValue = "60000", description = "MIGRATE timeout, ms (default: 60000).")
    int timeout;

    @Option(names = "--replace", description = "Overwrite keys that already exist on the target.")
    boolean replace;

    @Mixin
    LinkOptions link;

    @Override
    public Integer call() {
        List<String> sources = from.equalsIgnoreCase("all") ? List.of() : new ArrayList<>(List.of(from.split(",")));
        ReshardOperation reshard = new ReshardOperation(link.connector(timeout));
        Runtime.getRuntime().addShutdownHook(new Thread(reshard::cancel)); // Ctrl-C ends between two slots
        ProgressBar bar = new ProgressBar(System.out);
        try {
            MoveExecutor.Result result = reshard.run(entry, sources, to, slots,
                    new SlotMover.Options(pipeline, timeout, replace), bar::update);
            bar.finish();
            System.out.println((result.cancelled() ? "Stopped after " : "Moved ") + result.slotsMoved()
                    + " slots and " + result.keysMoved() + " keys.");
            return result.cancelled() ? 1 : 0;
        } catch (LinkException | IllegalArgumentException | IllegalStateException e) {
            bar.finish();
            System.err.println("[ERR] " + e.getMessage());
            return 1;
        } catch (SlotMoveException e) {
            bar.finish();
            System.err.println("[ERR] " + e.getMessage());
            System.err.println("The slot may be left open: `cluster fix` closes it.");
            return 1;
        }
    }
}
