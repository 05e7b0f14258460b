package org.slotscope.cli;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.slotscope.admin.ClusterCreate;
import org.slotscope.admin.Sleeper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `cluster create host:port ... [--replicas N] [--yes]`: redis-cli --cluster create. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Build a cluster from empty nodes, like redis-cli --cluster create.")
final class ClusterCreateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "HOST:PORT", description = "The nodes; their order decides the masters.")
    List<String> nodes;

    @Option(names = "--replicas", defaultValue = "0", paramLabel = "N", description = "Replicas per master (default: 0).")
    int replicas;

    @Option(names = "--yes", description = "Do not ask for confirmation (this tool never asks).")
    boolean yes;

    @Option(names = "--join-timeout", defaultValue = "60000", paramLabel = "MS",
            description = "How long to wait for the nodes to join, ms (default: 60000; redis-cli waits for ever).")
    long joinTimeout;

    @Mixin
    LinkOptions link;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return OperationOutput.run(spec, out -> new ClusterCreate(link.connector(), Sleeper.REAL, joinTimeout,
                new Random()).run(nodes, replicas, out).check().clean() ? 0 : 1);
    }
}
