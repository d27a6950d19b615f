package dev.taskflux.service.handler;

import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The work behind a task: Taskflux runs the handler a task definition names each time one of its
 * instances fires. Implement it as a Spring bean; {@link HandlerRegistry} collects every bean at
 * start-up.
 *
 * <p>Handlers run on event-loop threads and must not block; wrap blocking code with
 * {@link #blocking(String, Function)}. Cancellation (a timeout, the task being cancelled, shutdown)
 * disposes the {@code Mono} returned by {@link #handle}, so the returned {@code Mono} must be lazy
 * (do nothing until subscribed) and must stop its work and release its resources when cancelled.
 */
public interface TaskHandler {

    /** The name task definitions use to pick this handler; unique in the registry. */
    String name();

    /**
     * Runs one attempt. The result must be JSON-compatible: a {@code Map}, {@code List},
     * {@code String}, {@code Number} or {@code Boolean}, nested freely; an empty {@code Mono} means
     * no result. An error signal fails the attempt, which is retried per the task's retry policy
     * unless {@link RetryableErrors#isRetryable(Throwable)} says otherwise.
     */
    Mono<Object> handle(HandlerContext context);

    /**
     * Checks params when a task definition using this handler is created or updated. Accepts
     * anything by default.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming each bad param as
     *         {@code params.<key>}, for example {@code params.url}
     */
    default void validate(Map<String, Object> params) {
    }

    /**
     * Completes when this handler can take another instance. Until then the instance stays PENDING
     * and holds no concurrency slot. In-process handlers always can (an empty {@code Mono}); remote
     * handlers wait for a connected worker with free capacity.
     */
    default Mono<Void> ready() {
        return Mono.empty();
    }

    /**
     * Whether this node can run instances of this handler at all now. In-process handlers always
     * can; a remote handler only while a worker serving it is connected to this node. A node leaves
     * the instances of a handler it cannot run unclaimed, for a node that can.
     */
    default boolean available() {
        return true;
    }

    /**
     * A handler that runs blocking {@code work} on {@link Schedulers#boundedElastic()}.
     *
     * @see #blocking(String, Function, Scheduler)
     */
    static TaskHandler blocking(String name, Function<HandlerContext, Object> work) {
        return blocking(name, work, Schedulers.boundedElastic());
    }

    /**
     * A handler that runs blocking {@code work} on {@code scheduler}, never on the subscribing
     * thread. The work's return value is the result ({@code null} for none); what it throws fails
     * the attempt. Cancellation interrupts the thread running the work.
     */
    static TaskHandler blocking(String name, Function<HandlerContext, Object> work, Scheduler scheduler) {
        return new BlockingTaskHandler(name, work, scheduler);
    }
}
