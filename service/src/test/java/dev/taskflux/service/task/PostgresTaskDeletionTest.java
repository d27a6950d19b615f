package dev.taskflux.service.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.service.execution.InstanceInserts;
import dev.taskflux.service.execution.NewInstance;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Sinks;

/**
 * Instances have no foreign key to their definition on PostgreSQL, so deleting a definition must
 * still take the instances recorded for it at the same moment: the deletion waits for the
 * transaction that holds the definition and deletes what it recorded.
 */
class PostgresTaskDeletionTest extends IntegrationTest {

    @Autowired
    TaskStore store;

    @Autowired
    InstanceInserts inserts;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void deletionWaitsForAnInstanceBeingRecordedAndDeletesItToo() {
        UUID id = UUID.fromString((String) create("""
                {"name":"held","handler":"noop","trigger":{"type":"at","at":"2099-01-01T00:00:00Z"}}""").get("id"));
        TaskDefinition definition = store.find(id).block();
        NewInstance manual = new NewInstance(UUID.randomUUID(), definition, FireKind.MANUAL, clock.instant(), false);
        Sinks.Empty<Void> commit = Sinks.empty();
        AtomicBoolean recorded = new AtomicBoolean();

        CompletableFuture<Void> recording = tx.transactional(store.holdAgainstDelete(id)
                        .filter(Boolean::booleanValue)
                        .flatMap(held -> inserts.insert(List.of(manual), clock.instant()).then())
                        .doOnSuccess(done -> recorded.set(true))
                        .then(commit.asMono()))
                .toFuture();
        await().atMost(BOUND).untilTrue(recorded);

        CompletableFuture<Boolean> deletion = store.delete(id).toFuture();
        await().atMost(BOUND).until(() -> waitingOnLocks() > 0);
        assertThat(deletion).isNotDone();

        commit.tryEmitEmpty();
        await().atMost(BOUND).until(() -> recording.isDone() && deletion.isDone());
        assertThat(recording).isCompleted();
        assertThat(deletion).isCompletedWithValue(true);
        assertThat(db.sql("SELECT count(*) FROM task_instance WHERE definition_id = $1").bind(0, id)
                .map(row -> row.get(0, Long.class)).one().block()).isZero();
    }

    private long waitingOnLocks() {
        return db.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND wait_event_type = 'Lock'")
                .map(row -> row.get(0, Long.class)).one().block();
    }
}
