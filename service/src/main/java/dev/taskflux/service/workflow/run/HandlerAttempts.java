package dev.taskflux.service.workflow.run;

import dev.taskflux.api.RetryPolicy;
import dev.taskflux.service.execution.Backoff;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.RetryableErrors;
import dev.taskflux.service.handler.TaskHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Calls a handler the way tasks are run: each attempt bounded by the timeout, failed attempts
 * retried under the retry policy with the same backoff and retryable-error rules as task
 * instances. Timers run on the given scheduler.
 */
final class HandlerAttempts {

    /** Hears about each attempt. */
    interface Listener {
        /** Attempt {@code number} starts at {@code at}. */
        void started(int number, Instant at);

        /** Attempt {@code number} failed; the next starts at {@code retryAt}, or never when {@code null}. */
        void failed(int number, Throwable error, String reason, Instant retryAt);
    }

    /** A listener that ignores everything, for the many items of a MAP. */
    static final Listener SILENT = new Listener() {
        @Override
        public void started(int number, Instant at) {
        }

        @Override
        public void failed(int number, Throwable error, String reason, Instant retryAt) {
        }
    };

    private final Clock clock;
    private final Scheduler scheduler;
    private final Backoff backoff;

    HandlerAttempts(Clock clock, Scheduler scheduler, Backoff backoff) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /**
     * Calls {@code handler} until an attempt succeeds or no retry is left; emits its result (empty
     * for none) or the last attempt's error.
     *
     * @param context the handler's context for an attempt number
     * @param made    attempts made before (by an earlier node), counted against the policy
     */
    Mono<Object> call(TaskHandler handler, IntFunction<HandlerContext> context, RetryPolicy retry,
            Duration timeout, int made, Listener listener) {
        AtomicInteger number = new AtomicInteger(made);
        Mono<Object> attempt = Mono.defer(() -> {
            int n = number.incrementAndGet();
            listener.started(n, clock.instant());
            Mono<Object> call = Mono.defer(() -> handler.handle(context.apply(n)));
            return timeout == null ? call : call.timeout(timeout, scheduler);
        });
        int allowed = 1 + retry.maxRetries();
        if (allowed <= made + 1) {
            return attempt.doOnError(error -> listener.failed(number.get(), error, describe(error, timeout,
                    number.get()), null));
        }
        return attempt.retryWhen(Retry.from(failures -> failures.concatMap(signal -> {
            Throwable error = signal.failure();
            int n = number.get();
            String reason = describe(error, timeout, n);
            if (n >= allowed || !RetryableErrors.isRetryable(error)) {
                listener.failed(n, error, reason, null);
                return Mono.error(error);
            }
            Duration delay = backoff.delay(retry, n);
            listener.failed(n, error, reason, clock.instant().plus(delay));
            return Mono.delay(delay, scheduler);
        })));
    }

    /** Why an attempt failed, in words. */
    static String describe(Throwable error, Duration timeout, int number) {
        if (error instanceof TimeoutException && timeout != null) {
            return "attempt " + number + " timed out after " + timeout;
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
