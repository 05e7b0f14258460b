package org.slotscope.cli;

import java.util.concurrent.Callable;
import org.slotscope.admin.DelNodeOperation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `cluster del-node host:port node_id`: redis-cli --cluster del-node. */
@Command(name = "del-node", mixinStandardHelpOptions = true,
        description = "Remove a node that owns no slots from the cluster, like redis-cli --cluster del-node.")
final class ClusterDelNodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.")
    String entry;

    @Parameters(index = "1", paramLabel = "NODE_ID", description = "The id of the node to remove.")
    String nodeId;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return OperationOutput.run(spec, out -> {
            new DelNodeOperation(link.connector()).run(entry, nodeId, out);
            return 0;
        });
    }
}
