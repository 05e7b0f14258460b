package org.slotscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slotscope.admin.ReshardOperation;
import org.slotscope.admin.SlotMover;
import org.slotscope.link.JedisLink;
import org.slotscope.link.LinkException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `slotscope cluster <op> host:port [options]`: the redis-cli --cluster operations, with redis-cli's
 * positional arguments and its option names without the "--cluster-" prefix. Works against real
 * Redis and against `serve` alike (through Jedis), on any OS where Java runs.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster operations, as redis-cli --cluster does them (so far: reshard).",
        subcommands = {ClusterCommand.Reshard.class})
final class ClusterCommand {
    @Command(name = "reshard", mixinStandardHelpOptions = true,
            description = "Move slots (and their keys) from some masters to one, like redis-cli --cluster reshard.")
    static final class Reshard implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any master of the cluster.")
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

        @Override
        public Integer call() {
            List<String> sources = from.equalsIgnoreCase("all") ? List.of() : new ArrayList<>(List.of(from.split(",")));
            ReshardOperation reshard = new ReshardOperation(address -> {
                int colon = address.lastIndexOf(':');
                return new JedisLink(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                        timeout);
            });
            Runtime.getRuntime().addShutdownHook(new Thread(reshard::cancel)); // Ctrl-C ends between two slots
            boolean terminal = System.console() != null;
            try {
                ReshardOperation.Result result = reshard.run(entry, sources, to, slots,
                        new SlotMover.Options(pipeline, timeout, replace), p -> {
                            if (terminal) {
                                System.out.print("\r" + bar(p));
                            }
                        });
                if (terminal) {
                    System.out.println();
                }
                System.out.println((result.cancelled() ? "Stopped after " : "Moved ") + result.slotsMoved()
                        + " slots and " + result.keysMoved() + " keys.");
                return result.cancelled() ? 1 : 0;
            } catch (LinkException | IllegalArgumentException | IllegalStateException e) {
                System.err.println("[ERR] " + e.getMessage());
                return 1;
            } catch (org.slotscope.admin.SlotMoveException e) {
                System.err.println("[ERR] " + e.getMessage());
                System.err.println("The slot may be left open: `redis-cli --cluster fix` closes it.");
                return 1;
            }
        }

        private static String bar(ReshardOperation.Progress p) {
            int width = 30;
            int filled = p.slotsTotal() == 0 ? width : (int) ((long) width * p.slotsDone() / p.slotsTotal());
            String eta = p.etaSeconds() < 0 ? "--" : String.format("%.0fs", p.etaSeconds());
            return String.format("[%s%s] %d/%d slots, %d keys, %.0f keys/s, ETA %s", "#".repeat(filled),
                    " ".repeat(width - filled), p.slotsDone(), p.slotsTotal(), p.keysDone(), p.keysPerSecond(), eta);
        }
    }
}
