package org.slotscope.engine.command;

import org.slotscope.engine.event.RedirectKind;
import org.slotscope.engine.keyspace.Key;
import org.slotscope.engine.keyspace.Keyspace;
import org.slotscope.engine.node.ClusterNode;
import org.slotscope.engine.node.ClusterState;
import org.slotscope.engine.node.KnownNode;
import org.slotscope.engine.slot.HashSlot;

/**
 * getNodeByQuery (Redis 7.0, cluster.c): decides whether a node serves a keyed command or answers
 * MOVED, ASK, TRYAGAIN, CROSSSLOT or CLUSTERDOWN. The order of the checks is Redis's order,
 * because it decides which error a client sees when several apply.
 */
public final class QueryRouter {
    private QueryRouter() {
    }

    public static Route route(ClusterNode node, ClientSession session, CommandSpec spec, byte[][] argv) {
        int[] keyIndexes = spec.keyIndexes(argv);
        if (keyIndexes.length == 0) {
            return new Route.Serve(-1);
        }
        ClusterState state = node.state();
        KnownNode myself = state.myself();
        Keyspace keyspace = node.keyspace();

        int slot = -1;
        KnownNode owner = null;
        boolean migratingSlot = false;
        boolean importingSlot = false;
        int missingKeys = 0;
        int existingKeys = 0;
        boolean multipleKeys = false;
        byte[] firstKey = null;

        for (int index : keyIndexes) {
            byte[] key = argv[index];
            int keySlot = HashSlot.of(key);
            if (firstKey == null) {
                firstKey = key;
                slot = keySlot;
                owner = state.slotOwner(slot);
                // "Error: If a slot is not served, we are in "cluster down" state."
                if (owner == null) {
                    return new Route.Redirect(RedirectKind.DOWN_UNBOUND, slot, null);
                }
                migratingSlot = owner == myself && state.migratingSlotsTo(slot) != null;
                importingSlot = state.importingSlotsFrom(slot) != null;
            } else {
                if (keySlot != slot) {
                    return new Route.Redirect(RedirectKind.CROSS_SLOT, slot, null);
                }
                if (!multipleKeys && !java.util.Arrays.equals(firstKey, key)) {
                    // Several keys in the same slot: fine unless the slot is being moved.
                    multipleKeys = true;
                }
            }
            if (migratingSlot || importingSlot) {
                if (keyspace.get(new Key(key)) == null) {
                    missingKeys++;
                } else {
                    existingKeys++;
                }
            }
        }

        boolean isWrite = spec.has(CommandFlag.WRITE);
        if (!state.isOk()) {
            if (!node.config().allowReadsWhenDown()) {
                return new Route.Redirect(RedirectKind.DOWN_STATE, slot, null);
            } else if (isWrite) {
                return new Route.Redirect(RedirectKind.DOWN_RO_STATE, slot, null);
            }
            // cluster-allow-reads-when-down: reads go on to the usual checks.
        }

        // MIGRATE always works in the context of the local node if the slot is open.
        if ((migratingSlot || importingSlot) && spec.name().equals("migrate")) {
            return new Route.Serve(slot);
        }

        if (migratingSlot && missingKeys > 0) {
            // Some keys are here and some already left: the client must wait for the move to end.
            if (existingKeys > 0) {
                return new Route.Redirect(RedirectKind.UNSTABLE, slot, null);
            }
            return new Route.Redirect(RedirectKind.ASK, slot, state.migratingSlotsTo(slot));
        }

        if (importingSlot && (session.asking() || spec.has(CommandFlag.ASKING))) {
            if (multipleKeys && missingKeys > 0) {
                return new Route.Redirect(RedirectKind.UNSTABLE, slot, null);
            }
            return new Route.Serve(slot);
        }

        // READONLY clients may read from a replica of the slot's master.
        if (session.readonly() && !isWrite && myself.isReplica() && myself.master() == owner) {
            return new Route.Serve(slot);
        }

        if (owner != myself) {
            return new Route.Redirect(RedirectKind.MOVED, slot, owner);
        }
        return new Route.Serve(slot);
    }
}
