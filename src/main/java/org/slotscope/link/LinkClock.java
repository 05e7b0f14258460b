package org.slotscope.link;

/**
 * Time as seen by code that talks over links (the cluster client, a workload): when something
 * happened, and how to wait. A seam, as in Jedis, so retry logic runs on the simulator's virtual
 * clock (where a "sleep" lets the rest of the cluster run) and on the wall clock against a real
 * cluster.
 */
public interface LinkClock {
    long nowMillis();

    /** For latencies: microseconds on the wall clock; the simulator's clock counts whole milliseconds. */
    default long nowMicros() {
        return nowMillis() * 1000;
    }

    void sleep(long millis);

    /** Wall-clock time since this clock was made; sleep is Thread.sleep. */
    static LinkClock system() {
        long start = System.nanoTime();
        return new LinkClock() {
            @Override
            public long nowMillis() {
                return (System.nanoTime() - start) / 1_000_000;
            }

            @Override
            public long nowMicros() {
                return (System.nanoTime() - start) / 1_000;
            }

            @Override
            public void sleep(long millis) {
                if (millis <= 0) {
                    return;
                }
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while backing off", e);
                }
            }
        };
    }
}
