package dev.taskflux.service.worker;

import dev.taskflux.service.handler.HandlerContext;
import java.util.UUID;

/**
 * One attempt of one instance, as workers name it in their answers.
 *
 * @param instanceId the instance
 * @param attempt    its attempt number, 1 for the first
 */
public record AttemptKey(UUID instanceId, int attempt) {

    static AttemptKey of(HandlerContext context) {
        return new AttemptKey(context.instanceId(), context.attempt());
    }
}
