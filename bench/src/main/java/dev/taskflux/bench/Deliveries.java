package dev.taskflux.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one kind of subscriber received: every delivery's latency from the event's {@code at} (the
 * service clock, the same system clock in this JVM) to its arrival, counted only inside the
 * measured window, and how often a subscriber was cut off for falling behind.
 */
final class Deliveries {

    private final LatencyHistogram latency = new LatencyHistogram();
    private final LongAdder cutOffs = new LongAdder();
    private volatile Instant from = Instant.MAX;
    private volatile Instant to = Instant.MAX;

    /** Starts counting deliveries that arrive from now on, until {@link #stop()}. */
    void start() {
        from = WallClock.CLOCK.instant();
    }

    /** Stops counting. */
    void stop() {
        to = WallClock.CLOCK.instant();
    }

    /** One event arrived; {@code at} is when it happened. */
    void delivered(Instant at) {
        Instant now = WallClock.CLOCK.instant();
        if (!now.isBefore(from) && now.isBefore(to)) {
            latency.record(Duration.between(at, now).toNanos() / 1000);
        }
    }

    /** A subscriber was cut off and watches again. */
    void cutOff() {
        cutOffs.increment();
    }

    long count() {
        return latency.count();
    }

    long cutOffs() {
        return cutOffs.sum();
    }

    Percentiles percentiles() {
        return latency.percentiles();
    }

    /** Deliveries per second over the measured window. */
    double perSecond() {
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        return seconds <= 0 ? Double.NaN : count() / seconds;
    }
}
