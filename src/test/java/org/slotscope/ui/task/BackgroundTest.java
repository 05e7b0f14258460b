package org.slotscope.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BackgroundTest {
    /** A UI thread that runs what it was handed only when the test says so. */
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();

    private void runUi() {
        while (!uiQueue.isEmpty()) {
            uiQueue.poll().run();
        }
    }

    @Test
    void progressReportsWaitingForTheUiCollapseIntoTheNewest() {
        try (Background background = new Background(uiQueue::add)) {
            List<Integer> shown = new ArrayList<>();
            Consumer<Integer> report = background.newestOnUi(shown::add);
            report.accept(1);
            report.accept(2);
            report.accept(3);
            assertEquals(1, uiQueue.size(), "one hand-over while the UI is busy");
            runUi();
            assertEquals(List.of(3), shown);
            report.accept(4);
            runUi();
            assertEquals(List.of(3, 4), shown, "a report after the hand-over ran is handed over again");
        }
    }

    @Test
    void theLastReportReachesTheUiBeforeTheResult() throws Exception {
        java.util.concurrent.BlockingQueue<Runnable> ui = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Background background = new Background(ui::add)) {
            List<String> seen = new ArrayList<>();
            Consumer<Integer> report = background.newestOnUi(p -> seen.add("progress " + p));
            background.run(() -> {
                for (int i = 1; i <= 1000; i++) {
                    report.accept(i);
                }
                return "done";
            }, seen::add, error -> seen.add("failed"));
            while (!seen.contains("done")) {
                Runnable next = ui.poll(10, TimeUnit.SECONDS);
                if (next == null) {
                    break;
                }
                next.run();
            }
            // the UI ran alongside the worker, so some reports were shown; the newest came just before the result
            assertEquals(List.of("progress 1000", "done"), seen.subList(seen.size() - 2, seen.size()));
        }
    }
}
