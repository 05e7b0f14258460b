package org.slotscope.workload;

import org.slotscope.client.ClusterClient;

/**
 * A workload's shape: {@code clients} clients sharing {@code opsPerSecond} (0: as fast as each
 * client can go), {@code readRatio} of reads, {@code keys} keys (in groups of {@code groupSize}
 * for {@link KeyDistribution#GROUPS}), values of {@code valueSize} bytes, a seed for every choice,
 * and the clients' own options.
 */
public record WorkloadOptions(int clients, double opsPerSecond, double readRatio, int keys,
                              KeyDistribution distribution, int groupSize, int valueSize, long seed,
                              ClusterClient.Options client) {
    public static final WorkloadOptions DEFAULTS = new WorkloadOptions(4, 400, 0.5, 1000, KeyDistribution.UNIFORM, 4,
            16, 1, ClusterClient.Options.DEFAULTS);

    public WorkloadOptions {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client: " + clients);
        }
        if (opsPerSecond < 0 || readRatio < 0 || readRatio > 1) {
            throw new IllegalArgumentException("the rate must not be negative and the read ratio must be 0..1");
        }
        if (keys < 1 || groupSize < 1 || valueSize < 1) {
            throw new IllegalArgumentException("keys, group size and value size must be positive");
        }
    }

    public WorkloadOptions with(int newClients, double newRate, double newReadRatio, int newKeys) {
        return new WorkloadOptions(newClients, newRate, newReadRatio, newKeys, distribution, groupSize, valueSize,
                seed, client);
    }

    public WorkloadOptions with(KeyDistribution newDistribution, int newGroupSize, int newValueSize) {
        return new WorkloadOptions(clients, opsPerSecond, readRatio, keys, newDistribution, newGroupSize,
                newValueSize, seed, client);
    }

    public WorkloadOptions withSeed(long newSeed) {
        return new WorkloadOptions(clients, opsPerSecond, readRatio, keys, distribution, groupSize, valueSize, newSeed,
                client);
    }

    public WorkloadOptions withClient(ClusterClient.Options newClient) {
        return new WorkloadOptions(clients, opsPerSecond, readRatio, keys, distribution, groupSize, valueSize, seed,
                newClient);
    }
}
