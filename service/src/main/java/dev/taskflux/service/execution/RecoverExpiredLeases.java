package dev.taskflux.service.execution;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.RetryPolicy;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.task.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Returns instances whose lease expired (their node died or lost the database) to the queue: a
 * claimed instance that never started is released as it was; one that was running counts the
 * lost attempt as failed and is retried under its policy, or fails when no retry is left.
 */
@Component
class RecoverExpiredLeases {

    private static final String LOST = "lease expired: the node running it stopped renewing its lease";
    static final String ACTIVE_BY_INDEX = "SET LOCAL enable_seqscan = off";
    private static final String UPDATE = "UPDATE task_instance SET status = $1, due_at = $2, finished_at = $3, "
            + "error = $4, attempts = $5, lease_owner = NULL, lease_expires_at = NULL WHERE id = $6";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final TaskStore tasks;
    private final JsonCodec json;
    private final LifecycleEvents events;
    private final Backoff backoff;
    private final Clock clock;
    final String selectExpired;
    private final Mono<Void> plan;

    RecoverExpiredLeases(DatabaseClient db, TransactionalOperator tx, TaskStore tasks, JsonCodec json,
                         LifecycleEvents events, Backoff backoff, Clock clock, SqlDialect dialect) {
        this.db = db;
        this.tx = tx;
        this.tasks = tasks;
        this.json = json;
        this.events = events;
        this.backoff = backoff;
        this.clock = clock;
        // The active instances are a small part of the history, and have an index of their own. Without
        // statistics PostgreSQL may plan (and cache) a scan of the whole history instead, which every
        // recovery round then repeats however large the history has grown.
        this.plan = dialect == SqlDialect.POSTGRESQL ? db.sql(ACTIVE_BY_INDEX).then() : Mono.empty();
        // Only instance rows are locked: the definitions' retry policies are read separately.
        this.selectExpired = "SELECT id, status, attempt, attempts, due_at, error, owner, definition_id FROM task_instance "
                + "WHERE status IN ('PENDING', 'RUNNING', 'RETRYING') AND lease_owner IS NOT NULL "
                + "AND lease_expires_at < " + dialect.now() + " ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED";
    }

    /** Recovers one batch of expired leases; emits how many. */
    Mono<Integer> recover() {
        Instant now = clock.instant();
        List<LifecycleEvent> published = new ArrayList<>();
        return tx.transactional(plan.then(db.sql(selectExpired).map(row -> new Expired(row.get("id", UUID.class),
                                InstanceStatus.valueOf(row.get("status", String.class)), row.get("attempt", Integer.class),
                                row.get("attempts", String.class), row.get("due_at", Instant.class), RetryPolicy.NONE,
                                row.get("definition_id", UUID.class), row.get("owner", String.class),
                                row.get("error", String.class)))
                        .all().collectList()
                        .flatMap(this::withRetryPolicies)
                        .flatMap(expired -> Sql.batch(db, UPDATE, expired, (b, e) -> bind(b, e, now, published))
                                .then(Mono.just(expired.size())))
                        .flatMap(n -> events.record(published).thenReturn(n))));
    }

    private Mono<List<Expired>> withRetryPolicies(List<Expired> expired) {
        if (expired.isEmpty()) {
            return Mono.just(expired);
        }
        List<UUID> ids = expired.stream().map(Expired::definitionId).distinct().toList();
        return Sql.bindList(db.sql("SELECT id, spec FROM task_definition WHERE id IN (" + Sql.markers(1, ids.size())
                        + ")"), 0, ids)
                .map(row -> Map.entry(row.get("id", UUID.class), tasks.definitionSpec(row.get("spec", String.class)).retry()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(policies -> expired.stream().map(e -> e.with(policies.getOrDefault(e.definitionId(), RetryPolicy.NONE)))
                        .toList());
    }

    private void bind(Sql.Binder b, Expired e, Instant now, List<LifecycleEvent> published) {
        if (e.status() == InstanceStatus.PENDING) {
            b.next(InstanceStatus.PENDING.name()).next(e.dueAt()).instant(null).string(null).string(e.attemptsJson())
                    .next(e.id());
            return;
        }
        List<Attempt> attempts = Attempt.endLast(json.readAttempts(e.attemptsJson()), now, InstanceStatus.FAILED, LOST);
        boolean retry = e.attempt() < 1 + e.retry().maxRetries();
        InstanceStatus status = retry ? InstanceStatus.RETRYING : InstanceStatus.FAILED;
        Instant due = retry ? now.plus(backoff.delay(e.retry(), Math.max(1, e.attempt()))) : now;
        // A row already waiting to retry lost no attempt; it keeps the error of the one that failed.
        String error = e.status() == InstanceStatus.RETRYING && e.error() != null ? e.error() : LOST;
        b.next(status.name()).next(due).instant(retry ? null : now).string(error).string(json.write(attempts))
                .next(e.id());
        published.add(new LifecycleEvent(retry ? EventType.INSTANCE_RETRYING : EventType.INSTANCE_FAILED, now, e.owner(),
                e.definitionId(), e.id(), Map.of("attempt", e.attempt(), "error", error)));
    }

    private record Expired(UUID id, InstanceStatus status, int attempt, String attemptsJson, Instant dueAt,
                           RetryPolicy retry, UUID definitionId, String owner, String error) {

        Expired with(RetryPolicy policy) {
            return new Expired(id, status, attempt, attemptsJson, dueAt, policy, definitionId, owner, error);
        }
    }
}
