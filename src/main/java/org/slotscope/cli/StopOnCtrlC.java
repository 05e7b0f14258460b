package org.slotscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a long operation: ask it to stop between two slots, and hold the JVM's exit until it
 * has (at most a minute), so a slot being moved is finished rather than cut in half and the command
 * can still say how far it got. Closing it (when the operation returns) releases the exit.
 */
final class StopOnCtrlC implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopOnCtrlC(Runnable cancel) {
        this.hook = new Thread(() -> {
            cancel.run();
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C came: the hook is waiting for this close, and the JVM exits right after
        }
    }
}
