package org.slotscope.ui;

import java.util.Locale;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.main.MainWindow;
import org.slotscope.ui.sim.SimulationSession;

/**
 * The JavaFX application: a simulated 3-master, 3-replica cluster and the window that shows it.
 * System properties: slotscope.lang (en, zh-CN) picks the start language, slotscope.seed the
 * simulation's seed (default 1).
 */
public final class SlotScopeApp extends Application {
    public static final String SEED_PROPERTY = "slotscope.seed";
    public static final long DEFAULT_SEED = 1;

    private SimulationSession session;
    private MainWindow window;

    public static void main(String[] args) {
        Application.launch(SlotScopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Locale locale = Messages.startLocale(System.getProperty(Messages.LANGUAGE_PROPERTY), Locale.getDefault());
        session = SimulationSession.startReadyCluster(Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
        window = MainWindow.open(stage, session, locale);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (session != null) {
            session.close();
        }
    }
}
