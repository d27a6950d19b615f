package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * With a poll interval far longer than the test, work still starts on time: creating a task wakes
 * the dispatcher, and a near-future fire waits on an in-memory timer rather than on the next poll.
 */
@TestPropertySource(properties = "taskflux.scheduler.poll-interval=1h")
class OnTimeStartTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void immediateTaskStartsWithoutWaitingForAPoll() {
        Map<String, Object> task = create("""
                {"name":"now","handler":"noop","trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(Duration.between(Instant.parse((String) task.get("createdAt")), done.startedAt()))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRestartedDispatcherKeepsScheduling() {
        dispatcher.stop();
        dispatcher.start();
        Map<String, Object> task = create("""
                {"name":"again","handler":"noop","trigger":{"type":"immediate"}}""");
        awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
    }

    @Test
    void nearFutureFireStartsOnItsTimer() {
        Instant at = clock.instant().plusMillis(1200).truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> task = create("""
                {"name":"soon","handler":"noop","trigger":{"type":"at","at":"%s"}}""".formatted(at));
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);
        assertThat(done.startedAt()).isAfterOrEqualTo(at);
        assertThat(Duration.between(at, done.startedAt())).isLessThan(Duration.ofMillis(500));
    }
}
