package org.slotscope.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slotscope.client.ClientEvent;

/**
 * Live numbers per second of the workload's clock: operations completed, latency percentiles,
 * redirects by kind (MOVED, ASK, TRYAGAIN), errors by kind (operations that failed: the last
 * error's code, or UNREACHABLE / TIMEOUT / DEADLINE), and hops that failed and were retried
 * (CLUSTERDOWN, UNREACHABLE, TIMEOUT), whether or not the operation then succeeded. Thread-safe: real-cluster clients
 * run on their own threads.
 */
public final class WorkloadMetrics {
    /** One second's numbers; latencies in microseconds. */
    public record Second(long second, long ops, long acknowledged, long p50Micros, long p99Micros, long maxMicros,
                         Map<String, Long> redirects, Map<String, Long> errors, Map<String, Long> retries) {
        @Override
        public String toString() {
            return "t=" + second + "s ops=" + ops + " ok=" + acknowledged + " p50=" + p50Micros + "us p99="
                    + p99Micros + "us max=" + maxMicros + "us redirects=" + redirects + " errors=" + errors
                    + " retried=" + retries;
        }
    }

    private static final class Bucket {
        long ops;
        long acknowledged;
        long[] latencies = new long[64];
        int count;
        final Map<String, Long> redirects = new TreeMap<>();
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> retries = new TreeMap<>();
    }

    /** Counts since the start, without latencies: cheap to read several times a second. */
    public record Totals(long ops, long acknowledged, Map<String, Long> redirects, Map<String, Long> errors,
                         Map<String, Long> retries) {
        public long redirects(String kind) {
            return redirects.getOrDefault(kind, 0L);
        }

        /** Operations that ended without a usable reply. */
        public long failed() {
            return ops - acknowledged;
        }

        /** Hops that failed and were retried (CLUSTERDOWN, UNREACHABLE, TIMEOUT). */
        public long retried() {
            long sum = 0;
            for (long n : retries.values()) {
                sum += n;
            }
            return sum;
        }
    }

    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private final Map<String, Long> totalRedirects = new TreeMap<>();
    private final Map<String, Long> totalErrors = new TreeMap<>();
    private final Map<String, Long> totalRetries = new TreeMap<>();
    private long totalOps;
    private long totalAcknowledged;
    private long keepLatencySeconds = Long.MAX_VALUE;
    private long latenciesDroppedBefore = Long.MIN_VALUE;

    /**
     * Keeps the latencies of the last {@code seconds} seconds only (the counts are kept forever): a
     * workload running for hours in the window would otherwise hold every latency it ever measured.
     * Percentiles of {@link #total()} then cover those seconds only.
     */
    public synchronized WorkloadMetrics keepingLatenciesFor(long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("keep at least one second of latencies: " + seconds);
        }
        keepLatencySeconds = seconds;
        return this;
    }

    /** A finished operation: its latency, and an error kind when it did not succeed (null when it did). */
    public synchronized void completed(long atMillis, long latencyMicros, String errorKind) {
        Bucket b = bucket(atMillis);
        b.ops++;
        totalOps++;
        if (errorKind == null) {
            b.acknowledged++;
            totalAcknowledged++;
        } else {
            b.errors.merge(errorKind, 1L, Long::sum);
            totalErrors.merge(errorKind, 1L, Long::sum);
        }
        if (b.count == b.latencies.length) {
            b.latencies = Arrays.copyOf(b.latencies, b.count * 2);
        }
        b.latencies[b.count++] = latencyMicros;
    }

    /** Counts the redirects among a client's hops. */
    public synchronized void onEvent(ClientEvent event) {
        String kind = event instanceof ClientEvent.Moved ? "MOVED"
                : event instanceof ClientEvent.Ask ? "ASK"
                : event instanceof ClientEvent.TryAgain ? "TRYAGAIN" : null;
        if (kind != null) {
            bucket(event.time()).redirects.merge(kind, 1L, Long::sum);
            totalRedirects.merge(kind, 1L, Long::sum);
        }
        if (event instanceof ClientEvent.Failed failed) {
            bucket(event.time()).retries.merge(failed.kind().name(), 1L, Long::sum);
            totalRetries.merge(failed.kind().name(), 1L, Long::sum);
        }
    }

    private Bucket bucket(long atMillis) {
        long second = Math.floorDiv(atMillis, 1000);
        Bucket b = buckets.get(second);
        if (b == null) {
            b = new Bucket();
            buckets.put(second, b);
            dropOldLatencies(second);
        }
        return b;
    }

    private void dropOldLatencies(long newest) {
        if (keepLatencySeconds == Long.MAX_VALUE) {
            return;
        }
        long keepFrom = newest - keepLatencySeconds + 1;
        if (keepFrom <= latenciesDroppedBefore) {
            return;
        }
        for (Bucket old : buckets.subMap(latenciesDroppedBefore, true, keepFrom, false).values()) {
            old.latencies = new long[0];
            old.count = 0;
        }
        latenciesDroppedBefore = keepFrom;
    }

    /** Counts since the start (no latencies, nothing sorted). */
    public synchronized Totals totals() {
        return new Totals(totalOps, totalAcknowledged, Map.copyOf(totalRedirects), Map.copyOf(totalErrors),
                Map.copyOf(totalRetries));
    }

    /** One second's numbers (all zero when nothing happened in it). */
    public synchronized Second second(long second) {
        Bucket b = buckets.get(second);
        return summarise(second, b == null ? List.of() : List.of(b));
    }

    /** Every second seen so far, in order. */
    public synchronized List<Second> seconds() {
        List<Second> out = new ArrayList<>();
        buckets.forEach((second, b) -> out.add(summarise(second, List.of(b))));
        return out;
    }

    /** All seconds added up (second = -1). */
    public synchronized Second total() {
        return summarise(-1, new ArrayList<>(buckets.values()));
    }

    private static Second summarise(long second, List<Bucket> parts) {
        long ops = 0;
        long ok = 0;
        int count = 0;
        Map<String, Long> redirects = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> retries = new TreeMap<>();
        for (Bucket b : parts) {
            b.retries.forEach((k, v) -> retries.merge(k, v, Long::sum));
            ops += b.ops;
            ok += b.acknowledged;
            count += b.count;
            b.redirects.forEach((k, v) -> redirects.merge(k, v, Long::sum));
            b.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        long[] all = new long[count];
        int at = 0;
        for (Bucket b : parts) {
            System.arraycopy(b.latencies, 0, all, at, b.count);
            at += b.count;
        }
        Arrays.sort(all);
        return new Second(second, ops, ok, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1], Map.copyOf(redirects), Map.copyOf(errors),
                Map.copyOf(retries));
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
