package org.slotscope.ui.workload;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slotscope.ui.i18n.LocalMessage;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.sim.WorkloadSettings;
import org.slotscope.ui.sim.WorkloadStats;
import org.slotscope.workload.KeyDistribution;

/**
 * The client workload's controls and numbers: a rate (requests per second of virtual time), a
 * read/write mix and how keys are picked; Start (Apply while it runs: a new rate is a new workload), Stop; and one line of
 * metrics: ops/s in the last full second, operations so far, MOVED / ASK / TRYAGAIN followed, hops
 * retried, operations failed. Starting and stopping are inputs to the session (journaled, so a
 * rewind replays them); the numbers are read from it once a second. No window needed.
 */
public final class WorkloadViewModel {
    /** The read shares offered, in percent. */
    public static final List<Integer> READ_PERCENTS = List.of(0, 50, 80, 95, 100);
    /** The numbers change at most once a second (they count per second): each change relays out a label. */
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final SimulationSession session;
    private final Supplier<ResourceBundle> texts;
    private final StringProperty rate = new SimpleStringProperty(this, "rate",
            Long.toString((long) WorkloadSettings.DEFAULT_RATE));
    private final ObjectProperty<Integer> readPercent = new SimpleObjectProperty<>(this, "readPercent",
            (int) Math.round(WorkloadSettings.DEFAULT_READ_RATIO * 100));
    private final ObjectProperty<KeyDistribution> keys = new SimpleObjectProperty<>(this, "keys",
            KeyDistribution.UNIFORM);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper metrics = new ReadOnlyStringWrapper(this, "metrics", "");
    private final LocalMessage message;
    private LongSupplier clock = System::nanoTime;
    private long lastRefresh = Long.MIN_VALUE / 2;
    private WorkloadStats stats = WorkloadStats.NONE;

    public WorkloadViewModel(SimulationSession session, Supplier<ResourceBundle> texts) {
        this.session = session;
        this.texts = texts;
        this.message = new LocalMessage(this, texts);
        metrics.set(metricsText(stats, texts.get()));
    }

    /** Requests per second of virtual time, as typed. */
    public StringProperty rateProperty() {
        return rate;
    }

    /** Percent of the operations that are reads (GET); the rest are writes (SET). */
    public ObjectProperty<Integer> readPercentProperty() {
        return readPercent;
    }

    /** How keys are picked: uniform, hot (Zipf), or {tag} groups with MGET / MSET. */
    public ObjectProperty<KeyDistribution> keysProperty() {
        return keys;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    /** Why the last Start was refused (a bad rate), else empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.property();
    }

    /** The settings as typed, or null (and a message) when the rate is not a number from 1 to the maximum. */
    WorkloadSettings settings() {
        String typed = rate.get() == null ? "" : rate.get().trim().replace(",", "").replace("_", "");
        double perSecond;
        try {
            perSecond = Double.parseDouble(typed);
        } catch (NumberFormatException e) {
            perSecond = -1;
        }
        if (!(perSecond >= 1 && perSecond <= WorkloadSettings.MAX_RATE)) {
            message.say("workload.badRate", String.valueOf(rate.get()), (long) WorkloadSettings.MAX_RATE);
            return null;
        }
        Integer reads = readPercent.get();
        return new WorkloadSettings(perSecond, (reads == null ? 50 : reads) / 100.0,
                keys.get() == null ? KeyDistribution.UNIFORM : keys.get());
    }

    /** Starts the workload, or changes a running one's rate and mix. */
    public void start() {
        WorkloadSettings settings = settings();
        if (settings == null) {
            return;
        }
        message.clear();
        session.startWorkload(settings);
        running.set(true);
        lastRefresh = Long.MIN_VALUE / 2; // show the new state at the next snapshot
    }

    public void stop() {
        session.stopWorkload();
        running.set(false);
        lastRefresh = Long.MIN_VALUE / 2;
    }

    /** With each snapshot: reads the session's numbers, at most once a second. */
    public void refresh() {
        long now = clock.getAsLong();
        if (now - lastRefresh < REFRESH_NANOS) {
            return;
        }
        lastRefresh = now;
        show(session.workloadStats());
    }

    /** The numbers as of {@code current} (also after a rewind: they are the replayed timeline's). */
    void show(WorkloadStats current) {
        stats = current;
        running.set(current.running());
        metrics.set(metricsText(current, texts.get()));
    }

    /** The language changed: the same numbers in the other words. */
    public void relabel() {
        metrics.set(metricsText(stats, texts.get()));
        message.relabel();
    }

    public WorkloadStats stats() {
        return stats;
    }

    static String metricsText(WorkloadStats stats, ResourceBundle texts) {
        if (!stats.running() && stats.ops() == 0) {
            return texts.getString("workload.idle");
        }
        String line = Messages.format(texts, "workload.metrics", stats.opsLastSecond(), stats.ops(), stats.moved(),
                stats.ask(), stats.tryAgain(), stats.retried(), stats.failed());
        return stats.running() ? line : Messages.format(texts, "workload.stopped", line);
    }

    /** "50 % reads" in the current language. */
    public String readsText(Integer percent) {
        return percent == null ? "" : Messages.format(texts.get(), "workload.reads", percent);
    }

    /** "hot keys (Zipf)" in the current language. */
    public String keysText(KeyDistribution distribution) {
        return distribution == null ? "" : texts.get().getString("workload.keys." + distribution.name());
    }

    /** For tests: the clock that paces the numbers. */
    void setClock(LongSupplier clock) {
        this.clock = clock;
    }
}
