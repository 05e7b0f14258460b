package org.slotscope.ui.frame;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long the window's own code runs on the FX thread, per phase (applying a snapshot, turning events
 * into flights, painting the moving layer), to tell our cost from the toolkit's layout and rendering.
 */
public final class WorkMeter {
    private static final int CAPACITY = 20_000;

    private final Map<String, Samples> phases = new LinkedHashMap<>();

    public void add(String phase, long nanos) {
        phases.computeIfAbsent(phase, p -> new Samples(CAPACITY)).add(nanos);
    }

    public void reset() {
        phases.clear();
    }

    /** "snapshot p50 0.4 ms p99 3.1 ms max 9.0 ms (120); events ..." */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Samples> e : phases.entrySet()) {
            Samples samples = e.getValue();
            if (samples.count() == 0) {
                continue;
            }
            // max: the longest of the samples kept (p100), as the percentiles are of those
            double[] p = samples.percentilesMillis(50, 99, 100);
            out.append(out.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                    "%s p50 %.2f ms p99 %.2f ms max %.2f ms (%d)", e.getKey(), p[0], p[1], p[2], samples.count()));
        }
        return out.toString();
    }
}
