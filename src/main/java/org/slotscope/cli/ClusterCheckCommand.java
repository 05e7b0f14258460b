package org.slotscope.cli;

import java.util.concurrent.Callable;
import org.slotscope.admin.ClusterCheckOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster check host:port`: redis-cli --cluster check, plus which node disagrees and how. Exit 0 when clean. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the cluster like redis-cli --cluster check: every node's view of the slots, open slots,"
                + " coverage; and say which node disagrees and how, and which nodes could not be reached.",
            "Exit status 0 when nothing was found, 1 otherwise."})
final class ClusterCheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Option(names = "--search-multiple-owners",
            description = "Also count keys in every slot of every master to find slots with several owners (slow).")
    boolean searchMultipleOwners;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return OperationOutput.run(spec, out ->
                new ClusterCheckOperation(link.connector()).run(entry, searchMultipleOwners, out).clean() ? 0 : 1);
    }
}
