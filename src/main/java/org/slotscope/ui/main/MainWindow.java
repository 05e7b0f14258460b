package org.slotscope.ui.main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.sim.SnapshotPump;

/**
 * Puts the main view into a stage and keeps it alive across language switches: the view model and
 * the simulation stay, the FXML is loaded again with the other bundle.
 */
public final class MainWindow {
    public static final double WIDTH = 1500;
    public static final double HEIGHT = 920;
    /** Fonts with Simplified Chinese glyphs, in order of preference, on Linux, Windows and macOS. */
    static final List<String> CJK_FONTS = List.of("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei", "Droid Sans Fallback", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB");

    private final Stage stage;
    private final MainViewModel viewModel;
    private final SnapshotPump pump;
    private final String cjkFont;
    private MainView view;

    private MainWindow(Stage stage, SimulationSession session, Locale locale) {
        this.stage = stage;
        this.viewModel = new MainViewModel(locale);
        this.pump = new SnapshotPump(session, viewModel::apply);
        this.cjkFont = firstInstalled(CJK_FONTS, Font.getFamilies());
    }

    /** Shows the window for {@code session}; the caller still owns (and closes) the session. */
    public static MainWindow open(Stage stage, SimulationSession session, Locale locale) {
        MainWindow window = new MainWindow(stage, session, locale);
        window.view = window.load();
        stage.setScene(new Scene(window.view.root(), WIDTH, HEIGHT));
        window.updateTitle();
        window.viewModel.localeProperty().addListener((obs, old, now) -> window.reload());
        window.pump.start();
        stage.show();
        return window;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    /** The current controller (a new one after each language switch). */
    public MainView view() {
        return view;
    }

    public void close() {
        pump.stop();
    }

    private void reload() {
        view = load();
        stage.getScene().setRoot(view.root());
        updateTitle();
    }

    private void updateTitle() {
        stage.setTitle(viewModel.bundle().getString("app.title"));
    }

    private MainView load() {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource(MainView.FXML), viewModel.bundle());
        loader.setControllerFactory(type -> {
            if (type != MainView.class) {
                throw new IllegalArgumentException("unexpected controller " + type);
            }
            return new MainView(viewModel);
        });
        try {
            Parent root = loader.load();
            MainView controller = loader.getController();
            if (cjkFont != null && Messages.SIMPLIFIED_CHINESE.equals(viewModel.localeProperty().get())) {
                // JavaFX takes only the first family of a CSS list; choose one that is really installed.
                root.setStyle("-fx-font-family: \"" + cjkFont + "\";");
            }
            return controller;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + MainView.FXML, e);
        }
    }

    static String firstInstalled(List<String> preferred, List<String> installed) {
        for (String family : preferred) {
            if (installed.contains(family)) {
                return family;
            }
        }
        return null;
    }
}
