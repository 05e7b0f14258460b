package org.slotscope.cli;

import picocli.CommandLine.Command;

/**
 * `slotscope cluster <op> host:port [options]`: the redis-cli --cluster operations, with redis-cli's
 * positional arguments and its option names without the "--cluster-" prefix. Works against real
 * Redis and against `serve` alike (through Jedis), on any OS where Java runs. One class per
 * operation.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster operations, as redis-cli --cluster does them.",
        subcommands = {
            ClusterReshardCommand.class,
            ClusterRebalanceCommand.class,
            ClusterMoveSlotsCommand.class,
            ClusterWatchCommand.class,
            ClusterCreateCommand.class,
            ClusterAddNodeCommand.class,
            ClusterDelNodeCommand.class,
            ClusterInfoCommand.class,
            ClusterCallCommand.class,
            ClusterSetTimeoutCommand.class,
            ClusterCheckCommand.class,
            ClusterFixCommand.class,
        })
final class ClusterCommand {
}
