package dev.taskflux.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored task definition: the rule ("every day at 08:00 send the report") with its scheduling
 * state.
 *
 * @param id         identity
 * @param spec       what runs and when
 * @param status     scheduling state
 * @param nextFireAt the next scheduled fire, {@code null} when nothing is left to fire or paused
 * @param runCount   fires so far (scheduled and manual)
 * @param version    optimistic-lock version, increased by every change
 * @param createdAt  creation time
 * @param updatedAt  last change
 */
public record TaskDefinition(
        UUID id,
        TaskSpec spec,
        TaskStatus status,
        Instant nextFireAt,
        long runCount,
        long version,
        Instant createdAt,
        Instant updatedAt) {
}
