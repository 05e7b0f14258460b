package org.slotscope.ui;

import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slotscope.Launcher;
import org.slotscope.WindowJvm;
import org.slotscope.ui.frame.FxBlockProbe;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.main.MainWindow;
import org.slotscope.ui.main.Screenshot;
import org.slotscope.ui.sim.NodeSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.WorkerPriority;

/**
 * The JavaFX application: a simulated cluster (3 masters, 1 replica each unless told otherwise) and
 * the window that shows it. System property slotscope.lang (en, zh-CN) picks the start language;
 * options: see {@link WindowOptions}.
 */
public final class SlotScopeApp extends Application {
    public static final String SEED_PROPERTY = "slotscope.seed";
    public static final long DEFAULT_SEED = 1;

    private WindowOptions options = WindowOptions.DEFAULTS;
    private SimulationSession session;
    private MainWindow window;
    private FxBlockProbe probe;
    private long usableAfterMillis = -1;
    private volatile String compilerThreads = "not lowered (the window never became usable)";

    /**
     * JavaFX's own logger. Held here because java.util.logging keeps loggers only weakly, and a
     * filter set on a logger that is collected is lost.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    public static void main(String[] args) {
        // PlatformImpl.startup warns on every start from the classpath; the shaded jar is made to run
        // that way, so the line would only alarm a user. Every other JavaFX warning still shows.
        JAVAFX_LOG.setFilter(r -> !String.valueOf(r.getMessage()).startsWith("Unsupported JavaFX configuration"));
        try {
            Application.launch(SlotScopeApp.class, args);
        } catch (UnsupportedOperationException e) {
            // GTK glass's "Unable to open DISPLAY": DISPLAY is set (the launcher checked) but names no
            // display this process can reach
            if (String.valueOf(e.getMessage()).contains("DISPLAY")) {
                System.err.println("[ERR] " + Launcher.noDisplayMessage(
                        "DISPLAY=" + System.getenv("DISPLAY") + " cannot be opened"));
                System.exit(Launcher.EXIT_NO_DISPLAY);
            }
            throw e;
        }
    }

    @Override
    public void init() {
        try {
            options = WindowOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("[ERR] " + e.getMessage());
            System.exit(2);
        }
        if (options.shape().equals(org.slotscope.ui.sim.ClusterShape.DEMO) && System.getProperty(SEED_PROPERTY) != null) {
            var demo = org.slotscope.ui.sim.ClusterShape.demo(Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
            options = options.withShape(demo);
        }
    }

    @Override
    public void start(Stage stage) {
        if (options.frameStats()) {
            System.out.println("JavaFX started the application " + WindowJvm.sinceLaunch() + " ms after the java command started");
        }
        Locale locale = Messages.startLocale(System.getProperty(Messages.LANGUAGE_PROPERTY), Locale.getDefault());
        session = SimulationSession.start(options.shape(), true);
        session.setSpeed(options.speed());
        window = MainWindow.open(stage, session, locale);
        if (options.frameStats()) {
            window.view().frameBox().setSelected(true);
            probe = new FxBlockProbe().start();
        }
        window.whenUsable(this::usable);
    }

    /** The first frame that shows the whole cluster: the window can be used from here on. */
    private void usable() {
        usableAfterMillis = WindowJvm.sinceLaunch();
        // off the FX thread: it starts a renice process (see WorkerPriority.lowerCompilerThreads)
        Thread lower = new Thread(() -> compilerThreads = WorkerPriority.lowerCompilerThreads(), "slotscope-lower-jit");
        lower.setDaemon(true);
        lower.start();
        if (options.frameStats()) {
            System.out.println("window usable " + usableAfterMillis + " ms after the java command started");
        }
        // measure the steady state, not the start-up (and, if asked, not the JIT's warm-up)
        after(Math.max(1, options.measureAfterMillis()), () -> {
            window.models().frames().reset();
            window.models().work().reset();
            window.models().tally().reset();
            if (probe != null) {
                probe.reset();
            }
        });
        if (options.reshardSlots() > 0) {
            after(Math.max(1, options.reshardAfterMillis()), () -> startReshard(1));
        }
        if (options.workloadRate() > 0) {
            var workload = window.models().workload();
            workload.rateProperty().set(Long.toString(Math.round(options.workloadRate())));
            workload.start();
        }
        if (options.screenshot() != null) {
            after(options.screenshotDelayMillis(), () -> {
                printStats(); // before the snapshot, which itself holds the FX thread
                try {
                    Screenshot.save(window.view().root().getScene(), options.screenshot());
                    System.out.println("screenshot saved to " + options.screenshot());
                } catch (Exception e) {
                    System.err.println("[ERR] cannot save the screenshot: " + e.getMessage());
                }
                Platform.exit();
            });
        }
        if (options.exitAfterMillis() > 0) {
            after(options.exitAfterMillis(), Platform::exit);
        }
    }

    /**
     * --reshard: N slots to the last master, as the Reshard button does; with --reshard-rounds, the
     * next round goes to the master before it. The frame statistics restart with each round.
     */
    private void startReshard(int round) {
        var actions = window.models().actions();
        List<String> masters = session.latest().nodes().stream().filter(NodeSnapshot::isMaster)
                .map(NodeSnapshot::address).toList();
        String target = masters.get(Math.floorMod(masters.size() - round, masters.size()));
        actions.reshardTargetProperty().set(target);
        actions.reshardSlotsProperty().set(Integer.toString(options.reshardSlots()));
        long startedAt = WindowJvm.sinceLaunch();
        window.models().frames().reset();
        if (probe != null) {
            probe.mark();
        }
        javafx.beans.value.ChangeListener<Boolean> ended = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean running) {
                if (!was || running) {
                    return;
                }
                actions.runningProperty().removeListener(this);
                String frames = window.models().frames().summary() + (probe == null ? ""
                        : String.format(Locale.ROOT, "; FX thread's longest block %.1f ms, from %.2f s into the round",
                                probe.longestSinceMarkMillis(), probe.longestSinceMarkBeganMillis() / 1000));
                long endedAt = WindowJvm.sinceLaunch();
                Platform.runLater(() -> { // the next round starts outside this listener of "running"
                    reshardRounds.add(String.format(Locale.ROOT, "reshard round %d to %s (%.1f s, from %.1f s after"
                            + " the window was usable; %s): %s", round, target, (endedAt - startedAt) / 1000.0,
                            (startedAt - usableAfterMillis) / 1000.0, actions.messageProperty().get(), frames));
                    if (round < options.reshardRounds()) {
                        startReshard(round + 1);
                    }
                });
            }
        };
        actions.runningProperty().addListener(ended);
        actions.startReshard();
    }

    private static void after(long millis, Runnable task) {
        PauseTransition wait = new PauseTransition(Duration.millis(millis));
        wait.setOnFinished(e -> task.run());
        wait.play();
    }

    @Override
    public void stop() {
        printStats();
        if (window != null) {
            window.close();
        }
        if (session != null) {
            session.close();
        }
    }

    private boolean statsPrinted;
    private final List<String> reshardRounds = new java.util.ArrayList<>();

    private void printStats() {
        if (options.frameStats() && window != null && !statsPrinted) {
            statsPrinted = true;
            var frames = window.models().frames();
            System.out.println("frame-stats: " + frames.summary() + " (prism.order="
                    + System.getProperty("prism.order", "default") + ", " + options.shape().nodes() + " nodes, "
                    + options.shape().demoKeys() + " keys" + (options.reshardSlots() > 0
                    ? ", reshard of " + options.reshardSlots() + " slots: " + window.models().actions().messageProperty().get()
                    : "") + ")");
            reshardRounds.forEach(System.out::println);
            System.out.println("our FX work per frame: " + window.models().work().summary());
            if (options.workloadRate() > 0) {
                var stats = session.workloadStats();
                System.out.println("workload: " + options.workloadRate() + " requests/s asked, " + stats.ops()
                        + " operations, " + stats.opsLastSecond() + " in the last virtual second, MOVED "
                        + stats.moved() + ", ASK " + stats.ask() + ", TRYAGAIN " + stats.tryAgain() + ", retried "
                        + stats.retried() + ", failed " + stats.failed() + " (virtual time "
                        + session.latest().virtualTimeMillis() + " ms)");
                System.out.println("traffic: " + window.models().tally().summary());
            }
            if (probe != null) {
                System.out.printf(Locale.ROOT, "fx-thread: longest block %.1f ms, from %.2f s into the measured part"
                        + " (%d probes every %d ms)%n", probe.longestMillis(), probe.longestBeganSeconds(), probe.samples(),
                        FxBlockProbe.PERIOD_MILLIS);
                probe.close();
            }
            System.out.println("window usable " + usableAfterMillis + " ms after the java command started");
            System.out.println("jvm options: " + String.join(" ", java.lang.management.ManagementFactory
                    .getRuntimeMXBean().getInputArguments().stream().filter(o -> !o.startsWith("-D")).toList()));
            System.out.println("worker threads: " + WorkerPriority.outcome() + "; JIT compiler threads: " + compilerThreads);
        }
    }
}
