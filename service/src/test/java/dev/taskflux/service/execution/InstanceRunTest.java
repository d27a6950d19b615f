package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.NonRetryableException;
import dev.taskflux.service.handler.TaskHandler;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.support.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

/** The run pipeline under virtual time: attempts, backoff, timeout and cancellation. */
class InstanceRunTest {

    private final List<Transition> recorded = new CopyOnWriteArrayList<>();
    private VirtualTimeScheduler time;

    @BeforeEach
    void virtualTime() {
        time = VirtualTimeScheduler.create();
    }

    @AfterEach
    void disposeTime() {
        time.dispose();
    }

    @Test
    void successRecordsStartAndCompletionWithTheResult() {
        StepVerifier.create(run(spec(RetryPolicy.NONE, null), ctx -> Mono.just("done")).run())
                .expectNext(InstanceStatus.COMPLETED).verifyComplete();
        assertThat(events()).containsExactly(EventType.INSTANCE_STARTED, EventType.INSTANCE_COMPLETED);
        assertThat(last().result()).isEqualTo("\"done\"");
        assertThat(last().attempts()).extracting(Attempt::outcome).containsExactly(InstanceStatus.COMPLETED);
    }

    @Test
    void failuresAreRetriedAfterExponentialBackoff() {
        AtomicInteger calls = new AtomicInteger();
        InstanceRun run = run(spec(RetryPolicy.exponential(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), null),
                ctx -> calls.incrementAndGet() < 3 ? Mono.error(new IllegalStateException("boom")) : Mono.just(1));

        StepVerifier.withVirtualTime(run::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .then(() -> assertThat(calls).hasValue(1))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(calls).hasValue(2))
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(InstanceStatus.COMPLETED)
                .verifyComplete();
        assertThat(events()).containsExactly(EventType.INSTANCE_STARTED, EventType.INSTANCE_RETRYING,
                EventType.INSTANCE_STARTED, EventType.INSTANCE_RETRYING, EventType.INSTANCE_STARTED,
                EventType.INSTANCE_COMPLETED);
        Transition firstRetry = recorded.get(1);
        assertThat(Duration.between(firstRetry.at(), firstRetry.dueAt())).isEqualTo(Duration.ofSeconds(1));
        assertThat(last().attempts()).extracting(Attempt::outcome)
                .containsExactly(InstanceStatus.FAILED, InstanceStatus.FAILED, InstanceStatus.COMPLETED);
    }

    @Test
    void exhaustedRetriesFailWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        InstanceRun run = run(spec(RetryPolicy.fixed(2, Duration.ofSeconds(5)), null),
                ctx -> Mono.error(new IllegalStateException("call " + calls.incrementAndGet())));
        StepVerifier.withVirtualTime(run::run, () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectNext(InstanceStatus.FAILED).verifyComplete();
        assertThat(calls).hasValue(3);
        assertThat(last().error()).contains("call 3");
        assertThat(last().attempt()).isEqualTo(3);
    }

    @Test
    void nonRetryableErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        InstanceRun run = run(spec(RetryPolicy.fixed(5, Duration.ofSeconds(1)), null), ctx -> {
            calls.incrementAndGet();
            return Mono.error(new NonRetryableException("bad input"));
        });
        StepVerifier.create(run.run()).expectNext(InstanceStatus.FAILED).verifyComplete();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTimedOutAttemptIsCancelledAndTheLastEndsTimedOut() {
        AtomicInteger cancels = new AtomicInteger();
        InstanceRun run = run(spec(RetryPolicy.fixed(1, Duration.ofSeconds(1)), Duration.ofSeconds(5)),
                ctx -> Mono.never().doOnCancel(cancels::incrementAndGet));
        StepVerifier.withVirtualTime(run::run, () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertThat(cancels).hasValue(1))
                .thenAwait(Duration.ofSeconds(6))
                .expectNext(InstanceStatus.TIMED_OUT)
                .verifyComplete();
        assertThat(cancels).hasValue(2);
        assertThat(last().status()).isEqualTo(InstanceStatus.TIMED_OUT);
        assertThat(last().error()).isEqualTo("attempt 2 timed out after PT5S");
    }

    @Test
    void disposingTheRunCancelsTheHandlerAndRecordsNoOutcome() {
        AtomicBoolean cancelled = new AtomicBoolean();
        InstanceRun run = run(spec(RetryPolicy.NONE, null), ctx -> Mono.never().doOnCancel(() -> cancelled.set(true)));
        Disposable subscription = run.run().subscribe();
        subscription.dispose();
        assertThat(cancelled).isTrue();
        assertThat(events()).containsExactly(EventType.INSTANCE_STARTED);
    }

    @Test
    void aMissingHandlerFailsWithoutRetry() {
        InstanceRun run = new InstanceRun(claimed(spec(RetryPolicy.fixed(3, Duration.ofSeconds(1)), null)), null,
                support());
        StepVerifier.create(run.run()).expectNext(InstanceStatus.FAILED).verifyComplete();
        assertThat(last().error()).contains("unknown handler 'h'");
    }

    private InstanceRun run(TaskSpec spec, Function<HandlerContext, Mono<Object>> body) {
        TaskHandler handler = new TaskHandler() {
            @Override
            public String name() {
                return "h";
            }

            @Override
            public Mono<Object> handle(HandlerContext context) {
                return body.apply(context);
            }
        };
        return new InstanceRun(claimed(spec), handler, support());
    }

    private RunSupport support() {
        Clock clock = new VirtualClock(time, Instant.EPOCH);
        return new RunSupport(recorded::add, clock, time, new Backoff(RandomGenerator.getDefault()),
                new ResultLimiter(new JsonCodec(JsonMapper.builder().build()), 1024));
    }

    private static TaskSpec spec(RetryPolicy retry, Duration timeout) {
        return TaskSpec.builder("t", "h", Trigger.immediate()).retry(retry).timeout(timeout).build();
    }

    private static ClaimedInstance claimed(TaskSpec spec) {
        return new ClaimedInstance(UUID.randomUUID(), UUID.randomUUID(), FireKind.SCHEDULED, Instant.EPOCH,
                Instant.EPOCH, 0, spec, List.of());
    }

    private List<EventType> events() {
        return recorded.stream().map(Transition::event).toList();
    }

    private Transition last() {
        return recorded.get(recorded.size() - 1);
    }
}
