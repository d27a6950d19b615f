package dev.taskflux.service.trigger;

import dev.taskflux.api.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The fires of a recurring trigger from an overdue fire onwards, walked backwards from the
 * present. Walking backwards keeps catch-up cheap after a long outage: only the fires that will
 * run are computed, not every fire since the definition fell behind.
 */
abstract class MissedFires {

    final Instant dueFire;

    private MissedFires(Instant dueFire) {
        this.dueFire = dueFire;
    }

    /** The missed fires of {@code trigger}, which must be an interval or cron trigger. */
    static MissedFires of(Trigger trigger, Instant dueFire) {
        if (trigger instanceof Trigger.Interval interval) {
            return new Grid(dueFire, interval.every());
        }
        if (trigger instanceof Trigger.Cron cron) {
            return new OnCron(dueFire, CronSchedule.parse(cron.expression()), cron.zone());
        }
        throw new IllegalArgumentException("not a recurring trigger: " + trigger);
    }

    /** The latest fire at or before {@code limit}; empty when {@code limit} is before the due fire. */
    abstract Optional<Instant> latestAtOrBefore(Instant limit);

    /** The fire before {@code fire}; empty when {@code fire} is the due fire. */
    abstract Optional<Instant> before(Instant fire);

    /** Interval fires: the due fire plus whole multiples of the interval. */
    private static final class Grid extends MissedFires {
        private final Duration every;

        Grid(Instant dueFire, Duration every) {
            super(dueFire);
            this.every = every;
        }

        @Override
        Optional<Instant> latestAtOrBefore(Instant limit) {
            if (limit.isBefore(dueFire)) {
                return Optional.empty();
            }
            long steps = Duration.between(dueFire, limit).dividedBy(every);
            return Optional.of(dueFire.plus(every.multipliedBy(steps)));
        }

        @Override
        Optional<Instant> before(Instant fire) {
            return Optional.of(fire.minus(every)).filter(previous -> !previous.isBefore(dueFire));
        }
    }

    /** Cron fires, plus the due fire itself in case it was not one (a start time, say). */
    private static final class OnCron extends MissedFires {
        private final CronSchedule schedule;
        private final ZoneId zone;

        OnCron(Instant dueFire, CronSchedule schedule, ZoneId zone) {
            super(dueFire);
            this.schedule = schedule;
            this.zone = zone;
        }

        @Override
        Optional<Instant> latestAtOrBefore(Instant limit) {
            if (limit.isBefore(dueFire)) {
                return Optional.empty();
            }
            return atOrAfterDue(schedule.lastBefore(limit.plusNanos(1), zone));
        }

        @Override
        Optional<Instant> before(Instant fire) {
            return fire.isAfter(dueFire) ? atOrAfterDue(schedule.lastBefore(fire, zone)) : Optional.empty();
        }

        private Optional<Instant> atOrAfterDue(Optional<Instant> fire) {
            return Optional.of(fire.filter(f -> !f.isBefore(dueFire)).orElse(dueFire));
        }
    }
}
