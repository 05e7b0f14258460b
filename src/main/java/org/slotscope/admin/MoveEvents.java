package org.slotscope.admin;

import java.util.function.Consumer;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.engine.event.SlotMigrationState;
import org.slotscope.engine.node.NodeId;

/**
 * The fine-grained events of a move this app runs itself, in the simulator's vocabulary, so the views
 * animate a reshard of a real cluster as they animate a simulated one: every SETSLOT IMPORTING /
 * MIGRATING / NODE it sends and every MIGRATE (keys of one slot, from when it was sent to when it
 * was answered). Times are wall-clock milliseconds since the operation started. Called from the
 * threads that move slots, so the sink must be thread-safe.
 */
public final class MoveEvents {
    /** Events go nowhere. */
    public static final MoveEvents NONE = new MoveEvents(null);

    private final Consumer<ClusterEvent> sink;
    private final long startNanos = System.nanoTime();

    public MoveEvents(Consumer<ClusterEvent> sink) {
        this.sink = sink;
    }

    long nowMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void stateSet(String viewer, int slot, SlotMigrationState state, String peer) {
        if (sink != null) {
            sink.accept(new ClusterEvent.SlotMigrationStateChanged(nowMillis(), new NodeId(viewer), slot, state,
                    peer == null ? null : new NodeId(peer)));
        }
    }

    void keysMigrated(long sentMillis, String source, String target, int slot, int keys) {
        if (sink != null) {
            sink.accept(new ClusterEvent.KeysMigrated(sentMillis, nowMillis(), new NodeId(source), new NodeId(target),
                    slot, keys, "OK"));
        }
    }

    void assigned(String viewer, int slot, String owner) {
        if (sink != null) {
            sink.accept(new ClusterEvent.SlotsAssigned(nowMillis(), new NodeId(viewer), slot, slot, new NodeId(owner)));
        }
    }
}
