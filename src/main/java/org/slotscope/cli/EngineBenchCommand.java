package org.slotscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.slotscope.engine.SimCluster;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.EventLog;
import org.slotscope.engine.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the engine runs a large cluster with the bus on: virtual seconds per wall second, in
 * batch mode (no sockets). Half the nodes are masters, each with one replica.
 */
@Command(name = "engine-bench", mixinStandardHelpOptions = true,
        description = "Measure how many virtual seconds of a big simulated cluster the engine runs per wall second.")
final class EngineBenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", split = ",", defaultValue = "100,1000",
            description = "Cluster sizes to measure, half masters (default: 100,1000).")
    List<Integer> sizes;

    @Option(names = "--virtual-seconds", defaultValue = "30",
            description = "Virtual time to run per size after a warm-up of the same length (default: 30).")
    int virtualSeconds;

    @Option(names = "--node-timeout", defaultValue = "15000", description = "cluster-node-timeout, ms.")
    long nodeTimeout;

    @Override
    public Integer call() {
        if (virtualSeconds < 1 || nodeTimeout < 1) {
            System.err.println("[ERR] --virtual-seconds and --node-timeout must be positive: " + virtualSeconds + ", "
                    + nodeTimeout);
            return 2;
        }
        for (int size : sizes) {
            if (size < 2 || size % 2 != 0) {
                System.err.println("--nodes: each size must be an even number of at least 2: " + size);
                return 2;
            }
            SimCluster cluster = new SimCluster(1, new NodeConfig().nodeTimeout(nodeTimeout), new EventLog(0, false));
            cluster.createReadyCluster(SimCluster.DEFAULT_HOST, 10000, size / 2, 1);
            long[] messages = new long[1];
            cluster.events().addListener(e -> {
                if (e instanceof ClusterEvent.BusMessageSent) {
                    messages[0]++;
                }
            });
            cluster.runFor(virtualSeconds * 1000L); // warm-up: the JIT, and every node's first pings
            messages[0] = 0;
            long start = System.nanoTime();
            cluster.runFor(virtualSeconds * 1000L);
            double wallSeconds = (System.nanoTime() - start) / 1e9;
            // as `serve` runs: events go to listeners, none is kept or hashed
            System.out.printf("nodes=%d virtual_s=%d wall_s=%.2f virtual_per_wall=%.2f bus_messages_per_virtual_s=%.0f%n",
                    size, virtualSeconds, wallSeconds, virtualSeconds / wallSeconds,
                    messages[0] / (double) virtualSeconds);
        }
        return 0;
    }
}
