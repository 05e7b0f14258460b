package org.slotscope.admin;

/**
 * How an operation waits between two polls of the cluster (redis-cli's sleep(1) while the cluster
 * joins). Real nodes need real time to gossip; simulated ones need virtual time, so a test passes a
 * sleeper that runs the engine's clock instead of sleeping, and stays deterministic.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the wall clock. An interrupt ends the operation (it counts as a cancel). */
    Sleeper REAL = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationException("interrupted while waiting for the cluster");
        }
    };

    void sleep(long millis);
}
