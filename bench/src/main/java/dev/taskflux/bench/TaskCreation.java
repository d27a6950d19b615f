package dev.taskflux.bench;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.service.task.TaskService;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;

/** Creates task definitions through the service's own {@link TaskService}, a bounded number at a time. */
final class TaskCreation {

    private TaskCreation() {
    }

    /**
     * Creates {@code count} definitions, the i-th from {@code spec.apply(i)}, at most
     * {@code concurrency} in flight; blocks until all are stored and emits how long it took. Fails
     * with the first creation error, or with {@link IllegalStateException} after {@code timeout}.
     */
    static Duration create(TaskService tasks, int count, IntFunction<TaskSpec> spec, int concurrency,
                           Duration timeout) {
        Instant start = WallClock.CLOCK.instant();
        Flux.range(0, count).flatMap(i -> tasks.create(spec.apply(i)), concurrency).then().block(timeout);
        return Duration.between(start, WallClock.CLOCK.instant());
    }
}
