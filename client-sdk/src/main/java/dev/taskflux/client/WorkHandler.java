package dev.taskflux.client;

import reactor.core.publisher.Mono;

/**
 * What a remote {@link Worker} runs for one attempt of a task instance. The returned {@code Mono}
 * must be lazy; its value (JSON-like: maps, lists, strings, numbers, booleans) is the result, an
 * empty {@code Mono} means no result, and an error fails the attempt (retried under the task's
 * policy unless it is a {@link NonRetryableException}). When the attempt is cancelled or times out
 * the {@code Mono} is disposed: stop the work then. Handlers are subscribed on gRPC threads and must
 * not block; move blocking work elsewhere with {@code subscribeOn}.
 */
@FunctionalInterface
public interface WorkHandler {

    /** Runs one attempt. */
    Mono<?> handle(WorkContext context);
}
