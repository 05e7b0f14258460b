package org.slotscope.ui.main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.slotscope.ui.actions.ActionsView;
import org.slotscope.ui.console.ConsoleView;
import org.slotscope.ui.i18n.ChineseFont;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.inspector.InspectorView;
import org.slotscope.ui.playback.PlaybackView;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.sim.SnapshotPump;
import org.slotscope.ui.workload.WorkloadView;

/**
 * Puts the main view into a stage and keeps it alive across language switches: the view models and
 * the simulation stay, the FXML is loaded again with the other bundle. One animation timer feeds
 * snapshots and events to the view models and paints the moving layer.
 */
public final class MainWindow {
    public static final double WIDTH = 1500;
    public static final double HEIGHT = 920;

    private final Stage stage;
    private final WindowModels models;
    private final SnapshotPump pump;
    private MainView view;
    private Runnable onUsable;

    private MainWindow(Stage stage, SimulationSession session, Locale locale) {
        this.stage = stage;
        this.models = new WindowModels(session, locale, Platform::runLater);
        this.pump = new SnapshotPump(session, this::applySnapshot, this::frame);
    }

    /** Shows the window for {@code session}; the caller still owns (and closes) the session. */
    public static MainWindow open(Stage stage, SimulationSession session, Locale locale) {
        MainWindow window = new MainWindow(stage, session, locale);
        window.view = window.load();
        Scene scene = new Scene(window.view.root(), WIDTH, HEIGHT);
        // Presenter keys: F2 play/pause, F3 the frame meter (space and letters belong to the console),
        // Escape clears the slots selected on the ring wherever the focus is (a popup keeps its own).
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F2) {
                window.models.playback().togglePlaying();
            } else if (e.getCode() == KeyCode.F3) {
                window.view.frameBox().setSelected(!window.view.frameBox().isSelected());
            } else if (e.getCode() == KeyCode.ESCAPE) {
                window.view.ring().clearSelection();
            }
        });
        stage.setScene(scene);
        org.slotscope.ui.frame.RenderedFrames.report(scene, window.models.frames()::rendered);
        window.updateTitle();
        window.models.main().localeProperty().addListener((obs, old, now) -> window.reload());
        window.pump.start();
        stage.show();
        return window;
    }

    public MainViewModel viewModel() {
        return models.main();
    }

    public WindowModels models() {
        return models;
    }

    /** The current controller (a new one after each language switch). */
    public MainView view() {
        return view;
    }

    public void close() {
        pump.stop();
        models.close();
    }

    /**
     * Runs {@code task} once, at the first frame that shows the whole cluster (every node in the
     * table and the ring drawn, and the actions and console know the nodes): the moment a person can
     * start using the window.
     */
    public void whenUsable(Runnable task) {
        onUsable = task;
    }

    private void applySnapshot(org.slotscope.ui.sim.ClusterSnapshot snapshot) {
        long start = System.nanoTime();
        models.apply(snapshot);
        models.work().add("snapshot", System.nanoTime() - start);
    }

    private void frame(long now) {
        long gap = models.frames().frame(now);
        if (gap > 0) {
            models.actions().frameGap(gap); // a missed frame makes a running reshard wait
        }
        long start = System.nanoTime();
        models.frame();
        models.pullEvents(now);
        long pulled = System.nanoTime();
        view.paintFrame(now);
        long painted = System.nanoTime();
        models.work().add("events", pulled - start);
        models.work().add("paint", painted - pulled);
        if (onUsable != null && models.main().snapshotProperty().get() != null && models.caughtUp()
                && view.nodeTable().getItems().size() == models.main().snapshotProperty().get().nodes().size()
                && view.ring().image() != null) {
            Runnable task = onUsable;
            onUsable = null;
            task.run();
        }
    }

    private void reload() {
        view = load();
        stage.getScene().setRoot(view.root());
        updateTitle();
    }

    private void updateTitle() {
        stage.setTitle(models.main().bundle().getString("app.title"));
    }

    private MainView load() {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource(MainView.FXML), models.main().bundle());
        loader.setControllerFactory(type -> {
            if (type == MainView.class) {
                return new MainView(models);
            } else if (type == ConsoleView.class) {
                return new ConsoleView(models.console());
            } else if (type == ActionsView.class) {
                return new ActionsView(models.actions());
            } else if (type == PlaybackView.class) {
                return new PlaybackView(models.playback(), models.main().bundle());
            } else if (type == InspectorView.class) {
                return new InspectorView(models.inspector(), models.actions());
            } else if (type == WorkloadView.class) {
                return new WorkloadView(models.workload(), models.main().bundle());
            }
            throw new IllegalArgumentException("unexpected controller " + type);
        });
        try {
            Parent root = loader.load();
            MainView controller = loader.getController();
            if (Messages.SIMPLIFIED_CHINESE.equals(models.main().localeProperty().get())) {
                root.setStyle(ChineseFont.style());
            }
            return controller;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + MainView.FXML, e);
        }
    }
}
