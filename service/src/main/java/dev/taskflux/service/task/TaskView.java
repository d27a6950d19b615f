package dev.taskflux.service.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A task definition as the REST API shows it: its spec's fields beside its state.
 *
 * @param id         identity
 * @param status     scheduling state
 * @param nextFireAt next scheduled fire, absent when none
 * @param runCount   scheduled fires so far
 * @param version    increases with every change
 * @param createdAt  creation time
 * @param updatedAt  last change
 * @param spec       the spec, inlined
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(UUID id, TaskStatus status, Instant nextFireAt, long runCount, long version, Instant createdAt,
                       Instant updatedAt, @JsonUnwrapped TaskDocument spec) {

    /** The view of {@code d}. */
    public static TaskView of(TaskDefinition d) {
        return new TaskView(d.id(), d.status(), d.nextFireAt(), d.runCount(), d.version(), d.createdAt(),
                d.updatedAt(), TaskDocument.of(d.spec()));
    }
}
