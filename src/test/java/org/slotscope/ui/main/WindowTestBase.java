package org.slotscope.ui.main;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a fresh simulated cluster of 3 masters and 3 replicas (seed 1), headless, English,
 * closed after each test: what every window test starts from. A subclass opens it from its own
 * {@code @Start void start(Stage stage) { open(stage); }}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowTestBase {
    protected SimulationSession session;
    protected MainWindow window;
    protected Stage stage;

    /** For each subclass's {@code @Start} method (TestFX looks for it in the test class itself). */
    protected void open(Stage stage) {
        this.stage = stage;
        session = SimulationSession.startReadyCluster(1);
        window = MainWindow.open(stage, session, Locale.ENGLISH);
    }

    @AfterEach
    void closeSession() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        session.close();
    }

    protected void waitFor(long seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected ClusterSnapshot snapshot() {
        return window.viewModel().snapshotProperty().get();
    }

    protected void waitForSixNodes() throws Exception {
        waitFor(10, () -> window.view().nodeTable().getItems().size() == 6);
    }
}
