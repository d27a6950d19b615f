package dev.taskflux.service.trigger;

import dev.taskflux.api.MisfirePolicy;
import dev.taskflux.api.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a due fire turns into when the scheduler reaches it, applying the definition's
 * {@link MisfirePolicy} when it is reached late.
 */
public final class MisfirePlanner {

    private MisfirePlanner() {
    }

    /**
     * Plans the fires for {@code dueFire}, reached at {@code now}.
     *
     * <p>A fire reached no more than {@code threshold} late is on time: it runs, and the next fire
     * follows it. Otherwise it is a misfire, and every fire of the schedule from {@code dueFire}
     * up to {@code now} was missed:
     * <ul>
     *   <li>{@link MisfirePolicy#FIRE_ONCE}: one run, at the latest missed fire;</li>
     *   <li>{@link MisfirePolicy#SKIP}: no run;</li>
     *   <li>{@link MisfirePolicy#FIRE_ALL}: a run for each missed fire no older than
     *       {@code catchUpWindow} before {@code now}, at most the latest {@code catchUpLimit};</li>
     * </ul>
     * and the next fire is the first one of the schedule after {@code now}. A one-shot trigger
     * (immediate, at) runs its single fire under FIRE_ONCE and FIRE_ALL, whatever the window, and
     * drops it under SKIP. {@code maxRuns} (counting {@code firesSoFar}) and {@code endAt} bound
     * both the runs and the next fire; when {@code maxRuns} cuts catch-up runs short, the oldest
     * ones run, as they would have without the outage.
     *
     * @param firesSoFar fires that have happened before {@code dueFire}
     */
    public static MisfirePlan plan(TaskSpec spec, Instant dueFire, long firesSoFar, Instant now,
            Duration threshold, Duration catchUpWindow, int catchUpLimit) {
        long runsLeft = FireSchedule.runsLeft(spec, firesSoFar);
        if (runsLeft == 0 || !FireSchedule.beforeEnd(spec, dueFire)) {
            return MisfirePlan.finished();
        }
        if (!isMisfire(dueFire, now, threshold)) {
            return new MisfirePlan(List.of(dueFire), FireSchedule.nextFire(spec, dueFire, firesSoFar + 1));
        }
        if (FireSchedule.isOneShot(spec.trigger())) {
            List<Instant> fires = spec.misfire() == MisfirePolicy.SKIP ? List.of() : List.of(dueFire);
            return new MisfirePlan(fires, Optional.empty());
        }
        MissedFires missed = MissedFires.of(spec.trigger(), dueFire);
        Instant upTo = spec.endAt() != null && spec.endAt().isBefore(now) ? spec.endAt() : now;
        // Not empty: dueFire is at most endAt and, being late, before now.
        Instant latest = missed.latestAtOrBefore(upTo).orElseThrow();
        List<Instant> fires = pick(spec.misfire(), missed, latest, now.minus(catchUpWindow), catchUpLimit);
        if (fires.size() > runsLeft) {
            fires = fires.subList(0, (int) runsLeft);
        }
        return new MisfirePlan(fires, FireSchedule.nextFire(spec, latest, firesSoFar + fires.size()));
    }

    /** Whether {@code dueFire}, reached at {@code now}, is more than {@code threshold} late: a misfire. */
    public static boolean isMisfire(Instant dueFire, Instant now, Duration threshold) {
        return Duration.between(dueFire, now).compareTo(threshold) > 0;
    }

    private static List<Instant> pick(MisfirePolicy policy, MissedFires missed, Instant latest, Instant windowStart,
            int limit) {
        return switch (policy) {
            case SKIP -> List.of();
            case FIRE_ALL -> catchUp(missed, latest, windowStart, limit);
            case FIRE_ONCE -> List.of(latest);
        };
    }

    /** The missed fires from {@code windowStart} on, at most the latest {@code limit}, oldest first. */
    private static List<Instant> catchUp(MissedFires missed, Instant latest, Instant windowStart, int limit) {
        List<Instant> fires = new ArrayList<>();
        Optional<Instant> fire = Optional.of(latest);
        while (fire.isPresent() && fires.size() < limit && !fire.get().isBefore(windowStart)) {
            fires.add(fire.get());
            fire = missed.before(fire.get());
        }
        Collections.reverse(fires);
        return fires;
    }
}
