package org.slotscope.ui.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slotscope.ui.i18n.Messages;
import org.slotscope.ui.sim.ClusterShape;
import org.slotscope.ui.sim.Input;
import org.slotscope.ui.sim.SimulationSession;
import org.slotscope.ui.sim.WorkloadSettings;
import org.slotscope.ui.sim.WorkloadStats;
import org.slotscope.workload.KeyDistribution;

class WorkloadViewModelTest {
    private SimulationSession session;
    private final AtomicReference<ResourceBundle> texts = new AtomicReference<>(Messages.bundle(Messages.ENGLISH));

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aRateThatIsNotANumberFromOneToTheMaximumIsRefusedWithAMessage() {
        session = SimulationSession.start(ClusterShape.demo(2), false);
        WorkloadViewModel model = new WorkloadViewModel(session, texts::get);
        model.rateProperty().set("lots");
        model.start();
        assertEquals("Not a rate from 1 to 5,000 requests per second: lots", model.messageProperty().get());
        model.rateProperty().set("9000");
        model.start();
        assertTrue(model.messageProperty().get().endsWith(": 9000"), model.messageProperty().get());
        texts.set(Messages.bundle(Messages.SIMPLIFIED_CHINESE));
        model.relabel();
        assertEquals("\u8bf7\u6c42\u901f\u7387\u987b\u4e3a 1 \u5230 5,000 \u4e4b\u95f4\u7684\u6570\u5b57\uff1a9000", model.messageProperty().get(),
                "said again in the new language");
        texts.set(Messages.bundle(Messages.ENGLISH));
        assertFalse(model.runningProperty().get());
        assertTrue(session.inputs().isEmpty(), "nothing reached the session");
        model.rateProperty().set(" 2,000 ");
        assertEquals(new WorkloadSettings(2000, 0.5), model.settings(), "thousands separators are fine");
        model.keysProperty().set(KeyDistribution.GROUPS);
        model.readPercentProperty().set(95);
        assertEquals(new WorkloadSettings(2000, 0.95, KeyDistribution.GROUPS), model.settings());
        assertEquals("{tag} groups", model.keysText(KeyDistribution.GROUPS));
        assertEquals("95 % reads", model.readsText(95));
    }

    @Test
    void startRunsTheWorkloadTheNumbersFollowAndStopStopsIt() throws Exception {
        session = SimulationSession.start(ClusterShape.demo(2), true);
        WorkloadViewModel model = new WorkloadViewModel(session, texts::get);
        AtomicLong clock = new AtomicLong();
        model.setClock(clock::get);
        assertEquals(texts.get().getString("workload.idle"), model.metricsProperty().get());
        model.rateProperty().set("400");
        model.readPercentProperty().set(80);
        model.start();
        assertTrue(model.runningProperty().get());
        assertEquals("", model.messageProperty().get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (model.stats().opsLastSecond() < 300) {
            assertTrue(System.nanoTime() < deadline, "no traffic: " + model.stats());
            session.requestSnapshot();
            Thread.sleep(20);
            clock.addAndGet(WorkloadViewModel.REFRESH_NANOS);
            model.refresh();
        }
        WorkloadStats stats = model.stats();
        assertEquals(new WorkloadSettings(400, 0.8), stats.settings());
        assertTrue(stats.opsLastSecond() <= 410, "400 a second asked: " + stats);
        assertTrue(model.metricsProperty().get().startsWith(stats.opsLastSecond() + " ops/s \u00b7 "),
                model.metricsProperty().get());
        Input started = session.inputs().stream().filter(i -> i instanceof Input.WorkloadStarted).findFirst()
                .orElseThrow();
        assertEquals(new WorkloadSettings(400, 0.8), ((Input.WorkloadStarted) started).settings());

        model.stop();
        assertFalse(model.runningProperty().get());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.workloadStats().running()) {
            assertTrue(System.nanoTime() < deadline, "did not stop");
            Thread.sleep(20);
        }
        clock.addAndGet(WorkloadViewModel.REFRESH_NANOS);
        model.refresh();
        assertTrue(model.metricsProperty().get().startsWith("Stopped \u00b7 "), model.metricsProperty().get());
    }

    @Test
    void theNumbersReadInEitherLanguage() {
        WorkloadStats stats = new WorkloadStats(new WorkloadSettings(2000, 0.5), 1998, 12345, 17, 3, 1, 2, 0);
        assertEquals("1,998 ops/s \u00b7 12,345 ops \u00b7 MOVED 17 \u00b7 ASK 3 \u00b7 TRYAGAIN 1 \u00b7 retried 2 "
                + "\u00b7 failed 0", WorkloadViewModel.metricsText(stats, Messages.bundle(Messages.ENGLISH)));
        assertEquals("1,998 \u6b21/\u79d2 \u00b7 \u5171 12,345 \u6b21 \u00b7 MOVED 17 \u00b7 ASK 3 \u00b7 TRYAGAIN 1 "
                + "\u00b7 \u91cd\u8bd5 2 \u00b7 \u5931\u8d25 0",
                WorkloadViewModel.metricsText(stats, Messages.bundle(Messages.SIMPLIFIED_CHINESE)));
        WorkloadStats stopped = new WorkloadStats(null, 0, 12345, 17, 3, 1, 2, 0);
        assertTrue(WorkloadViewModel.metricsText(stopped, Messages.bundle(Messages.ENGLISH)).startsWith("Stopped"));
        assertEquals(Messages.bundle(Messages.ENGLISH).getString("workload.idle"),
                WorkloadViewModel.metricsText(WorkloadStats.NONE, Messages.bundle(Messages.ENGLISH)));
    }
}
