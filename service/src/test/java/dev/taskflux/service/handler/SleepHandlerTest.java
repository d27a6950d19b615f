package dev.taskflux.service.handler;

import static dev.taskflux.service.handler.Contexts.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class SleepHandlerTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final RecordingScheduler timer = new RecordingScheduler(clock);
    private final SleepHandler sleep = new SleepHandler(timer);

    @Test
    void completesOnceTheDurationHasPassed() {
        StepVerifier.withVirtualTime(() -> run(Map.of("duration", "PT5S")), () -> clock, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(Map.of("slept", "PT5S"))
                .verifyComplete();
    }

    @Test
    void acceptsMilliseconds() {
        StepVerifier.withVirtualTime(() -> run(Map.of("duration", 1500)), () -> clock, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(Map.of("slept", "PT1.5S"))
                .verifyComplete();
    }

    @Test
    void failsRetryablyAfterTheWaitWhenAsked() {
        StepVerifier.withVirtualTime(() -> run(Map.of("duration", "PT1M", "fail", true)), () -> clock, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .verifyErrorSatisfies(e -> {
                    assertThat(e).hasMessageContaining("PT1M").hasMessageContaining("params.fail");
                    assertThat(RetryableErrors.isRetryable(e)).isTrue();
                });
    }

    @Test
    void cancellingStopsTheWait() {
        AtomicBoolean cancelled = new AtomicBoolean();

        StepVerifier.withVirtualTime(() -> run(Map.of("duration", "PT1H")).doOnCancel(() -> cancelled.set(true)),
                        () -> clock, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(30))
                .thenCancel()
                .verify();

        assertThat(cancelled).isTrue();
        assertThat(timer.delayed).hasValue(1);
        assertThat(timer.disposed).hasValue(1);
    }

    @Test
    void isLazy() {
        run(Map.of("duration", "PT1S"));

        assertThat(timer.delayed).hasValue(0);
    }

    @Test
    void signalsBadParamsAsNonRetryableErrors() {
        StepVerifier.create(run(Map.of("duration", "soon")))
                .verifyErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(InvalidArgumentException.class);
                    assertThat(RetryableErrors.isRetryable(e)).isFalse();
                });
    }

    @Test
    void acceptsValidParams() {
        sleep.validate(Map.of("duration", "PT24H"));
        sleep.validate(Map.of("duration", 1, "fail", false));
    }

    @Test
    void rejectsBadParams() {
        assertThat(Violated.by(() -> sleep.validate(Map.of())))
                .containsExactly(new FieldViolation("params.duration", "is required"));
        assertThat(Violated.fields(() -> sleep.validate(Map.of("duration", "5 seconds"))))
                .containsExactly("params.duration");
        assertThat(Violated.by(() -> sleep.validate(Map.of("duration", "PT0S"))))
                .containsExactly(new FieldViolation("params.duration", "must be positive and at most PT24H"));
        assertThat(Violated.fields(() -> sleep.validate(Map.of("duration", -5)))).containsExactly("params.duration");
        assertThat(Violated.fields(() -> sleep.validate(Map.of("duration", "P1DT1S"))))
                .containsExactly("params.duration");
        assertThat(Violated.by(() -> sleep.validate(Map.of("duration", "PT1S", "fail", "yes"))))
                .containsExactly(new FieldViolation("params.fail", "must be true or false"));
        assertThat(Violated.by(() -> sleep.validate(Map.of("duration", "PT1S", "durration", "PT2S"))))
                .containsExactly(new FieldViolation("params.durration", "unknown parameter; known: duration, fail"));
    }

    private Mono<Object> run(Map<String, Object> params) {
        return sleep.handle(context("sleep", params));
    }
}
