package org.slotscope.ui.frame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long the window's own code runs on the FX thread, per phase (applying a snapshot, turning events
 * into flights, painting the moving layer), to tell our cost from the toolkit's layout and rendering.
 */
public final class WorkMeter {
    private static final int CAPACITY = 20_000;

    private static final class Samples {
        final long[] values = new long[CAPACITY];
        int count;
        int next;
    }

    private final Map<String, Samples> phases = new LinkedHashMap<>();

    public void add(String phase, long nanos) {
        Samples s = phases.computeIfAbsent(phase, p -> new Samples());
        s.values[s.next] = nanos;
        s.next = (s.next + 1) % CAPACITY;
        s.count = Math.min(s.count + 1, CAPACITY);
    }

    public void reset() {
        phases.clear();
    }

    /** "snapshot p50 0.4 ms p99 3.1 ms max 9.0 ms (120); events ..." */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Samples> e : phases.entrySet()) {
            long[] sorted = Arrays.copyOf(e.getValue().values, e.getValue().count);
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s p50 %.2f ms p99 %.2f ms max %.2f ms (%d)", e.getKey(), sorted[(sorted.length - 1) / 2] / 1e6,
                    sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1e6,
                    sorted[sorted.length - 1] / 1e6, sorted.length));
        }
        return out.toString();
    }
}
