package org.slotscope.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import org.slotscope.admin.ClusterFix;
import org.slotscope.link.LinkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster fix host:port`: redis-cli --cluster fix. Exit 0 when everything found was fixed. */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = {"Check the cluster and repair what redis-cli --cluster fix repairs: open slots (a reshard"
                + " stopped in the middle), uncovered slots, and with --search-multiple-owners slots with several"
                + " owners. Keys are moved with MIGRATE, never dropped.",
            "Exit status 0 when everything found was fixed, 1 otherwise."})
final class ClusterFixCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--fix-with-unreachable-masters",
            description = "Fix even though some masters cannot be reached: their slots count as uncovered and are"
                    + " given to the reachable masters (their keys are then lost to the cluster).")
    boolean fixWithUnreachableMasters;

    @Option(names = "--yes", description = "Answer yes to the questions before covering slots (redis-cli 7.0 asks"
            + " them even with --cluster-yes).")
    boolean yes;

    @Option(names = "--search-multiple-owners",
            description = "Also find and fix slots with several owners (counts keys in every slot: slow).")
    boolean searchMultipleOwners;

    @Option(names = "--pipeline", defaultValue = "10", description = "Keys per MIGRATE (default: 10).")
    int pipeline;

    @Option(names = "--timeout", defaultValue = "60000", description = "MIGRATE timeout, ms (default: 60000).")
    int timeout;

    @Option(names = "--replace", description = "When a key is on both nodes with different values, overwrite the"
            + " target's copy instead of stopping.")
    boolean replace;

    @Option(names = "--keep-owner-values", description = "Not in redis-cli: when a key is on both nodes with different"
            + " values, keep the value of the node fix makes the slot's owner (it prints which: the node that"
            + " claims the slot, else the one with the most keys; after an earlier fix that may no longer be the copy"
            + " clients wrote to) and drop the other, instead of stopping.")
    boolean keepOwnerValues;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ClusterFix fix = new ClusterFix(link.connector(timeout));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        ClusterFix.Confirm confirm = yes ? ClusterFix.Confirm.YES : question -> {
            // confirmWithYes: only "yes" counts
            out.print(question + " (type 'yes' to accept): ");
            out.flush();
            try {
                String answer = stdin.readLine();
                return "yes".equals(answer == null ? null : answer.strip());
            } catch (IOException e) {
                return false;
            }
        };
        try (StopOnCtrlC stop = new StopOnCtrlC(fix::cancel)) {
            ClusterFix.Options options = new ClusterFix.Options(fixWithUnreachableMasters, searchMultipleOwners,
                    pipeline, timeout, replace, link.options(timeout)).withKeepOwnerValues(keepOwnerValues);
            ClusterFix.Result result = fix.run(entry, options, confirm, OperationOutput.lines(out));
            return result.ok() ? 0 : 1;
        } catch (LinkException | IllegalArgumentException | IllegalStateException e) {
            return OperationOutput.error(spec, e);
        }
    }
}
