package dev.taskflux.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TaskSpecValidatorTest {

    private static final TaskSpec VALID = TaskSpec.builder("report", "noop", Trigger.every(Duration.ofMinutes(5))).build();

    @Test
    void aCompleteSpecPasses() {
        assertThatNoException().isThrownBy(() -> TaskSpecValidator.validate(VALID.toBuilder()
                .retry(RetryPolicy.DEFAULT).timeout(Duration.ofMinutes(1)).priority(5)
                .concurrency(ConcurrencyPolicy.forbid()).maxRuns(10L)
                .startAt(Instant.parse("2026-01-01T00:00:00Z")).endAt(Instant.parse("2027-01-01T00:00:00Z"))
                .labels(Map.of("team", "ops")).build()));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        InvalidArgumentException e = invalid(b -> b.name(" ").handler(null).priority(5000).maxRuns(0L));
        assertThat(e.violations()).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("name", "handler", "priority", "maxRuns");
    }

    @Test
    void durationsMustBePositiveAndBounded() {
        assertThat(fields(b -> b.trigger(Trigger.every(Duration.ZERO)))).containsExactly("trigger.every");
        assertThat(fields(b -> b.timeout(Duration.ofSeconds(-1)))).containsExactly("timeout");
        assertThat(fields(b -> b.trigger(Trigger.every(Duration.ofDays(100_000))))).containsExactly("trigger.every");
        assertThat(fields(b -> b.trigger(Trigger.every(Duration.ofMinutes(1)).withInitialDelay(Duration.ofDays(100_000)))))
                .containsExactly("trigger.initialDelay");
    }

    @Test
    void instantsMustBeWithinTheStorableRange() {
        assertThat(fields(b -> b.trigger(Trigger.at(Instant.parse("+300000-01-01T00:00:00Z")))))
                .containsExactly("trigger.at");
        assertThat(fields(b -> b.endAt(Instant.parse("+20000-01-01T00:00:00Z")))).containsExactly("endAt");
    }

    @Test
    void endMustFollowStart() {
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(fields(b -> b.startAt(start).endAt(start))).containsExactly("endAt");
    }

    @Test
    void retryPolicyIsChecked() {
        assertThat(fields(b -> b.retry(new RetryPolicy(-1, Duration.ofSeconds(1), 0.5, Duration.ofMillis(1), 2))))
                .containsExactlyInAnyOrder("retry.maxRetries", "retry.multiplier", "retry.maxDelay", "retry.jitter");
    }

    @Test
    void textMustNotContainNul() {
        assertThat(fields(b -> b.name("a\0b"))).containsExactly("name");
        assertThat(fields(b -> b.labels(Map.of("env", "x\0")))).containsExactly("labels.env");
    }

    @Test
    void nullLabelValuesAreRejectedButNullParamsAreKept() {
        Map<String, String> labels = new HashMap<>();
        labels.put("env", null);
        assertThat(fields(b -> b.labels(labels))).containsExactly("labels.env");
        Map<String, Object> params = new HashMap<>();
        params.put("optional", null);
        assertThat(VALID.toBuilder().params(params).build().params()).containsEntry("optional", null);
    }

    private static java.util.List<String> fields(UnaryOperator<TaskSpec.Builder> change) {
        return invalid(change).violations().stream().map(FieldViolation::field).toList();
    }

    private static InvalidArgumentException invalid(UnaryOperator<TaskSpec.Builder> change) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> TaskSpecValidator.validate(change.apply(VALID.toBuilder()).build()));
        assertThat(e).as("expected a violation").isNotNull();
        return e;
    }
}
