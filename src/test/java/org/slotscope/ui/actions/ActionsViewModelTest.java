package org.slotscope.ui.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.ring.SlotRange;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.task.Background;

/** The quick actions and the reshard form without a window: bad input gets one clear line, nothing runs. */
class ActionsViewModelTest {
    private final SimulationSession session = SimulationSession.start(ClusterShape.demo(5), false);
    private final Background background = new Background(Runnable::run);
    private final java.util.concurrent.atomic.AtomicReference<java.util.ResourceBundle> texts =
            new java.util.concurrent.atomic.AtomicReference<>(Messages.bundle(Messages.ENGLISH));
    private final ActionsViewModel model = new ActionsViewModel(session, background, texts::get);

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
        model.reshardTargetProperty().set("127.0.0.1:7001");
        model.startReshard();
        assertEquals("Choose the master that receives the slots.", model.messageProperty().get(),
                "before the first snapshot no master is known yet: a click says so instead of nothing");
        model.reshardTargetProperty().set(null);
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
        // the language switches: the line shown is said again in Chinese, not left in English
        texts.set(Messages.bundle(Messages.SIMPLIFIED_CHINESE));
        model.relabel();
        assertEquals("\u69fd\u6570\u5fc5\u987b\u662f 1 \u5230 16384 \u4e4b\u95f4\u7684\u6570\u5b57\uff1a", model.messageProperty().get());
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
    @Test
    void whileThePlaybackIsPausedAReshardWaitsBetweenSlotsAndGoesOnWithIt() throws Exception {
        model.apply(firstSnapshot());
        model.holdOperations(true);
        model.reshardTargetProperty().set("127.0.0.1:7002");
        model.reshardSlotsProperty().set("20");
        model.startReshard();
        assertTrue(model.runningProperty().get());
        assertEquals("Moving 20 slots to 127.0.0.1:7002\u2026 Paused with the playback: press Play to go on.",
                model.messageProperty().get());
        Thread.sleep(500); // time enough to load the topology and reach the first slot, where it waits
        assertTrue(model.runningProperty().get());
        assertEquals(0.0, model.progressProperty().get());
        assertTrue(session.inputs().stream().noneMatch(i -> i instanceof org.slotscope.ui.sim.Input.Command c
                && c.argv().length > 1 && new String(c.argv()[1]).equalsIgnoreCase("SETSLOT")), "no slot was opened");
        model.holdOperations(false);
        assertEquals("Moving 20 slots to 127.0.0.1:7002\u2026", model.messageProperty().get());
        waitUntilDone();
        assertTrue(model.messageProperty().get().startsWith("Moved 20 slots and "), model.messageProperty().get());
    }

    @Test
    void aMissedFrameMakesAReshardYieldThreeTimesTheGapUpToAQuarterSecond() {
        assertEquals(0, ActionsViewModel.yieldAfterFrameGap(16_700_000), "a frame on time");
        assertEquals(0, ActionsViewModel.yieldAfterFrameGap(24_000_000), "a little late");
        assertEquals(120_000_000, ActionsViewModel.yieldAfterFrameGap(40_000_000));
        assertEquals(250_000_000, ActionsViewModel.yieldAfterFrameGap(200_000_000));
        model.frameGap(200_000_000); // no operation running: nothing to yield
        assertFalse(model.runningProperty().get());
    }

    private void waitUntilDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (model.runningProperty().get()) {
            assertTrue(System.nanoTime() < deadline, "the move did not end");
            Thread.sleep(10);
        }
    }

    /**
     * The first snapshot in which every slot of {@code range} belongs to node {@code owner} and none is
     * open; snapshots are built asynchronously, so the one at hand may predate the move.
     */
    private ClusterSnapshot snapshotWhereOwned(SlotRange range, int owner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            session.requestSnapshot();
            ClusterSnapshot snap = session.latest();
            boolean owned = !snap.hasOpenSlots();
            for (int i = 0; owned && i < range.count(); i++) {
                owned = snap.ownerOf(range.slotAt(i)) == owner;
            }
            if (owned) {
                return snap;
            }
            assertTrue(System.nanoTime() < deadline, "the range never came to node " + owner);
            Thread.sleep(10);
        }
    }

    @Test
    void movingARangeRefusesNoRangeNoTargetAndARangeTheTargetOwnsWithOneLine() throws Exception {
        model.apply(firstSnapshot());
        model.moveSlots(null);
        assertEquals("Select slots first: drag along the ring.", model.messageProperty().get());
        model.moveSlots(SlotRange.clockwise(0, 99));
        assertEquals("Choose the master that receives the slots.", model.messageProperty().get());
        model.moveTargetProperty().set("127.0.0.1:7003"); // a replica
        model.moveSlots(SlotRange.clockwise(0, 99));
        assertEquals("Choose the master that receives the slots.", model.messageProperty().get());
        model.moveTargetProperty().set("127.0.0.1:7000");
        model.moveSlots(SlotRange.clockwise(0, 99));
        assertEquals("Every selected slot already belongs to 127.0.0.1:7000.", model.messageProperty().get());
        assertFalse(model.runningProperty().get());
        assertEquals(0, session.inputs().size(), "nothing was sent to the cluster");
    }

    @Test
    void aRangeAcrossSlotZeroMovesToTheChosenMasterAndARewindReplaysIt() throws Exception {
        ClusterSnapshot before = firstSnapshot();
        model.apply(before);
        assertEquals(2, before.ownerOf(16380));
        assertEquals(0, before.ownerOf(3));
        SlotRange range = SlotRange.clockwise(16380, 3); // 16380-16383 (7002's) and 0-3 (7000's)
        model.moveTargetProperty().set("127.0.0.1:7001");
        java.util.concurrent.CompletableFuture<String> messageWhenStopped = new java.util.concurrent.CompletableFuture<>();
        model.runningProperty().addListener((obs, was, running) -> {
            if (was && !running) {
                messageWhenStopped.complete(model.messageProperty().get());
            }
        });
        model.moveSlots(range);
        waitUntilDone();
        long keys = 0;
        for (int i = 0; i < range.count(); i++) {
            keys += before.keysIn(range.slotAt(i));
        }
        assertEquals("Moved 8 slots and " + keys + " keys.", messageWhenStopped.get(10, TimeUnit.SECONDS),
                "whoever sees the move stop reads how it ended");
        assertEquals("Moved 8 slots and " + keys + " keys.", model.messageProperty().get());
        assertEquals(1.0, model.progressProperty().get());
        ClusterSnapshot after = snapshotWhereOwned(range, 1);
        assertEquals(2, after.ownerOf(16379));
        assertEquals(0, after.ownerOf(4));
        assertTrue(session.inputs().size() >= 8 * 4, "the move's commands are inputs of the run");

        // the inputs replay: rebuilding the moment after the move gives the same owners
        long moved = session.inputs().get(session.inputs().size() - 1).time();
        session.rewindTo(moved).get(30, TimeUnit.SECONDS);
        ClusterSnapshot replayed = session.latest();
        for (int i = 0; i < range.count(); i++) {
            assertEquals(1, replayed.ownerOf(range.slotAt(i)), "replayed slot " + range.slotAt(i));
        }
        assertEquals(0, replayed.ownerOf(4));
    }
}
