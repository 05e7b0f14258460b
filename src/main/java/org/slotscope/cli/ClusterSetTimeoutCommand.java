package org.slotscope.cli;

import java.util.concurrent.Callable;
import org.slotscope.admin.SetTimeoutOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `cluster set-timeout host:port milliseconds`: redis-cli --cluster set-timeout. */
@Command(name = "set-timeout", mixinStandardHelpOptions = true,
        description = "Set cluster-node-timeout on every node, like redis-cli --cluster set-timeout.")
final class ClusterSetTimeoutCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Parameters(index = "1", paramLabel = "MILLISECONDS", description = "The new cluster-node-timeout (at least 100).")
    long milliseconds;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return OperationOutput.run(spec, out -> {
            // as redis-cli, the exit code is 0 even when some nodes refused (each is reported)
            new SetTimeoutOperation(link.connector()).run(entry, milliseconds, out);
            return 0;
        });
    }
}
