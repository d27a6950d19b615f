package dev.taskflux.service.execution;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An instance this node holds a lease on, with what it needs to run it.
 *
 * @param id           instance id
 * @param definitionId definition id
 * @param kind         scheduled or manual
 * @param fireAt       when it fired
 * @param dueAt        when it may start
 * @param attempt      attempts started before this node took it
 * @param spec         the definition's spec (handler, params, retry, timeout)
 * @param attempts     the attempts recorded so far
 */
public record ClaimedInstance(UUID id, UUID definitionId, FireKind kind, Instant fireAt, Instant dueAt, int attempt,
                              TaskSpec spec, List<Attempt> attempts) {

    public ClaimedInstance {
        attempts = List.copyOf(attempts);
    }

    /** The definition's owner. */
    public String owner() {
        return spec.owner();
    }

    /** Higher runs first when this node is saturated. */
    public int priority() {
        return spec.priority();
    }
}
