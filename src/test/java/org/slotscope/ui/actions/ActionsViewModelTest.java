package org.slotscope.ui.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.Background;

/** The quick actions and the reshard form without a window: bad input gets one clear line, nothing runs. */
class ActionsViewModelTest {
    private final SimulationSession session = SimulationSession.start(ClusterShape.demo(5), false);
    private final Background background = new Background(Runnable::run);
    private final ActionsViewModel model = new ActionsViewModel(session, background,
            () -> Messages.bundle(Messages.ENGLISH));

    @AfterEach
    void close() {
        background.close();
        session.close();
    }

    private ClusterSnapshot firstSnapshot() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.latest() == null) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(5);
        }
        return session.latest();
    }

    @Test
    void reshardRefusesAMissingTargetAndABadSlotCountWithOneLine() throws Exception {
        model.apply(firstSnapshot());
        assertEquals(java.util.List.of("127.0.0.1:7000", "127.0.0.1:7001", "127.0.0.1:7002"), model.masters());
        model.startReshard();
        assertEquals("Choose the master that receives the slots.", model.messageProperty().get());
        model.reshardTargetProperty().set("127.0.0.1:7001");
        for (String bad : new String[] {"abc", "0", "16385", ""}) {
            model.reshardSlotsProperty().set(bad);
            model.startReshard();
            assertEquals("Not a number of slots from 1 to 16384: " + bad, model.messageProperty().get());
            assertFalse(model.runningProperty().get());
        }
        assertEquals(0, session.inputs().size(), "nothing was sent to the cluster");
    }

    @Test
    void aReshardRunsOffTheCallersThreadAndReportsProgressAndTheResult() throws Exception {
        model.apply(firstSnapshot());
        model.reshardTargetProperty().set("127.0.0.1:7002");
        model.reshardSlotsProperty().set("20");
        model.startReshard();
        assertTrue(model.runningProperty().get() || model.messageProperty().get().startsWith("Moved"),
                "startReshard returned before the move: " + model.messageProperty().get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (model.runningProperty().get()) {
            assertTrue(System.nanoTime() < deadline, "the reshard did not end");
            Thread.sleep(10);
        }
        assertTrue(model.messageProperty().get().startsWith("Moved 20 slots and "), model.messageProperty().get());
        assertEquals(1.0, model.progressProperty().get());
        assertTrue(session.inputs().size() > 20 * 4, "the reshard's commands are inputs of the run");
    }
}
