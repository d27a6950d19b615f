package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
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
 * The start of an attempt waits for its outcome for the start hold: a run that ends within it is
 * written once, start and outcome in one transaction; one that goes on shows as RUNNING once the
 * hold ends. Each journal transaction stores its events as one batch, which is what is counted.
 */
@TestPropertySource(properties = "taskflux.scheduler.start-hold=1s")
class StartHoldTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void aRunEndingWithinTheHoldIsWrittenOnce() {
        Map<String, Object> task = create("""
                {"name":"short","handler":"sleep","params":{"duration":"PT0.1S"},"trigger":{"type":"immediate"}}""");
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);

        assertThat(done.startedAt()).isNotNull();
        // The fire's batch (pending), then one batch with both the start and the completion.
        List<String> batches = batchesOf(done.id());
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).contains("\"INSTANCE_STARTED\"", "\"INSTANCE_COMPLETED\"");
    }

    @Test
    void aRunOutlastingTheHoldShowsAsRunningBeforeItEnds() {
        Map<String, Object> task = create("""
                {"name":"long","handler":"sleep","params":{"duration":"PT4S"},"trigger":{"type":"immediate"}}""");
        TaskInstance running = awaitInstance(task.get("id"), InstanceStatus.RUNNING);
        TaskInstance done = awaitInstance(task.get("id"), InstanceStatus.COMPLETED);

        assertThat(done.startedAt()).isEqualTo(running.startedAt());
        List<String> batches = batchesOf(done.id());
        assertThat(batches).hasSize(3);
        assertThat(batches.get(1)).contains("\"INSTANCE_STARTED\"").doesNotContain("\"INSTANCE_COMPLETED\"");
        assertThat(batches.get(2)).contains("\"INSTANCE_COMPLETED\"");
    }

    private List<String> batchesOf(UUID instance) {
        return db.sql("SELECT events FROM event_batch WHERE events LIKE $1 ORDER BY first_seq")
                .bind(0, "%" + instance + "%")
                .map(row -> row.get(0, String.class)).all().collectList().block();
    }
}
