package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Late definitions are all counted; the warning about them comes at most once a minute. */
class MisfiresTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Misfires misfires = new Misfires(registry, Duration.ofSeconds(5));

    @Test
    void roundsWithoutLateDefinitionsCountAndSayNothing() {
        assertThat(misfires.record(0, T0)).isFalse();
        assertThat(misfired()).isZero();
    }

    @Test
    void everyLateDefinitionIsCountedAndTheWarningComesAtMostOnceAMinute() {
        assertThat(misfires.record(3, T0)).isTrue();
        assertThat(misfires.record(2, T0.plusSeconds(1))).isFalse();
        assertThat(misfires.record(4, T0.plus(Misfires.WARN_EVERY).minusMillis(1))).isFalse();
        assertThat(misfires.record(1, T0.plus(Misfires.WARN_EVERY))).isTrue();

        assertThat(misfired()).isEqualTo(10);
    }

    private double misfired() {
        return registry.get("taskflux.fires.misfired").counter().count();
    }
}
