package org.slotscope.ui.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slotscope.admin.MoveExecutor;
import org.slotscope.admin.MoveOperation;
import org.slotscope.admin.MoveProgress;
import org.slotscope.admin.SlotRangePlanner;
import org.slotscope.admin.SlotMover;
import org.slotscope.engine.command.Reply;
import org.slotscope.engine.slot.HashSlot;
import org.slotscope.link.NodeLink;
import org.slotscope.ui.i18n.LocalMessage;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.Background;

/**
 * Quick actions on the selected node (crash, restart, manual failover), a simple reshard (target
 * master and number of slots) and moving a range of slots selected on the ring to one master. Each
 * is an input to the engine: SLOTSCOPE CRASH / RESTART and CLUSTER FAILOVER sent over a journaled
 * link, the reshard and the range move run by {@link MoveOperation} over the same links on a
 * background thread (so a rewind replays them), one at a time, progress and Stop shared. Nothing
 * waits on the FX thread.
 */
public final class ActionsViewModel {
    /** redis-cli's reshard: 10 keys per MIGRATE, slot by slot, one pair at a time, so it can be watched. */
    static final SlotMover.Options RESHARD_OPTIONS = new SlotMover.Options(10, 60_000, false);
    /**
     * Between two slots the window's reshard rests as long as the last slot took (OperationControl):
     * at full speed the engine and the reshard's thread took the cores the renderer needs, and frames
     * during a reshard took p99 30-60 ms; resting half the time, 12-27 ms, and the reshard takes
     * about three times as long (README, "Measured (the window)").
     */
    static final double RESHARD_REST = 1.0;
    /** A slower start: the first seconds of a reshard are when the JIT compiler wants a core too. */
    static final double START_REST = 4.0;
    static final long START_REST_NANOS = 3_000_000_000L;
    /**
     * After the first slot, the reshard waits while the window draws its first migration, which runs
     * code no frame ran before: the FX thread's longest block during a 1M-key reshard, eight runs
     * each taking turns, had a median of 39.3 ms with such a rest and 50.2 ms without (README).
     */
    static final long FIRST_SLOT_REST_NANOS = 400_000_000L;
    /** A pulse this much later than the last one was a missed frame (a frame is 16.7 ms). */
    static final long LATE_FRAME_NANOS = 25_000_000;
    static final long MAX_YIELD_NANOS = 250_000_000;

    private final SimulationSession session;
    private final Background background;
    private final Supplier<ResourceBundle> texts;
    private final ObjectProperty<NodeSnapshot> selectedNode = new SimpleObjectProperty<>(this, "selectedNode");
    private final ObservableList<String> masters = FXCollections.observableArrayList();
    private final StringProperty reshardTarget = new SimpleStringProperty(this, "reshardTarget");
    private final StringProperty reshardSlots = new SimpleStringProperty(this, "reshardSlots", "1000");
    private final StringProperty moveTarget = new SimpleStringProperty(this, "moveTarget");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private ClusterSnapshot snapshot;
    private MoveOperation operation;
    /** The playback is paused: a slot-moving operation waits between two slots (see holdOperations). */
    private boolean held;
    private Function<ResourceBundle, String> runningText = t -> "";
    private final LocalMessage message;

    public ActionsViewModel(SimulationSession session, Background background, Supplier<ResourceBundle> texts) {
        this.session = session;
        this.background = background;
        this.texts = texts;
        this.message = new LocalMessage(this, texts);
    }

    public ObjectProperty<NodeSnapshot> selectedNodeProperty() {
        return selectedNode;
    }

    public ObservableList<String> masters() {
        return masters;
    }

    public StringProperty reshardTargetProperty() {
        return reshardTarget;
    }

    public StringProperty reshardSlotsProperty() {
        return reshardSlots;
    }

    /** The master a selected range of slots is moved to (its address). */
    public StringProperty moveTargetProperty() {
        return moveTarget;
    }

    /** Slots moved / slots planned, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.property();
    }

    public void apply(ClusterSnapshot next) {
        snapshot = next;
        List<String> addresses = new ArrayList<>();
        for (NodeSnapshot node : next.nodes()) {
            if (node.isMaster() && node.running()) {
                addresses.add(node.address());
            }
        }
        if (!addresses.equals(masters)) {
            masters.setAll(addresses);
        }
        NodeSnapshot selected = selectedNode.get();
        if (selected != null) {
            int index = next.indexOf(selected.id());
            if (index >= 0 && !next.nodes().get(index).equals(selected)) {
                selectedNode.set(next.nodes().get(index));
            }
        }
    }

    /** Moves the chosen number of slots to the chosen master, from all the others (redis-cli's reshard). */
    public void startReshard() {
        if (running.get()) {
            return;
        }
        String targetAddress = reshardTarget.get();
        NodeSnapshot target = byAddress(targetAddress);
        if (target == null || !target.isMaster()) {
            message.say("reshard.noTarget");
            return;
        }
        int slots;
        try {
            slots = Integer.parseInt(reshardSlots.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            slots = -1;
        }
        if (slots < 1 || slots > HashSlot.SLOTS) {
            message.say("reshard.badCount", String.valueOf(reshardSlots.get()));
            return;
        }
        int wanted = slots;
        start(t -> Messages.format(t, "reshard.running", wanted, targetAddress),
                (move, progress) -> move.reshard(targetAddress, List.of(), target.id(), wanted, RESHARD_OPTIONS,
                        progress));
    }

    /**
     * Moves every slot of {@code range} that the chosen master does not own yet to it, from whichever
     * masters own them ({@link SlotRangePlanner}, as `cluster move-slots` does), slot by slot.
     * Refuses with one line when nothing is selected, no master is chosen, or the master owns them all.
     */
    public void moveSlots(SlotRange range) {
        if (running.get() || snapshot == null) {
            return;
        }
        if (range == null) {
            message.say("rangeMove.noRange");
            return;
        }
        String targetAddress = moveTarget.get();
        NodeSnapshot target = byAddress(targetAddress);
        if (target == null || !target.isMaster()) {
            message.say("reshard.noTarget");
            return;
        }
        int targetIndex = snapshot.indexOf(target.id());
        int toMove = 0;
        for (int i = 0; i < range.count(); i++) {
            if (snapshot.ownerOf(range.slotAt(i)) != targetIndex) {
                toMove++;
            }
        }
        if (toMove == 0) {
            message.say("rangeMove.alreadyThere", targetAddress);
            return;
        }
        String slots = range.toString();
        int count = toMove;
        start(t -> Messages.format(t, "rangeMove.running", count, slots, targetAddress),
                (move, progress) -> move.run(targetAddress, SlotRangePlanner.forTopology(range.toBitSet(), target.id()),
                        RESHARD_OPTIONS, progress));
    }

    /**
     * The playback paused (true) or playing again (false). While it is paused, a reshard or a range
     * move waits between two slots (OperationControl.pause: nothing is left half-moved), so the ring
     * stands still with the clock; it goes on when the playback does.
     */
    public void holdOperations(boolean hold) {
        held = hold;
        MoveOperation move = operation;
        if (move == null || !running.get()) {
            return;
        }
        if (hold) {
            move.control().pause();
        } else {
            move.control().resume();
        }
        showRunning();
    }

    /**
     * How long a running reshard waits after a gap of {@code gapNanos} between two frames: three times
     * the gap (at most a quarter second) once a frame was missed, nothing otherwise. On two cores the
     * reshard's thread and the engine's compete with the FX thread and the renderer, most at a
     * reshard's start, when the compiler also wants a core for the migration's code; letting the window
     * catch up there kept its frames coming.
     */
    static long yieldAfterFrameGap(long gapNanos) {
        return gapNanos < LATE_FRAME_NANOS ? 0 : Math.min(MAX_YIELD_NANOS, 3 * gapNanos);
    }

    /** Called by the window with the gap between this frame and the previous one. */
    public void frameGap(long gapNanos) {
        MoveOperation move = operation;
        long yield = yieldAfterFrameGap(gapNanos);
        if (move != null && yield > 0 && running.get()) {
            move.control().yieldFor(yield);
        }
    }

    private void showRunning() {
        Function<ResourceBundle, String> text = runningText;
        message.say(held ? t -> Messages.format(t, "reshard.held", text.apply(t)) : text);
    }

    /** Runs a slot-moving operation on a background thread, reporting progress and its end here. */
    private void start(Function<ResourceBundle, String> runningText, MoveRun work) {
        MoveOperation move = new MoveOperation(session.connector());
        move.control().restAfterWork(RESHARD_REST);
        move.control().restMoreFor(START_REST, START_REST_NANOS);
        move.control().restAfterFirst(FIRST_SLOT_REST_NANOS);
        if (held) {
            move.control().pause();
        }
        operation = move;
        running.set(true);
        progress.set(0);
        this.runningText = runningText;
        showRunning();
        Consumer<MoveProgress> report = background.newestOnUi(
                p -> progress.set(p.slotsTotal() == 0 ? 1 : p.slotsDone() / (double) p.slotsTotal()));
        background.run(() -> work.run(move, report),
                // the outcome first, then the end: whoever sees the operation stop reads how it ended
                (MoveExecutor.Result result) -> {
                    progress.set(1);
                    message.say(result.cancelled() ? "reshard.cancelled" : "reshard.done", result.slotsMoved(),
                            result.keysMoved());
                    running.set(false);
                }, error -> {
                    message.say("action.failed", oneLine(error));
                    running.set(false);
                });
    }

    /** One slot-moving run: a reshard or a range move, with its progress sink. */
    @FunctionalInterface
    private interface MoveRun {
        MoveExecutor.Result run(MoveOperation move, Consumer<MoveProgress> progress);
    }

    /** Stops the reshard or the range move after the slot it is moving (nothing is left half-moved). */
    public void cancelReshard() {
        if (operation != null) {
            operation.cancel();
        }
    }

    /** SLOTSCOPE CRASH: the selected node stops as if killed. */
    public void crash() {
        NodeSnapshot node = selectedNode.get();
        if (node != null && node.running()) {
            sendViaAnother(node, "action.crashed", "SLOTSCOPE", "CRASH", node.id());
        }
    }

    /** SLOTSCOPE RESTART: a stopped node starts again (same id, no keys: no persistence). */
    public void restart() {
        NodeSnapshot node = selectedNode.get();
        if (node != null && !node.running()) {
            sendViaAnother(node, "action.restarted", "SLOTSCOPE", "RESTART", node.id());
        }
    }

    /**
     * CLUSTER FAILOVER on the selected replica, or on the first running replica of the selected
     * master; FORCE when that master is down (a coordinated failover needs the master's answer).
     */
    public void failover() {
        NodeSnapshot node = selectedNode.get();
        if (node == null || snapshot == null) {
            return;
        }
        NodeSnapshot replica = node.isMaster() ? firstReplicaOf(node) : node;
        if (replica == null || !replica.running()) {
            message.say("action.noReplica");
            return;
        }
        NodeSnapshot master = byId(replica.masterId());
        boolean force = master == null || !master.running() || master.health() == NodeSnapshot.Health.FAIL;
        String[] command = force ? new String[] {"CLUSTER", "FAILOVER", "FORCE"} : new String[] {"CLUSTER", "FAILOVER"};
        send(replica.address(), replica, "action.failoverAsked", command);
    }

    private void sendViaAnother(NodeSnapshot subject, String doneKey, String... command) {
        NodeSnapshot via = null;
        for (NodeSnapshot other : snapshot.nodes()) {
            if (other.running() && !other.id().equals(subject.id())) {
                via = other;
                break;
            }
        }
        if (via == null) {
            message.say("action.noLiveNode");
            return;
        }
        send(via.address(), subject, doneKey, command);
    }

    private void send(String address, NodeSnapshot subject, String doneKey, String... command) {
        background.run(() -> {
            try (NodeLink link = session.connector().connect(address)) {
                return link.send(command);
            }
        }, reply -> {
            if (reply instanceof Reply.Error error) {
                message.say("action.failed", error.message());
            } else {
                message.say(doneKey, subject.address());
            }
        }, error -> message.say("action.failed", oneLine(error)));
    }

    /** Says the message shown now in the window's language now (after a language switch). */
    public void relabel() {
        message.relabel();
    }

    private NodeSnapshot firstReplicaOf(NodeSnapshot master) {
        for (NodeSnapshot node : snapshot.nodes()) {
            if (!node.isMaster() && master.id().equals(node.masterId()) && node.running()) {
                return node;
            }
        }
        return null;
    }

    private NodeSnapshot byAddress(String address) {
        if (snapshot == null || address == null) {
            return null;
        }
        return snapshot.nodes().stream().filter(n -> n.address().equals(address)).findFirst().orElse(null);
    }

    private NodeSnapshot byId(String id) {
        if (snapshot == null || id == null) {
            return null;
        }
        return snapshot.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    private static String oneLine(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return text.replace('\n', ' ');
    }
}
