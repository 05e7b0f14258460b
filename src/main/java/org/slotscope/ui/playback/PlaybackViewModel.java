package org.slotscope.ui.playback;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slotscope.ui.i18n.LocalMessage;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.sim.TimelineMarker;
import org.slotscope.ui.task.Background;

/**
 * Play, pause, step to the next event, speed on a logarithmic scale from 0.01x to 100x, and rewind to
 * any earlier moment of the timeline (the session replays the seed and the inputs up to it).
 */
public final class PlaybackViewModel {
    public static final double MIN_EXPONENT = -2;
    public static final double MAX_EXPONENT = 2;

    private final SimulationSession session;
    private final Background background;
    private final Supplier<ResourceBundle> texts;
    private final BooleanSupplier operationRunning;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final DoubleProperty speedExponent = new SimpleDoubleProperty(this, "speedExponent", 0);
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText", "1x");
    private final ReadOnlyLongWrapper time = new ReadOnlyLongWrapper(this, "time");
    private final ReadOnlyLongWrapper endTime = new ReadOnlyLongWrapper(this, "endTime");
    private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper(this, "timeText", "");
    private final ReadOnlyBooleanWrapper rewinding = new ReadOnlyBooleanWrapper(this, "rewinding");
    private final LocalMessage message;
    private final ObservableList<TimelineMarker> markers = FXCollections.observableArrayList();

    public PlaybackViewModel(SimulationSession session, Background background, Supplier<ResourceBundle> texts,
                             BooleanSupplier operationRunning) {
        this.session = session;
        this.background = background;
        this.texts = texts;
        this.message = new LocalMessage(this, texts);
        this.operationRunning = operationRunning;
        playing.set(session.isPlaying());
        speedExponent.set(Math.log10(session.speed()));
        speedText.set(speedLabel(session.speed()));
        speedExponent.addListener((obs, old, now) -> {
            double speed = speedOf(now.doubleValue());
            session.setSpeed(speed);
            speedText.set(speedLabel(speed));
        });
    }

    /** 10^exponent, the exponent clamped to -2..2 (0.01x to 100x). */
    public static double speedOf(double exponent) {
        double clamped = Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, exponent));
        return Math.pow(10, clamped);
    }

    static String speedLabel(double speed) {
        if (speed >= 9.95) {
            return String.format(Locale.ROOT, "%.0fx", speed);
        }
        if (speed >= 0.995) {
            return String.format(Locale.ROOT, "%.1fx", speed);
        }
        return String.format(Locale.ROOT, "%.2fx", speed);
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public DoubleProperty speedExponentProperty() {
        return speedExponent;
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    /** The virtual time shown, in ms. */
    public ReadOnlyLongProperty timeProperty() {
        return time.getReadOnlyProperty();
    }

    /** The latest virtual time this timeline reached (the right end of the timeline). */
    public ReadOnlyLongProperty endTimeProperty() {
        return endTime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeTextProperty() {
        return timeText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rewindingProperty() {
        return rewinding.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.property();
    }

    public ObservableList<TimelineMarker> markers() {
        return markers;
    }

    public void apply(ClusterSnapshot snapshot) {
        if (rewinding.get()) {
            return;
        }
        // the end first: the timeline's maximum must have grown before its value follows the time, or the
        // slider clamps the value and then moves it again as the maximum grows, changes that look like the user's
        endTime.set(Math.max(endTime.get(), snapshot.virtualTimeMillis()));
        time.set(snapshot.virtualTimeMillis());
        timeText.set(Messages.format(texts.get(), "playback.time",
                String.format(Locale.ROOT, "%.1f", snapshot.virtualTimeMillis() / 1000.0)));
        List<TimelineMarker> current = session.markers();
        if (current.size() > markers.size() && current.subList(0, markers.size()).equals(markers)) {
            // the usual case: new marks after the old ones, so the view adds lines instead of redrawing all
            markers.addAll(current.subList(markers.size(), current.size()));
        } else if (current.size() != markers.size()) {
            markers.setAll(current);
        }
    }

    public void play() {
        session.play();
        playing.set(true);
    }

    public void pause() {
        session.pause();
        playing.set(false);
    }

    public void togglePlaying() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void step() {
        playing.set(false);
        session.step();
    }

    /**
     * Goes back to virtual time {@code millis} (paused there). Refused while a reshard runs: its
     * links belong to the timeline being replaced.
     */
    /** Says the message shown now in the window's language now (after a language switch). */
    public void relabel() {
        message.relabel();
    }

    public void rewindTo(long millis) {
        if (rewinding.get()) {
            return;
        }
        if (operationRunning.getAsBoolean()) {
            message.say("playback.busy");
            return;
        }
        long target = Math.max(0, Math.min(millis, endTime.get()));
        rewinding.set(true);
        playing.set(false);
        message.say("playback.rewinding");
        background.run(() -> session.rewindTo(target).get(), reached -> {
            rewinding.set(false);
            endTime.set(reached);
            time.set(reached);
            markers.setAll(session.markers());
            message.say("playback.rewound", String.format(Locale.ROOT, "%.1f", reached / 1000.0));
        }, error -> {
            rewinding.set(false);
            message.say("action.failed", String.valueOf(error.getMessage()));
        });
    }
}
