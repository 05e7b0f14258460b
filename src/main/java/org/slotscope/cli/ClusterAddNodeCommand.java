package org.slotscope.cli;

import java.util.concurrent.Callable;
import org.slotscope.admin.AddNodeOperation;
import org.slotscope.admin.Sleeper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster add-node new_host:port existing_host:port [--slave [--master-id id]]`: redis-cli --cluster add-node. */
@Command(name = "add-node", mixinStandardHelpOptions = true,
        description = {"Add an empty node to a cluster, like redis-cli --cluster add-node,",
            "and wait until every node has accepted it."})
final class ClusterAddNodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NEW_HOST:PORT", description = "The empty node to add.")
    String newNode;

    @Parameters(index = "1", paramLabel = "EXISTING_HOST:PORT", description = "Any node of the cluster.")
    String existing;

    @Option(names = "--slave", description = "Add it as a replica.")
    boolean slave;

    @Option(names = "--master-id", paramLabel = "ID",
            description = "With --slave: its master (default: the master with the fewest replicas).")
    String masterId;

    @Option(names = "--join-timeout", defaultValue = "60000", paramLabel = "MS",
            description = "How long to wait for the node to be accepted, ms (default: 60000).")
    long joinTimeout;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (joinTimeout < 1) {
            // checked before the new node is asked to MEET anyone: nothing is left half-added
            spec.commandLine().getErr().println("[ERR] --join-timeout must be positive: " + joinTimeout);
            return 2;
        }
        return OperationOutput.run(spec, out -> {
            new AddNodeOperation(link.connector(), Sleeper.REAL, joinTimeout).run(newNode, existing, slave, masterId, out);
            return 0;
        });
    }
}
