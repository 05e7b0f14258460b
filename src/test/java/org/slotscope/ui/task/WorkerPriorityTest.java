package org.slotscope.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slotscope.testsupport.RedisBinaries;

class WorkerPriorityTest {
    @Test
    void theThreadIdIsTheLastPartOfThreadSelfsTarget() {
        assertEquals(OptionalInt.of(25678), WorkerPriority.threadIdOf("25672/task/25678"));
        assertEquals(OptionalInt.empty(), WorkerPriority.threadIdOf("25672"));
        assertEquals(OptionalInt.empty(), WorkerPriority.threadIdOf("25672/fd/3"));
        assertEquals(OptionalInt.empty(), WorkerPriority.threadIdOf("25672/task/x"));
    }

    @Test
    void theNiceValueIsCountedFromTheEndOfTheThreadsName() {
        // a real line (a JVM's GC thread at nice 10), whose name holds a space and a parenthesis
        String stat = "24786 (GC Thread#0 (x)) S 24766 24760 24760 0 -1 1077936192 119 0 0 0 97 12 0 0 30 10 40 0"
                + " 7158 4294967295 2048 6000 140 0 0 0 0 0 16386 0 0 0 -1 1 0 0 0 0 0";
        assertEquals(OptionalInt.of(10), WorkerPriority.niceOf(stat));
        assertEquals(OptionalInt.of(-5), WorkerPriority.niceOf(stat.replace(" 30 10 40 ", " 15 -5 40 ")));
        assertEquals(OptionalInt.empty(), WorkerPriority.niceOf("24786 (java) S 1 2"));
        assertEquals(OptionalInt.empty(), WorkerPriority.niceOf("no name"));
    }

    @Test
    void theNiceValueAskedForIsFromZeroTo19() {
        assertEquals(WorkerPriority.NICE, WorkerPriority.wantedNice(null));
        assertEquals(0, WorkerPriority.wantedNice("0"));
        assertEquals(19, WorkerPriority.wantedNice(" 19 "));
        assertEquals(WorkerPriority.NICE, WorkerPriority.wantedNice("20"));
        assertEquals(WorkerPriority.NICE, WorkerPriority.wantedNice("-5"));
        assertEquals(WorkerPriority.NICE, WorkerPriority.wantedNice("low"));
    }

    @Test
    void aWorkerAndTheThreadsItStartsRunAtTheLowerPriority() throws InterruptedException {
        OptionalInt ours = assumeThreadsCanBeLowered();
        AtomicReference<OptionalInt> worker = new AtomicReference<>();
        AtomicReference<OptionalInt> started = new AtomicReference<>();
        Thread thread = WorkerPriority.newThread(() -> {
            worker.set(WorkerPriority.currentNice());
            Thread child = new Thread(() -> started.set(WorkerPriority.currentNice()));
            child.start();
            try {
                child.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-priority-test");
        thread.start();
        thread.join();
        assertEquals(OptionalInt.of(WorkerPriority.NICE), worker.get(), WorkerPriority.outcome());
        assertEquals(OptionalInt.of(WorkerPriority.NICE), started.get(), "a thread a worker starts inherits its nice");
        assertEquals("nice " + WorkerPriority.NICE, WorkerPriority.outcome());
        assertEquals(ours, WorkerPriority.currentNice(), "the thread that started the worker is not lowered");
        assertTrue(thread.isDaemon());
    }

    @Test
    void theCompilerThreadsAreKnownByTheirCutNames() {
        assertTrue(WorkerPriority.isCompilerThread("C2 CompilerThre\n"));
        assertTrue(WorkerPriority.isCompilerThread("C1 CompilerThre"));
        assertFalse(WorkerPriority.isCompilerThread("GC Thread#0"));
        assertFalse(WorkerPriority.isCompilerThread("JavaFX Applicat"));
        assertEquals(List.of("renice", "-n", "10", "-p", "41", "42"), WorkerPriority.reniceCommand(10, List.of(41, 42)));
    }

    @Test
    void theJitCompilerThreadsGoToTheWorkersNiceValue() throws Exception {
        OptionalInt ours = assumeThreadsCanBeLowered();
        String outcome = WorkerPriority.lowerCompilerThreads();
        assertTrue(outcome.startsWith("nice " + WorkerPriority.NICE + " ("), outcome);
        int compilers = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (WorkerPriority.isCompilerThread(Files.readString(task.resolve("comm")))) {
                        String stat = Files.readString(task.resolve("stat"));
                        compilers++;
                        assertEquals(OptionalInt.of(WorkerPriority.NICE), WorkerPriority.niceOf(stat), stat);
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended while the directory was read
                }
            }
        }
        assertTrue(compilers > 0, "a JVM with a JIT has compiler threads");
        assertEquals(ours, WorkerPriority.currentNice(), "the calling thread keeps its priority");
    }

    /**
     * Linux with renice, and a test thread below {@link WorkerPriority#NICE}: its nice value. Elsewhere
     * (no /proc/thread-self) threads keep Java's priorities only, and the test is skipped.
     */
    private static OptionalInt assumeThreadsCanBeLowered() {
        Assumptions.assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")),
                "no /proc/thread-self (not Linux): threads only take Java's priorities there");
        RedisBinaries.requireRenice();
        OptionalInt ours = WorkerPriority.currentNice();
        assertTrue(ours.isPresent(), "the test thread's nice value is readable");
        Assumptions.assumeTrue(ours.getAsInt() < WorkerPriority.NICE,
                "the tests already run at nice " + ours.getAsInt() + ": nothing to lower");
        return ours;
    }
}
