package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A node records fires ahead of their time only as far as it can hold them. With a concurrency
 * limit of one, a node holds at most sixteen instances on timers; a task firing every 200 ms has
 * 150 fires within the 30 s lookahead. The fires beyond the node's room stay with the definition
 * and none is lost on the way. Recorded unleased instead, they were starved: each round's fires took
 * the room freed by finished runs for fires 30 s ahead, leaving none to claim the ones due.
 */
@TestPropertySource(properties = {"taskflux.scheduler.max-concurrency=1", "taskflux.scheduler.lookahead=30s"})
class FireRoomTest extends IntegrationTest {

    private static final Duration EVERY = Duration.ofMillis(200);
    private static final int HELD_AT_MOST = 16;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void firesBeyondTheRoomAheadWaitWithTheDefinitionAndAreNotLost() {
        Map<String, Object> task = create("""
                {"name":"frequent","handler":"noop","trigger":{"type":"interval","every":"%s"}}""".formatted(EVERY));
        UUID id = UUID.fromString((String) task.get("id"));
        List<Long> unleasedAhead = new ArrayList<>();
        List<Long> ahead = new ArrayList<>();

        List<TaskInstance> instances = await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            unleasedAhead.add(unleasedAhead(id));
            ahead.add(ahead(id));
            return instances(id);
        }, list -> count(list, InstanceStatus.COMPLETED) >= 20);

        assertThat(unleasedAhead).as("fires recorded ahead without a lease").containsOnly(0L);
        assertThat(ahead).as("fires recorded ahead").allMatch(n -> n <= HELD_AT_MOST);
        List<Instant> fires = instances.stream().map(TaskInstance::fireAt).sorted(Comparator.naturalOrder()).toList();
        for (int k = 1; k < fires.size(); k++) {
            assertThat(Duration.between(fires.get(k - 1), fires.get(k))).as("fire %d follows fire %d", k, k - 1)
                    .isEqualTo(EVERY);
        }
    }

    private long unleasedAhead(UUID id) {
        return db.sql("SELECT count(*) FROM task_instance WHERE definition_id = $1 AND lease_owner IS NULL "
                        + "AND due_at > $2")
                .bind(0, id).bind(1, clock.instant())
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private long ahead(UUID id) {
        return db.sql("SELECT count(*) FROM task_instance WHERE definition_id = $1 AND due_at > $2")
                .bind(0, id).bind(1, clock.instant())
                .map(row -> row.get(0, Long.class)).one().block();
    }
}
