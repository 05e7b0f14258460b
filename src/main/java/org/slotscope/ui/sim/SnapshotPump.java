package org.slotscope.ui.sim;

import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Each frame (at most every {@link #PERIOD_NANOS}) asks the engine for a new snapshot and hands the
 * newest one that has arrived to the view model, on the FX thread. It never waits for the engine.
 */
public final class SnapshotPump {
    public static final long PERIOD_NANOS = 100_000_000L;

    private final SimulationSession session;
    private final Consumer<ClusterSnapshot> sink;
    private final java.util.function.LongConsumer onFrame;
    private final AnimationTimer timer;
    private ClusterSnapshot delivered;
    private long lastRequest = Long.MIN_VALUE;

    public SnapshotPump(SimulationSession session, Consumer<ClusterSnapshot> sink) {
        this(session, sink, now -> { });
    }

    /** {@code onFrame} runs at every pulse after the snapshot, with the pulse's time: the window paints there. */
    public SnapshotPump(SimulationSession session, Consumer<ClusterSnapshot> sink,
                        java.util.function.LongConsumer onFrame) {
        this.session = session;
        this.sink = sink;
        this.onFrame = onFrame;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        };
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    private void frame(long now) {
        ClusterSnapshot latest = session.latest();
        if (latest != null && latest != delivered) {
            delivered = latest;
            sink.accept(latest);
        }
        if (lastRequest == Long.MIN_VALUE || now - lastRequest >= PERIOD_NANOS) {
            lastRequest = now;
            session.requestSnapshot();
        }
        onFrame.accept(now);
    }
}
