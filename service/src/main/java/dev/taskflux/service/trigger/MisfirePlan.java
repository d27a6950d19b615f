package dev.taskflux.service.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do about a due fire: the fires to record now and when the definition fires next.
 *
 * @param fires      the fires to run now, oldest first; empty when the due fire is dropped
 * @param nextFireAt the next scheduled fire; empty when the definition has nothing left to fire
 */
public record MisfirePlan(List<Instant> fires, Optional<Instant> nextFireAt) {

    public MisfirePlan {
        fires = List.copyOf(fires);
        Objects.requireNonNull(nextFireAt, "nextFireAt");
    }

    /** A plan that runs nothing and ends the schedule. */
    static MisfirePlan finished() {
        return new MisfirePlan(List.of(), Optional.empty());
    }
}
