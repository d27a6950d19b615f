package dev.taskflux.service.task;

import dev.taskflux.api.TaskSpec;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * A check of what a task spec refers to outside itself (other tasks, workflows), made when a
 * definition is created or changed, after the spec itself is valid. Implement it as a bean.
 */
public interface TaskSpecCheck {

    /**
     * Checks {@code spec}, the spec of definition {@code id}; completes empty when it is fine and
     * fails with an {@code InvalidArgumentException} naming the field otherwise.
     */
    Mono<Void> check(UUID id, TaskSpec spec);
}
