package org.slotscope.ui.sim;

/**
 * The cluster the window simulates, before any input: with the seed it fixes everything the engine
 * does until the first input arrives.
 *
 * @param seed the engine's random seed
 * @param masters masters, on consecutive ports from {@link SimulationSession#BASE_PORT}
 * @param replicasPerMaster replicas of each master, after the masters
 * @param demoKeys keys user:0 .. user:N-1 written with SET before time starts
 * @param nodeTimeout cluster-node-timeout in ms; 5000 in the demo so a failover takes seconds, not
 *                    the 15 s of Redis's default, in front of a class
 */
public record ClusterShape(long seed, int masters, int replicasPerMaster, int demoKeys, long nodeTimeout) {
    public static final ClusterShape DEMO = new ClusterShape(1, 3, 1, 1000, 5000);

    public ClusterShape {
        if (masters < 1) {
            throw new IllegalArgumentException("a cluster needs at least one master");
        }
        if (masters > org.slotscope.engine.slot.HashSlot.SLOTS) {
            // each master is given at least one of the 16384 slots
            throw new IllegalArgumentException("a cluster has at most 16384 masters: " + masters);
        }
        if (replicasPerMaster < 0) {
            throw new IllegalArgumentException("replicas per master must not be negative: " + replicasPerMaster);
        }
        if (demoKeys < 0) {
            throw new IllegalArgumentException("keys must not be negative: " + demoKeys);
        }
        if (nodeTimeout < 1) {
            throw new IllegalArgumentException("the node timeout must be at least 1 ms: " + nodeTimeout);
        }
    }

    public static ClusterShape demo(long seed) {
        return new ClusterShape(seed, DEMO.masters, DEMO.replicasPerMaster, DEMO.demoKeys, DEMO.nodeTimeout);
    }

    public int nodes() {
        return masters * (1 + replicasPerMaster);
    }
}
