package dev.taskflux.service.execution;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.service.event.EventType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One state change of a running instance, applied only if the row is still as this node last
 * left it (its lease, its attempt number and an expected status): the fence that keeps a node
 * that lost its lease from overwriting the work of another.
 *
 * @param instance        the instance
 * @param expectedStatus  the row must be in one of these states
 * @param expectedAttempt the row must have this attempt number
 * @param status          the new state
 * @param attempt         the new attempt number
 * @param dueAt           when it may start next
 * @param startedAt       when the first attempt started
 * @param finishedAt      when it finished, for final states
 * @param result          the handler result as JSON, for COMPLETED
 * @param error           the failure, for RETRYING and failed states
 * @param attempts        every attempt so far
 * @param event           the event published once applied
 * @param at              when it happened
 */
public record Transition(ClaimedInstance instance, Set<InstanceStatus> expectedStatus, int expectedAttempt,
                         InstanceStatus status, int attempt, Instant dueAt, Instant startedAt, Instant finishedAt,
                         String result, String error, List<Attempt> attempts, EventType event, Instant at) {

    /** Attempt {@code attempts.last()} started. */
    static Transition started(ClaimedInstance i, List<Attempt> attempts, Instant at) {
        int n = attempts.size();
        return new Transition(i, EnumSet.of(InstanceStatus.PENDING, InstanceStatus.RETRYING), n - 1,
                InstanceStatus.RUNNING, n, at, attempts.get(0).startedAt(), null, null, null, attempts,
                EventType.INSTANCE_STARTED, at);
    }

    /** The last attempt failed; the next one is due at {@code retryAt}. */
    static Transition retrying(ClaimedInstance i, List<Attempt> attempts, String error, Instant retryAt, Instant at) {
        int n = attempts.size();
        return new Transition(i, EnumSet.of(InstanceStatus.RUNNING), n, InstanceStatus.RETRYING, n, retryAt,
                attempts.get(0).startedAt(), null, null, error, attempts, EventType.INSTANCE_RETRYING, at);
    }

    /** The instance reached a final state. */
    static Transition finished(ClaimedInstance i, List<Attempt> attempts, InstanceStatus status, String result,
                               String error, Instant at) {
        int n = attempts.size();
        Instant started = attempts.isEmpty() ? at : attempts.get(0).startedAt();
        return new Transition(i, EnumSet.of(InstanceStatus.RUNNING), n, status, n, at, started, at, result, error,
                attempts, finalEvent(status), at);
    }

    /** This transition's values, fenced by {@code earlier}'s expectations: both applied at once. */
    Transition after(Transition earlier) {
        return new Transition(instance, earlier.expectedStatus, earlier.expectedAttempt, status, attempt, dueAt,
                startedAt, finishedAt, result, error, attempts, event, at);
    }

    /** The small payload of the event this transition publishes. */
    Map<String, Object> payload() {
        return error == null ? Map.of("attempt", attempt, "status", status.name())
                : Map.of("attempt", attempt, "status", status.name(), "error", error);
    }

    UUID id() {
        return instance.id();
    }

    private static EventType finalEvent(InstanceStatus status) {
        switch (status) {
            case COMPLETED:
                return EventType.INSTANCE_COMPLETED;
            case TIMED_OUT:
                return EventType.INSTANCE_TIMED_OUT;
            case CANCELLED:
                return EventType.INSTANCE_CANCELLED;
            default:
                return EventType.INSTANCE_FAILED;
        }
    }
}
