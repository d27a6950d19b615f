package dev.taskflux.service.trigger;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import java.time.Instant;
import java.util.Optional;

/**
 * When a task definition fires: pure functions of its {@link TaskSpec}, the previous fire and the
 * current time, so the scheduler and its tests need no clock.
 *
 * <p>Every result honours the spec's bounds: no fire after {@code endAt} (a fire exactly at
 * {@code endAt} still runs) and none once {@code maxRuns} fires have happened.
 */
public final class FireSchedule {

    private FireSchedule() {
    }

    /**
     * The first fire of a new (or resumed) definition, as seen at {@code now}.
     *
     * <ul>
     *   <li>immediate: {@code now}, or {@code startAt} when that is later;</li>
     *   <li>at: its instant even when already past, so the misfire policy decides what happens;
     *       empty when it is before {@code startAt};</li>
     *   <li>interval: the later of {@code now} and {@code startAt}, plus the initial delay;</li>
     *   <li>cron: the first fire at or after the later of {@code now} and {@code startAt}: a
     *       definition created at exactly 09:00:00 on a 09:00 schedule fires right away.</li>
     * </ul>
     *
     * @return empty when the first fire would come after {@code endAt} or never comes
     */
    public static Optional<Instant> firstFire(TaskSpec spec, Instant now) {
        Instant start = spec.startAt() != null && spec.startAt().isAfter(now) ? spec.startAt() : now;
        Trigger trigger = spec.trigger();
        Optional<Instant> fire;
        if (trigger instanceof Trigger.At at) {
            fire = Optional.of(at.at()).filter(instant -> spec.startAt() == null || !instant.isBefore(spec.startAt()));
        } else if (trigger instanceof Trigger.Interval interval) {
            fire = Optional.of(start.plus(interval.initialDelay()));
        } else if (trigger instanceof Trigger.Cron cron) {
            // Cron fires are whole seconds, so "strictly after a nanosecond earlier" is "at or after".
            fire = CronSchedule.parse(cron.expression()).nextAfter(start.minusNanos(1), cron.zone());
        } else {
            fire = Optional.of(start);
        }
        return bounded(spec, fire, 0);
    }

    /**
     * The fire after {@code previousFire}, a fire of this spec: {@code previousFire + every} for
     * an interval, the next cron fire strictly after it for cron, and nothing for the one-shot
     * immediate and at triggers.
     *
     * @param firesSoFar fires that have happened, {@code previousFire} included
     * @return empty once {@code firesSoFar} reaches {@code maxRuns}, when the fire would come
     *         after {@code endAt}, or when the trigger has no further fire
     */
    public static Optional<Instant> nextFire(TaskSpec spec, Instant previousFire, long firesSoFar) {
        Trigger trigger = spec.trigger();
        Optional<Instant> fire = Optional.empty();
        if (trigger instanceof Trigger.Interval interval) {
            fire = Optional.of(previousFire.plus(interval.every()));
        } else if (trigger instanceof Trigger.Cron cron) {
            fire = CronSchedule.parse(cron.expression()).nextAfter(previousFire, cron.zone());
        }
        return bounded(spec, fire, firesSoFar);
    }

    /** Whether the trigger fires at most once. */
    static boolean isOneShot(Trigger trigger) {
        return trigger instanceof Trigger.Immediate || trigger instanceof Trigger.At;
    }

    /** How many more fires {@code maxRuns} allows after {@code firesSoFar}. */
    static long runsLeft(TaskSpec spec, long firesSoFar) {
        return spec.maxRuns() == null ? Long.MAX_VALUE : Math.max(0, spec.maxRuns() - firesSoFar);
    }

    /** Whether {@code fire} is not past {@code endAt}. */
    static boolean beforeEnd(TaskSpec spec, Instant fire) {
        return spec.endAt() == null || !fire.isAfter(spec.endAt());
    }

    private static Optional<Instant> bounded(TaskSpec spec, Optional<Instant> fire, long firesSoFar) {
        return runsLeft(spec, firesSoFar) > 0 ? fire.filter(f -> beforeEnd(spec, f)) : Optional.empty();
    }
}
