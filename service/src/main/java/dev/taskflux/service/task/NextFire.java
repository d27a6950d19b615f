package dev.taskflux.service.task;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.service.trigger.FireSchedule;
import java.time.Instant;
import java.util.Optional;

/** Where a definition's schedule (re)starts when it is created, updated or resumed. */
final class NextFire {

    private NextFire() {
    }

    /**
     * The first fire from {@code now}, or empty when nothing is left: {@code maxRuns} reached, or a
     * one-shot trigger that already fired and was not changed.
     */
    static Optional<Instant> from(TaskSpec spec, long runCount, Instant now, boolean triggerChanged) {
        if (spec.maxRuns() != null && runCount >= spec.maxRuns()) {
            return Optional.empty();
        }
        boolean oneShot = spec.trigger() instanceof Trigger.Immediate || spec.trigger() instanceof Trigger.At;
        if (oneShot && runCount > 0 && !triggerChanged) {
            return Optional.empty();
        }
        return FireSchedule.firstFire(spec, now);
    }
}
