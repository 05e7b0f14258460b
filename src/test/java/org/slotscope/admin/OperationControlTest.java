package org.slotscope.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Wall-clock, with lower bounds only: a rest is never shorter than asked, however busy the machine. */
class OperationControlTest {
    /** Goes on (asserting it may) and returns how long that took, rest included, in ns. */
    private static long timedProceed(OperationControl control) {
        long before = System.nanoTime();
        assertTrue(control.proceed());
        return System.nanoTime() - before;
    }

    /** A control resting {@code ratio} times the work, just after a unit of {@code millis} ms on this thread. */
    private static OperationControl afterAUnitOf(long millis, double ratio) throws InterruptedException {
        OperationControl control = new OperationControl();
        control.restAfterWork(ratio);
        assertTrue(control.proceed(), "the first unit has nothing to rest after");
        Thread.sleep(millis);
        return control;
    }

    @Test
    void aRestLastsTheGivenShareOfTheUnitBeforeIt() throws Exception {
        OperationControl control = afterAUnitOf(40, 1.5);
        long rested = timedProceed(control);
        assertTrue(rested >= TimeUnit.MILLISECONDS.toNanos(60), "rested " + rested / 1e6 + " ms after 40 ms of work");
    }

    @Test
    void eachThreadRestsAfterItsOwnWork() throws Exception {
        OperationControl control = afterAUnitOf(30, 1);
        // another lane's first unit: no rest for it, whatever this thread did
        long otherLane = CompletableFuture.supplyAsync(() -> timedProceed(control)).get(10, TimeUnit.SECONDS);
        long mine = timedProceed(control);
        assertTrue(mine >= TimeUnit.MILLISECONDS.toNanos(30), "rested " + mine / 1e6 + " ms");
        assertTrue(otherLane < mine, "the other lane went on without a rest: " + otherLane / 1e6 + " ms");
    }

    @Test
    void aCancelDuringARestStopsTheOperation() throws Exception {
        OperationControl control = afterAUnitOf(50, 1);
        control.cancel();
        assertFalse(control.proceed());
    }

    @Test
    void aRestMustBeAFiniteShare() {
        OperationControl control = new OperationControl();
        assertThrows(IllegalArgumentException.class, () -> control.restAfterWork(-1));
        assertThrows(IllegalArgumentException.class, () -> control.restAfterWork(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> control.restAfterWork(Double.POSITIVE_INFINITY));
    }

    @Test
    void aYieldHoldsTheNextUnitOfEveryThreadAndOnlyGrows() throws Exception {
        OperationControl control = new OperationControl();
        assertTrue(control.proceed());
        control.yieldFor(TimeUnit.MILLISECONDS.toNanos(80));
        control.yieldFor(TimeUnit.MILLISECONDS.toNanos(10)); // a shorter yield does not cut the first one
        long otherLane = CompletableFuture.supplyAsync(() -> timedProceed(control)).get(10, TimeUnit.SECONDS);
        // a thread that did no work yet waits too; 60 of the 80 ms, so the later, shorter yield did not win
        assertTrue(otherLane >= TimeUnit.MILLISECONDS.toNanos(60), "another thread waited " + otherLane / 1e6 + " ms");
    }

    @Test
    void afterTheFirstUnitEveryThreadRestsOnce() throws Exception {
        OperationControl control = new OperationControl();
        control.restAfterFirst(TimeUnit.SECONDS.toNanos(1));
        assertTrue(timedProceed(control) < TimeUnit.MILLISECONDS.toNanos(500), "no rest before any work");
        long rested = timedProceed(control);
        assertTrue(rested >= TimeUnit.MILLISECONDS.toNanos(900), "rested " + rested / 1e6 + " ms after the first unit");
        // once: the next unit goes on at once (half the rest is a wide margin on a busy machine)
        assertTrue(timedProceed(control) < TimeUnit.MILLISECONDS.toNanos(500), "no second rest");
    }

    @Test
    void aSlowStartRestsLongerForItsTime() throws Exception {
        OperationControl control = new OperationControl();
        control.restAfterWork(0);
        control.restMoreFor(3, TimeUnit.SECONDS.toNanos(30));
        assertTrue(control.proceed());
        Thread.sleep(20);
        long rested = timedProceed(control);
        assertTrue(rested >= TimeUnit.MILLISECONDS.toNanos(60), "rested " + rested / 1e6 + " ms after 20 ms of work");
        assertThrows(IllegalArgumentException.class, () -> control.restMoreFor(-1, 1));
    }
}
