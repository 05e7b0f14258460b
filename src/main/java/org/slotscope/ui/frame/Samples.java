package org.slotscope.ui.frame;

import java.util.Arrays;

/**
 * The last {@code capacity} durations (ns) in a fixed ring, so a meter costs nothing to leave on; the
 * longest since {@link #clear()} is kept apart, so it survives the ring wrapping. Not thread-safe:
 * the meters that own one synchronize.
 */
final class Samples {
    private final long[] values;
    private int count;
    private int next;
    private long longest;

    Samples(int capacity) {
        values = new long[capacity];
    }

    void add(long nanos) {
        values[next] = nanos;
        next = (next + 1) % values.length;
        count = Math.min(count + 1, values.length);
        longest = Math.max(longest, nanos);
    }

    void clear() {
        count = 0;
        next = 0;
        longest = 0;
    }

    int count() {
        return count;
    }

    double longestMillis() {
        return longest / 1e6;
    }

    /**
     * The p-th percentiles (nearest rank) in ms, one sort for all of them (the overlay asks four
     * times a second, and the ring holds up to a hundred thousand); zeros without samples.
     */
    double[] percentilesMillis(double... ps) {
        double[] out = new double[ps.length];
        if (count == 0) {
            return out;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        for (int i = 0; i < ps.length; i++) {
            int rank = (int) Math.ceil(ps[i] / 100.0 * count);
            out[i] = sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
        }
        return out;
    }
}
