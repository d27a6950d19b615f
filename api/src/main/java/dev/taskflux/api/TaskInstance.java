package dev.taskflux.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run of a definition ("the 2026-10-01 08:00 send") and its outcome. Instances are history:
 * they stay queryable until retention removes them.
 *
 * @param id           identity
 * @param definitionId the definition that fired
 * @param owner        the definition's owner
 * @param handler      the handler that runs it
 * @param kind         scheduled or manual
 * @param fireAt       when it was due
 * @param status       current state
 * @param attempt      attempts started so far (0 before the first)
 * @param priority     the definition's priority when it fired
 * @param startedAt    when the first attempt started
 * @param finishedAt   when it reached a final state
 * @param result       the handler's JSON-compatible result, when completed
 * @param error        why the last attempt failed, when it did
 * @param leaseOwner   the node running it
 * @param dueAt        when it may start (its fire time, or when the next retry is due)
 * @param attempts     every attempt so far, oldest first
 * @param createdAt    when the fire was recorded
 */
public record TaskInstance(
        UUID id,
        UUID definitionId,
        String owner,
        String handler,
        FireKind kind,
        Instant fireAt,
        InstanceStatus status,
        int attempt,
        int priority,
        Instant startedAt,
        Instant finishedAt,
        Object result,
        String error,
        String leaseOwner,
        Instant dueAt,
        List<Attempt> attempts,
        Instant createdAt) {

    public TaskInstance {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
