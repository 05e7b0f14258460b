package org.slotscope.ui.sim;

/**
 * The window's workload at a glance: whether it runs and how, operations completed in the last full
 * second of virtual time, and counts since it first started in this timeline (a rewind replays them).
 *
 * @param settings null when the workload is stopped
 * @param opsLastSecond operations completed in the last full virtual second
 * @param ops operations completed
 * @param moved MOVED redirects followed
 * @param ask ASK redirects followed
 * @param tryAgain TRYAGAIN answers waited out
 * @param retried hops that failed and were retried (CLUSTERDOWN, unreachable node, timeout)
 * @param failed operations that ended without a usable reply
 */
public record WorkloadStats(WorkloadSettings settings, long opsLastSecond, long ops, long moved, long ask,
                            long tryAgain, long retried, long failed) {
    public static final WorkloadStats NONE = new WorkloadStats(null, 0, 0, 0, 0, 0, 0, 0);

    public boolean running() {
        return settings != null;
    }
}
