package org.slotscope.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    @Test
    void tasksRunInTimeOrderThenInSchedulingOrder() {
        Scheduler scheduler = new Scheduler();
        List<String> ran = new ArrayList<>();
        scheduler.schedule(20, () -> ran.add("b@" + scheduler.now()));
        scheduler.schedule(10, () -> ran.add("a@" + scheduler.now()));
        scheduler.schedule(20, () -> ran.add("c@" + scheduler.now()));
        scheduler.runFor(25);
        assertEquals(List.of("a@10", "b@20", "c@20"), ran);
        assertEquals(25, scheduler.now());
    }

    @Test
    void cancelledTasksDoNotRun() {
        Scheduler scheduler = new Scheduler();
        List<String> ran = new ArrayList<>();
        Scheduler.Handle handle = scheduler.schedule(5, () -> ran.add("x"));
        handle.cancel();
        scheduler.runFor(10);
        assertTrue(ran.isEmpty());
    }

    @Test
    void stepRunsOneTaskAndMovesTheClockToIt() {
        Scheduler scheduler = new Scheduler();
        List<Long> times = new ArrayList<>();
        scheduler.schedule(7, () -> times.add(scheduler.now()));
        scheduler.schedule(9, () -> times.add(scheduler.now()));
        assertTrue(scheduler.step());
        assertEquals(List.of(7L), times);
        assertEquals(7, scheduler.now());
    }

    @Test
    void timeCannotGoBackwards() {
        VirtualClock clock = new VirtualClock();
        clock.advanceTo(10);
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(5));
    }

    @Test
    void sameSeedSameNodeIds() {
        assertEquals(new SeededRandom(42).hex40(), new SeededRandom(42).hex40());
        assertTrue(new SeededRandom(42).hex40().matches("[0-9a-f]{40}"));
    }
}
