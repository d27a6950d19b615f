package dev.taskflux.service.task;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.execution.Dispatcher;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.TransientFailures;
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
 * Cancels unfinished instances: marks them CANCELLED (which fences off any later write by the node
 * running them), then stops their local runs; a run on another node stops at that node's next
 * heartbeat, when it sees the lease is gone.
 */
@Component
class InstanceCancellation {

    private static final String UNFINISHED = "status IN ('PENDING', 'RUNNING', 'RETRYING')";
    private static final String CANCEL = "UPDATE task_instance SET status = 'CANCELLED', finished_at = $1, error = $2, "
            + "attempts = $3 WHERE id = $4 AND " + UNFINISHED;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonCodec json;
    private final LifecycleEvents events;
    private final Dispatcher dispatcher;
    private final Clock clock;

    InstanceCancellation(DatabaseClient db, TransactionalOperator tx, JsonCodec json, LifecycleEvents events,
                         Dispatcher dispatcher, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Cancels every unfinished instance of a definition; emits how many. */
    Mono<Integer> cancelAll(UUID definitionId, String owner, String reason) {
        return cancel("definition_id = $1", definitionId, owner, reason);
    }

    /** Cancels one instance; emits 1 if it was unfinished, else 0. */
    Mono<Integer> cancelOne(UUID instanceId, String owner, String reason) {
        return cancel("id = $1", instanceId, owner, reason);
    }

    private Mono<Integer> cancel(String where, UUID id, String owner, String reason) {
        Instant now = clock.instant();
        List<Row> cancelled = new ArrayList<>();
        return tx.transactional(db.sql("SELECT id, definition_id, attempts FROM task_instance WHERE " + where + " AND "
                                + UNFINISHED + " ORDER BY id FOR UPDATE").bind(0, id)
                        .map(row -> new Row(row.get("id", UUID.class), row.get("definition_id", UUID.class),
                                row.get("attempts", String.class)))
                        .all().collectList()
                        .flatMap(rows -> Sql.batch(db, CANCEL, rows, (b, r) -> b.next(now).next(reason)
                                        .string(endLastAttempt(r.attempts(), now, reason)).next(r.id()))
                                .collectList()
                                .doOnNext(counts -> {
                                    cancelled.clear();
                                    for (int i = 0; i < rows.size(); i++) {
                                        if (counts.get(i) > 0) {
                                            cancelled.add(rows.get(i));
                                        }
                                    }
                                }))
                        .then(Mono.defer(() -> events.record(cancelled.stream()
                                .map(r -> new LifecycleEvent(EventType.INSTANCE_CANCELLED, now, owner, r.definitionId(),
                                        r.id(), Map.of("reason", reason)))
                                .toList()))))
                .retryWhen(TransientFailures.retry())
                .then(Mono.fromSupplier(() -> {
                    dispatcher.stopLocal(cancelled.stream().map(Row::id).toList());
                    return cancelled.size();
                }));
    }

    private String endLastAttempt(String attemptsJson, Instant now, String reason) {
        if (attemptsJson == null) {
            return null;
        }
        return json.write(Attempt.endLast(json.readAttempts(attemptsJson), now, InstanceStatus.CANCELLED, reason));
    }

    private record Row(UUID id, UUID definitionId, String attempts) {
    }
}
