package org.slotscope.cli;

import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.SlotMoveException;
import org.slotscope.admin.SlotMover;
import org.slotscope.link.LinkException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of every slot-moving command (reshard, rebalance, move-slots), redis-cli's names without
 * "--cluster-", plus {@code --batch}; and the one way these commands run, report and fail.
 */
final class MoveOptions {
    @Option(names = "--yes", description = "Do not ask for confirmation (this tool never asks).")
    boolean yes;

    @Option(names = "--pipeline", defaultValue = "10", description = "Keys per MIGRATE (default: 10).")
    int pipeline;

    @Option(names = "--timeout", defaultValue = "60000", description = "MIGRATE timeout, ms (default: 60000).")
    int timeout;

    @Option(names = "--replace", description = "Overwrite keys that already exist on the target.")
    boolean replace;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "SLOTS",
            description = "Slots of one source and target moved per round trip (default: 64); "
                    + "1 moves slot by slot with exactly redis-cli's commands.")
    int batch;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N",
            description = "Source and target pairs that move at the same time, each on its own connections "
                    + "(default: 4); 1 moves one pair after the other, as redis-cli.")
    int parallel;

    @Mixin
    LinkOptions link;

    SlotMover.Options slotMoverOptions() {
        return new SlotMover.Options(pipeline, timeout, replace, batch, parallel);
    }

    MoveOperation operation() {
        return new MoveOperation(link.connector(timeout));
    }

    /** Runs the plan with a progress bar; Ctrl-C stops it between two batches. Returns the exit code. */
    int execute(CommandLine.Model.CommandSpec spec, String entry, MoveOperation.Plan plan) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        MoveOperation operation = operation();
        ProgressBar bar = new ProgressBar(out);
        try (StopOnCtrlC stop = new StopOnCtrlC(operation::cancel)) {
            MoveExecutor.Result result = operation.run(entry, plan, slotMoverOptions(), bar::update);
            bar.finish();
            out.println((result.cancelled() ? "Stopped after " : "Moved ") + result.slotsMoved()
                    + " slots and " + result.keysMoved() + " keys.");
            out.flush();
            return result.cancelled() ? 1 : 0;
        } catch (LinkException | IllegalArgumentException | IllegalStateException e) {
            bar.finish();
            return OperationOutput.error(spec, e);
        } catch (SlotMoveException e) {
            bar.finish();
            return OperationOutput.error(spec, new SlotMoveException(e.getMessage()
                    + ". Slots may be left open: `cluster check` lists them and `cluster fix` closes them."));
        }
    }
}
