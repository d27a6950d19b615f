package dev.taskflux.service.execution;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.NonRetryableException;
import dev.taskflux.service.handler.RetryableErrors;
import dev.taskflux.service.handler.TaskHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The Reactor pipeline of one instance: handler call, timeout, retries with backoff, each attempt
 * reported to {@link Transitions}. Disposing the subscription cancels the handler's {@code Mono},
 * which is how cancellation and REPLACE stop the work; nothing is recorded then, because whoever
 * cancels records the outcome.
 */
final class InstanceRun {

    private final ClaimedInstance instance;
    private final TaskHandler handler;
    private final Transitions transitions;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final ResultLimiter results;
    private final List<Attempt> attempts;

    InstanceRun(ClaimedInstance instance, TaskHandler handler, RunSupport support) {
        this.instance = instance;
        this.handler = handler;
        this.transitions = support.transitions();
        this.clock = support.clock();
        this.scheduler = support.scheduler();
        this.backoff = support.backoff();
        this.results = support.results();
        this.attempts = new ArrayList<>(instance.attempts());
    }

    /** Runs to a final state and completes; never errors. */
    Mono<InstanceStatus> run() {
        TaskSpec spec = instance.spec();
        int allowed = 1 + spec.retry().maxRetries();
        Mono<Object> tries = Mono.defer(this::attempt);
        if (allowed > attempts.size() + 1) {
            // Without a retry left to make, the common case skips the retry machinery altogether.
            tries = tries.retryWhen(Retry.from(failures -> failures.concatMap(signal -> retry(signal, allowed))));
        }
        return tries
                .map(result -> finish(InstanceStatus.COMPLETED, results.encode(result), null))
                .switchIfEmpty(Mono.fromSupplier(() -> finish(InstanceStatus.COMPLETED, null, null)))
                .onErrorResume(error -> Mono.just(finish(outcomeOf(error), null, describe(error))));
    }

    /** Records the failed attempt as retrying and waits out the backoff, or gives up. */
    private Mono<Long> retry(Retry.RetrySignal signal, int allowed) {
        Throwable error = signal.failure();
        if (attempts.size() >= allowed || !RetryableErrors.isRetryable(error)) {
            return Mono.error(error);
        }
        Duration delay = backoff.delay(instance.spec().retry(), attempts.size());
        Instant now = clock.instant();
        transitions.record(Transition.retrying(instance, List.copyOf(attempts), describe(error), now.plus(delay), now));
        return Mono.delay(delay, scheduler);
    }

    private Mono<Object> attempt() {
        Instant now = clock.instant();
        attempts.add(new Attempt(attempts.size() + 1, now, null, InstanceStatus.RUNNING, null));
        transitions.record(Transition.started(instance, List.copyOf(attempts), now));
        if (handler == null) {
            return failAttempt(new NonRetryableException("unknown handler '" + instance.spec().handler() + "'"));
        }
        TaskSpec spec = instance.spec();
        HandlerContext context = new HandlerContext(instance.id(), instance.definitionId(), spec.handler(),
                spec.params(), attempts.size(), instance.fireAt(), spec.owner());
        Mono<Object> call = Mono.defer(() -> handler.handle(context));
        if (spec.timeout() != null) {
            call = call.timeout(spec.timeout(), scheduler);
        }
        return call.onErrorResume(this::failAttempt);
    }

    private Mono<Object> failAttempt(Throwable error) {
        endLastAttempt(outcomeOf(error), describe(error));
        return Mono.error(error);
    }

    private InstanceStatus finish(InstanceStatus status, String result, String error) {
        if (status == InstanceStatus.COMPLETED) {
            endLastAttempt(status, null);
        }
        transitions.record(Transition.finished(instance, List.copyOf(attempts), status, result, error,
                clock.instant()));
        return status;
    }

    private void endLastAttempt(InstanceStatus outcome, String error) {
        List<Attempt> ended = Attempt.endLast(attempts, clock.instant(), outcome, error);
        attempts.clear();
        attempts.addAll(ended);
    }

    private static InstanceStatus outcomeOf(Throwable error) {
        return error instanceof TimeoutException ? InstanceStatus.TIMED_OUT : InstanceStatus.FAILED;
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException && instance.spec().timeout() != null) {
            return "attempt " + attempts.size() + " timed out after " + instance.spec().timeout();
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
