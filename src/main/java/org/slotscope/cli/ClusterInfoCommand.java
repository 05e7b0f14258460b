package org.slotscope.cli;

import java.util.concurrent.Callable;
import org.slotscope.admin.InfoOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `cluster info host:port`: redis-cli --cluster info. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Keys, slots and replicas of every master, like redis-cli --cluster info.")
final class ClusterInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return OperationOutput.run(spec, out -> {
            new InfoOperation(link.connector()).run(entry, out);
            return 0;
        });
    }
}
