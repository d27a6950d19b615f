package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HeldStartsTest {

    private static final long HOLD = 20;

    private final HeldStarts starts = new HeldStarts(HOLD);

    @Test
    void aStartIsReleasedOnceItsHoldEnds() {
        Transition start = start();
        starts.hold(start, 100);

        assertThat(starts.releaseDue(119)).isEmpty();
        assertThat(starts.nextRelease()).isEqualTo(120);
        assertThat(starts.releaseDue(120)).containsExactly(start);
        assertThat(starts.isEmpty()).isTrue();
        assertThat(starts.release(start.id())).isNull();
    }

    @Test
    void whatHappensNextTakesTheStartBeforeItsHoldEnds() {
        Transition start = start();
        starts.hold(start, 100);

        assertThat(starts.release(start.id())).isSameAs(start);
        assertThat(starts.releaseDue(1_000)).isEmpty();
        assertThat(starts.release(UUID.randomUUID())).isNull();
    }

    @Test
    void holdsEndOldestFirstAndOnlyThoseDue() {
        Transition first = start();
        Transition second = start();
        Transition third = start();
        starts.hold(first, 100);
        starts.hold(second, 105);
        starts.hold(third, 110);
        starts.release(second.id());

        assertThat(starts.releaseDue(126)).containsExactly(first);
        assertThat(starts.nextRelease()).isEqualTo(130);
        assertThat(starts.releaseAll()).containsExactly(third);
        assertThat(starts.isEmpty()).isTrue();
    }

    private static Transition start() {
        ClaimedInstance instance = new ClaimedInstance(UUID.randomUUID(), UUID.randomUUID(), FireKind.SCHEDULED,
                Instant.EPOCH, Instant.EPOCH, 0, TaskSpec.builder("t", "h", Trigger.immediate()).build(), List.of());
        return Transition.started(instance,
                List.of(new Attempt(1, Instant.EPOCH, null, InstanceStatus.RUNNING, null)), Instant.EPOCH);
    }
}
