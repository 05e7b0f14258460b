package org.slotscope.torture;

import org.slotscope.link.Connector;

/**
 * What the torture run does after healing, before it checks: `cluster fix` closes slots left open by
 * a move that died half-way and assigns uncovered slots. With {@link #NONE} the schedule never
 * leaves a slot open on purpose (moves never overlap other faults, no MIGRATE is timed out
 * mid-slot); with {@link #FIX} it does both, and the fix must clean up (see {@link TortureRun}).
 */
@FunctionalInterface
public interface ClusterRepair {
    /** No repair: the run keeps its schedule from needing one. */
    ClusterRepair NONE = null;

    /**
     * The admin fix, as `cluster fix --yes --search-multiple-owners --keep-owner-values`: the
     * invariants also want no key left in a slot its node does not own, and a MIGRATE that timed out
     * after the target had restored a key leaves two copies that later writes to the owner make
     * differ (redis-cli would stop there). Throws when it could not fix everything it found.
     */
    ClusterRepair FIX = (connector, entry) -> {
        java.util.List<String> log = new java.util.ArrayList<>();
        org.slotscope.admin.ClusterFix.Result result = new org.slotscope.admin.ClusterFix(connector).run(entry,
                org.slotscope.admin.ClusterFix.Options.DEFAULTS.withSearchMultipleOwners(true).withKeepOwnerValues(true),
                org.slotscope.admin.ClusterFix.Confirm.YES, log::add);
        if (!result.ok()) {
            throw new IllegalStateException("fix did not repair everything:\n" + String.join("\n", log));
        }
    };

    /** Repairs the cluster reachable at {@code entry}; runs as an actor of the simulation. */
    void repair(Connector connector, String entry);
}
