package dev.taskflux.service.execution;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Definitions the dispatcher reached later than the misfire threshold, whose misfire policy then
 * decided their runs: after the service was down, or while it cannot keep up with the fires. Counted
 * in {@code taskflux.fires.misfired}, and told in a warning at most once per {@link #WARN_EVERY}, so
 * a node that falls behind says so without flooding its log.
 */
final class Misfires {

    /** The shortest time between two warnings. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(Misfires.class);

    private final Counter misfired;
    private final Duration threshold;
    private Instant warnedAt;
    private long sinceWarned;

    Misfires(MeterRegistry registry, Duration threshold) {
        this.threshold = threshold;
        this.misfired = Counter.builder("taskflux.fires.misfired")
                .description("Due definitions reached later than the misfire threshold; their misfire policy applied")
                .register(registry);
    }

    /**
     * Counts {@code late} definitions reached late by a fire round at {@code now}; emits whether it
     * warned about them (and those since the last warning).
     */
    synchronized boolean record(int late, Instant now) {
        if (late <= 0) {
            return false;
        }
        misfired.increment(late);
        sinceWarned += late;
        if (warnedAt != null && now.isBefore(warnedAt.plus(WARN_EVERY))) {
            return false;
        }
        log.warn("{} due task definitions were reached more than {} late (the service was down, or cannot keep up "
                + "with the fires); their misfire policies decided what ran", sinceWarned, threshold);
        warnedAt = now;
        sinceWarned = 0;
        return true;
    }
}
