package org.slotscope.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.ClusterSnapshot;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.traffic.Flight;
import org.slotscope.ui.traffic.TrafficModel;

class WindowModelsTest {
    private SimulationSession session;
    private WindowModels models;

    @AfterEach
    void close() {
        models.close();
        session.close();
    }

    @Test
    void theTrafficNoteSaysHowManyFlightsAreNotDrawnOnceASecondAndInTheWindowsLanguage() {
        session = SimulationSession.start(ClusterShape.demo(1), false);
        models = new WindowModels(session, Locale.ENGLISH, Runnable::run);
        Flight one = new Flight(Flight.Kind.REQUEST, 1, null, "a", 0, 1, null, 0.1);
        TrafficModel.Visible sampled = new TrafficModel.Visible(List.of(one), 1412, 1411);
        models.noteTraffic(sampled, 0);
        assertEquals("1,412 messages in flight, 1,411 not drawn (a steady sample is)",
                models.trafficNoteProperty().get());
        models.noteTraffic(new TrafficModel.Visible(List.of(one), 1, 0), 500_000_000L);
        assertTrue(models.trafficNoteProperty().get().startsWith("1,412"), "at most one change a second");
        models.noteTraffic(new TrafficModel.Visible(List.of(one), 1, 0), WindowModels.NOTE_NANOS);
        assertEquals("", models.trafficNoteProperty().get(), "everything drawn: no note");
        models.main().localeProperty().set(org.slotscope.ui.i18n.Messages.SIMPLIFIED_CHINESE);
        models.noteTraffic(sampled, 3 * WindowModels.NOTE_NANOS);
        assertEquals("1,412 \u6761\u6d88\u606f\u4f20\u8f93\u4e2d\uff0c1,411 \u6761"
                + "\u672a\u7ed8\u5236\uff08\u53ea\u7ed8\u5236\u56fa\u5b9a\u7684\u4e00\u90e8\u5206\u6837\u672c\uff09", models.trafficNoteProperty().get());
        assertEquals(1, models.tally().drawnMax());
        assertEquals(1412, models.tally().inFlightMax());
    }

    @Test
    void theEventListStartsWithWhatTheClusterIsOnce() throws Exception {
        startThreeMastersWithReplicas();
        models.apply(session.latest());
        models.apply(session.latest());
        assertEquals(List.of("   0.000 s  cluster ready: 3 masters, 3 replicas, 2,500 keys"), models.eventLines());
    }

    @Test
    void aSnapshotReachesTheRingInItsFrameAndTheConsoleActionsTimelineAndInspectorInTheNext() throws Exception {
        startThreeMastersWithReplicas();
        // the timeline's slider follows the time up to its end: the end must have grown first
        List<String> timeBeyondEnd = new java.util.ArrayList<>();
        models.playback().timeProperty().addListener((obs, was, now) -> {
            if (now.longValue() > models.playback().endTimeProperty().get()) {
                timeBeyondEnd.add(now + " > " + models.playback().endTimeProperty().get());
            }
        });
        ClusterSnapshot first = session.latest();
        models.apply(first);
        assertEquals(first, models.main().snapshotProperty().get(), "the ring's model takes it at once");
        assertTrue(models.console().nodes().isEmpty(), "the console waits for the next frame");
        models.frame();
        assertTrue(models.console().nodes().isEmpty(), "not in the frame that applied the snapshot");
        assertFalse(models.caughtUp());
        models.frame();
        assertTrue(models.caughtUp());
        assertEquals(6, models.console().nodes().size());
        assertEquals(first.virtualTimeMillis(), models.playback().timeProperty().get());
        assertEquals(3, models.actions().masters().size());

        // a snapshot in every frame: the rest takes the newest one and waits no more than one frame
        ClusterSnapshot second = later(first, 1_000);
        ClusterSnapshot third = later(first, 2_000);
        models.apply(second);
        models.frame();
        assertEquals(first.virtualTimeMillis(), models.playback().timeProperty().get());
        models.apply(third);
        models.frame();
        assertEquals(third.virtualTimeMillis(), models.playback().timeProperty().get());
        models.frame();
        assertEquals(third.virtualTimeMillis(), models.playback().timeProperty().get());
        assertEquals(List.of(), timeBeyondEnd);
    }

    /** A session of 3 masters and 3 replicas, and models for it, once the engine's first snapshot is out. */
    private void startThreeMastersWithReplicas() throws InterruptedException {
        session = SimulationSession.start(new ClusterShape(1, 3, 1, 2_500, 15_000), false);
        models = new WindowModels(session, Locale.ENGLISH, Runnable::run);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (session.latest() == null) {
            assertTrue(System.nanoTime() < deadline, "no snapshot");
            Thread.sleep(5);
        }
    }

    private static ClusterSnapshot later(ClusterSnapshot snapshot, long millis) {
        return new ClusterSnapshot(snapshot.virtualTimeMillis() + millis, snapshot.slotOwner(), snapshot.nodes(),
                snapshot.clusterOk());
    }

    @Test
    void aLanguageSwitchSaysTheActionsAndWorkloadMessagesAgain() {
        session = SimulationSession.start(ClusterShape.demo(1), false);
        models = new WindowModels(session, Locale.ENGLISH, Runnable::run);
        models.actions().startReshard();
        models.workload().rateProperty().set("lots");
        models.workload().start();
        String workloadBefore = models.workload().messageProperty().get();
        assertEquals("Choose the master that receives the slots.", models.actions().messageProperty().get());
        models.main().localeProperty().set(org.slotscope.ui.i18n.Messages.SIMPLIFIED_CHINESE);
        var zh = org.slotscope.ui.i18n.Messages.bundle(org.slotscope.ui.i18n.Messages.SIMPLIFIED_CHINESE);
        assertEquals(zh.getString("reshard.noTarget"), models.actions().messageProperty().get());
        assertTrue(models.workload().messageProperty().get().endsWith("\uff1alots"),
                models.workload().messageProperty().get());
        assertFalse(workloadBefore.equals(models.workload().messageProperty().get()));
    }
}
