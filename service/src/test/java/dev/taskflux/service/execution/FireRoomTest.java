package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A node that cannot hold every fire within its lookahead still runs them all, in fire order. With
 * a concurrency limit of one, a node holds at most sixteen instances on timers; a task firing every
 * 200 ms has 150 fires within the 30 s lookahead, so most are recorded without a lease. The room
 * that finished runs free up goes to those, the earliest first, before fires further ahead: when
 * each fire round took it for fires 30 s ahead, the ones due in between waited unclaimed.
 */
@TestPropertySource(properties = {"taskflux.scheduler.max-concurrency=1", "taskflux.scheduler.lookahead=30s"})
class FireRoomTest extends IntegrationTest {

    private static final Duration EVERY = Duration.ofMillis(200);
    /** More than a journal write takes to show a finished run. */
    private static final Duration SETTLED = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void firesBeyondWhatTheNodeCanHoldRunInFireOrderAndNoneIsLost() {
        Map<String, Object> task = create("""
                {"name":"frequent","handler":"noop","trigger":{"type":"interval","every":"%s"}}""".formatted(EVERY));

        List<TaskInstance> instances = awaitInstances(task.get("id"),
                list -> count(list, InstanceStatus.COMPLETED) >= 30);

        Instant lastFinished = instances.stream().map(TaskInstance::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(instances).filteredOn(i -> i.fireAt().isBefore(lastFinished.minus(SETTLED)))
                .as("instances fired before the last run finished").isNotEmpty()
                .allMatch(i -> i.status() == InstanceStatus.COMPLETED);
        List<Instant> fires = instances.stream().map(TaskInstance::fireAt).sorted(Comparator.naturalOrder()).toList();
        for (int k = 1; k < fires.size(); k++) {
            assertThat(Duration.between(fires.get(k - 1), fires.get(k))).as("fire %d follows fire %d", k, k - 1)
                    .isEqualTo(EVERY);
        }
    }
}
