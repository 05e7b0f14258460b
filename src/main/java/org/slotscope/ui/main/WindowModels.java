package org.slotscope.ui.main;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slotscope.client.ClientEvent;
import org.slotscope.engine.event.ClusterEvent;
import org.slotscope.ui.actions.ActionsViewModel;
import org.slotscope.ui.console.ConsoleViewModel;
import org.slotscope.ui.frame.FrameMeter;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.inspector.InspectorViewModel;
import org.slotscope.ui.playback.PlaybackViewModel;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.Background;
import org.slotscope.ui.traffic.TrafficModel;
import org.slotscope.ui.traffic.TrafficTally;
import org.slotscope.ui.workload.WorkloadViewModel;

/**
 * Every view model of the window, wired to one session. They outlive the views: a language switch
 * reloads the FXML and keeps all of this. Feeding them (snapshots, events) happens on the FX thread.
 */
public final class WindowModels implements AutoCloseable {
    static final int EVENT_LINES = 300;
    static final int EVENTS_PER_FRAME = 2_000;
    static final int LINES_PER_FRAME = 12;
    static final long LINES_FLUSH_NANOS = 250_000_000L;
    private final List<String> pendingLines = new java.util.ArrayList<>();
    private long lastLinesFlush = Long.MIN_VALUE / 2;

    private final SimulationSession session;
    private final Background background;
    private final MainViewModel main;
    private final ConsoleViewModel console;
    private final ActionsViewModel actions;
    private final PlaybackViewModel playback;
    private final InspectorViewModel inspector;
    private final TrafficModel traffic = new TrafficModel();
    private final WorkloadViewModel workload;
    private final ReadOnlyStringWrapper trafficNote = new ReadOnlyStringWrapper(this, "trafficNote", "");
    private long lastNoteNanos = Long.MIN_VALUE / 2;
    private final TrafficTally tally = new TrafficTally();
    private final FrameMeter frames = new FrameMeter();
    private final org.slotscope.ui.frame.WorkMeter work = new org.slotscope.ui.frame.WorkMeter();
    private final ObservableList<String> eventLines = FXCollections.observableArrayList();
    private int lastGeneration;
    private boolean announced;
    /** The snapshot the console, actions, timeline and inspector have still to take (see {@link #frame()}). */
    private ClusterSnapshot restDue;
    private boolean appliedThisFrame;
    private boolean restLate;

    public WindowModels(SimulationSession session, Locale locale, Executor uiThread) {
        this.session = session;
        this.background = new Background(uiThread);
        this.main = new MainViewModel(locale);
        this.console = new ConsoleViewModel(session, background);
        this.actions = new ActionsViewModel(session, background, main::bundle);
        this.playback = new PlaybackViewModel(session, background, main::bundle, () -> actions.runningProperty().get());
        // a reshard stands still while the playback is paused, as the clock does
        actions.holdOperations(!playback.playingProperty().get());
        playback.playingProperty().addListener((obs, was, playing) -> actions.holdOperations(!playing));
        this.inspector = new InspectorViewModel(main::bundle);
        this.workload = new WorkloadViewModel(session, main::bundle);
        main.localeProperty().addListener((obs, old, now) -> {
            inspector.refresh();
            workload.relabel();
            actions.relabel();
            playback.relabel();
            trafficNote.set("");
        });
        actions.selectedNodeProperty().addListener((obs, old, now) -> inspector.selectedNodeProperty().set(now));
        this.lastGeneration = session.generation();
    }

    public SimulationSession session() {
        return session;
    }

    public MainViewModel main() {
        return main;
    }

    public ConsoleViewModel console() {
        return console;
    }

    public ActionsViewModel actions() {
        return actions;
    }

    public PlaybackViewModel playback() {
        return playback;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public TrafficModel traffic() {
        return traffic;
    }

    public WorkloadViewModel workload() {
        return workload;
    }

    /** "1,412 messages in flight, 512 not drawn": the honest count when traffic is sampled; empty when all is drawn. */
    public ReadOnlyStringProperty trafficNoteProperty() {
        return trafficNote.getReadOnlyProperty();
    }

    /** Flights in the air, drawn and left out, per frame since the last reset (for --frame-stats). */
    public TrafficTally tally() {
        return tally;
    }

    /** The note on flights left out changes at most once a second: a count, not an animation. */
    static final long NOTE_NANOS = 1_000_000_000L;

    /**
     * Each frame, after choosing what to draw: remembers the counts and, at most once a second,
     * says how many flights were left out (each change relays out a label on the FX thread).
     */
    public void noteTraffic(TrafficModel.Visible visible, long nowNanos) {
        tally.add(visible);
        if (nowNanos - lastNoteNanos < NOTE_NANOS) {
            return;
        }
        lastNoteNanos = nowNanos;
        String text = visible.hidden() == 0 ? "" : Messages.format(main.bundle(), "traffic.hidden",
                visible.inFlight(), visible.hidden());
        if (!text.equals(trafficNote.get())) {
            trafficNote.set(text);
        }
    }

    public FrameMeter frames() {
        return frames;
    }

    /** Time our own code spends on the FX thread per frame, by phase. */
    public org.slotscope.ui.frame.WorkMeter work() {
        return work;
    }

    /** The engine's recent events as text, newest last. */
    public ObservableList<String> eventLines() {
        return eventLines;
    }

    public void apply(ClusterSnapshot snapshot) {
        if (!announced) {
            announced = true;
            announce(snapshot);
        }
        Map<String, String> ids = new HashMap<>();
        for (NodeSnapshot node : snapshot.nodes()) {
            ids.put(node.address(), node.id());
        }
        traffic.setNodes(ids);
        workload.refresh();
        main.apply(snapshot);
        // snapshots in two frames running: the rest must not wait for a frame without one
        restLate = restDue != null && !appliedThisFrame;
        appliedThisFrame = true;
        restDue = snapshot;
    }

    /**
     * Called once per frame, after the frame's snapshot if it had one. A snapshot reaches the ring in
     * its own frame; the console, quick actions, timeline and inspector take it in the next frame, and
     * the table and legend in the frames after that ({@link MainViewModel#frame()}). One heavy change per
     * frame: the first snapshot of a reshard did all of them in one frame, and with code that had not
     * run before (the timeline's first marker, the migration arcs) that frame blocked the FX thread for
     * 35-50 ms. The later ones see the newest snapshot; a snapshot they missed meanwhile is superseded.
     */
    public void frame() {
        if (appliedThisFrame) {
            appliedThisFrame = false;
            if (restLate) {
                applyRest();
            }
            main.frame();
        } else if (restDue != null) {
            applyRest();
        } else {
            main.frame();
        }
    }

    /** Whether every model has the newest snapshot (false between a snapshot's frame and the next). */
    public boolean caughtUp() {
        return restDue == null;
    }

    private void applyRest() {
        ClusterSnapshot due = restDue;
        restDue = null;
        restLate = false;
        console.apply(due);
        actions.apply(due);
        playback.apply(due);
        inspector.apply(due);
    }

    /** The event list's first line says what the cluster is, so the list is not empty until something happens. */
    private void announce(ClusterSnapshot snapshot) {
        long keys = snapshot.nodes().stream().filter(NodeSnapshot::isMaster).mapToLong(NodeSnapshot::keyCount).sum();
        eventLines.add(EventText.at(snapshot.virtualTimeMillis()) + Messages.format(main.bundle(), "events.clusterReady",
                snapshot.masterCount(), snapshot.replicaCount(), keys));
    }

    /** Once per frame: the engine's new events become flights and event lines. */
    public void pullEvents(long nowNanos) {
        if (session.generation() != lastGeneration) {
            lastGeneration = session.generation();
            traffic.clear();
            eventLines.clear();
            pendingLines.clear();
        }
        traffic.setSpeed(session.speed());
        for (ClientEvent hop : session.drainClientEvents(EVENTS_PER_FRAME)) {
            traffic.accept(hop, nowNanos);
        }
        List<ClusterEvent> events = session.drainEvents(EVENTS_PER_FRAME);
        if (events.isEmpty()) {
            flushEventLines(nowNanos);
            return;
        }
        for (ClusterEvent event : events) {
            traffic.accept(event, nowNanos);
        }
        // A reshard emits a dozen events per slot: of those routine kinds list only the newest few per
        // frame and say how many went by; failures, elections and failovers are always listed.
        java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();
        int routineListed = 0;
        int skipped = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            ClusterEvent event = events.get(i);
            boolean routine = EventText.routine(event);
            if (routine && routineListed >= LINES_PER_FRAME) {
                skipped++;
                continue;
            }
            String line = EventText.describe(event, main.snapshotProperty().get(), main.bundle());
            if (line != null) {
                lines.addFirst(line);
                routineListed += routine ? 1 : 0;
            }
        }
        if (skipped > 0) {
            lines.addFirst("\u2026 " + skipped + " \u2026");
        }
        pendingLines.addAll(lines);
        flushEventLines(nowNanos);
    }

    /** The list takes new lines 4 times a second: a list view relaid out every frame costs a frame. */
    private void flushEventLines(long nowNanos) {
        if (pendingLines.isEmpty() || nowNanos - lastLinesFlush < LINES_FLUSH_NANOS) {
            return;
        }
        lastLinesFlush = nowNanos;
        java.util.List<String> batch = pendingLines.size() > EVENT_LINES
                ? pendingLines.subList(pendingLines.size() - EVENT_LINES, pendingLines.size()) : pendingLines;
        eventLines.addAll(batch);
        pendingLines.clear();
        if (eventLines.size() > EVENT_LINES) {
            eventLines.remove(0, eventLines.size() - EVENT_LINES);
        }
    }

    @Override
    public void close() {
        background.close();
    }
}
