package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog of many fire batches on PostgreSQL, where concurrent fire rounds each lock their own
 * definitions: every task fires once, however the batches are split between the rounds.
 */
@TestPropertySource(properties = "taskflux.scheduler.batch-size=10")
class PostgresFireBacklogTest extends IntegrationTest {

    private static final int TASKS = 95;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void aBacklogOfManyBatchesFiresEveryTaskOnce() {
        Instant at = Instant.now().plusSeconds(4);
        for (int i = 0; i < TASKS; i++) {
            create("""
                    {"name":"backlog-%d","handler":"noop","trigger":{"type":"at","at":"%s"}}""".formatted(i, at));
        }

        await().atMost(BOUND).until(() -> counts().get(0) == TASKS);
        // completed instances, instances, tasks with an instance, tasks not COMPLETED
        assertThat(counts()).containsExactly((long) TASKS, (long) TASKS, (long) TASKS, 0L);
    }

    private List<Long> counts() {
        return db.sql("SELECT (SELECT count(*) FROM task_instance WHERE owner = $1 AND status = 'COMPLETED'), "
                        + "(SELECT count(*) FROM task_instance WHERE owner = $1), "
                        + "(SELECT count(DISTINCT definition_id) FROM task_instance WHERE owner = $1), "
                        + "(SELECT count(*) FROM task_definition WHERE owner = $1 AND status <> 'COMPLETED')")
                .bind(0, owner)
                .map(row -> List.of(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class),
                        row.get(3, Long.class)))
                .one().block();
    }
}
