package dev.taskflux.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies recorded from many threads at once into 0.1 ms buckets up to 60 s (longer ones land in
 * the last bucket; the maximum is kept exactly), read back as percentiles in milliseconds.
 */
final class LatencyHistogram {

    private static final long BUCKET_MICROS = 100;
    private static final int BUCKETS = 600_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, Long.MIN_VALUE);

    /** Records one latency; negative ones (clock steps) count as zero. */
    void record(long micros) {
        long clamped = Math.max(0, micros);
        counts.incrementAndGet((int) Math.min(BUCKETS - 1, clamped / BUCKET_MICROS));
        total.increment();
        max.accumulate(clamped);
    }

    /** How many were recorded. */
    long count() {
        return total.sum();
    }

    /** p50, p90, p99 (each the upper edge of its bucket) and the exact maximum, in ms; NaN when empty. */
    Percentiles percentiles() {
        long n = count();
        if (n == 0) {
            return Percentiles.ofSorted(new double[0]);
        }
        return new Percentiles((int) Math.min(Integer.MAX_VALUE, n), rank(n, 0.50), rank(n, 0.90), rank(n, 0.99),
                max.get() / 1000.0);
    }

    private double rank(long n, double p) {
        long wanted = (long) Math.ceil(p * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return (i + 1) * BUCKET_MICROS / 1000.0;
            }
        }
        return max.get() / 1000.0;
    }
}
