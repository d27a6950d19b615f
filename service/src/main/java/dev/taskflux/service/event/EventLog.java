package dev.taskflux.service.event;

import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.SqlDialect;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable lifecycle event log. Code that changes state appends the events describing the change
 * in the same transaction, so an event is never visible before its change is durable and never lost
 * after it. Sequence numbers come from a one-row counter that each appending transaction holds until
 * it commits: events become visible in sequence order, across every node sharing the database.
 */
@Component
public class EventLog {

    /** The PostgreSQL notification channel that tells other nodes new events were committed. */
    static final String CHANNEL = "taskflux_events";

    private static final String COLUMNS = "seq, at, type, owner, task_id, instance_id, run_id, step_id, payload";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SqlDialect dialect;
    private final JsonCodec json;
    private final EventWakeups wakeups;
    private final RowBatch<Row> insert;

    EventLog(DatabaseClient db, TransactionalOperator tx, SqlDialect dialect, JsonCodec json, EventWakeups wakeups) {
        this.db = db;
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
        this.wakeups = wakeups;
        this.insert = RowBatch.<Row>of(
                        "INSERT INTO event_log (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        // one round trip on PostgreSQL: take the sequence range, notify other nodes (delivered
                        // on commit) and insert, the sequence numbers following the order of the arrays
                        "WITH c AS (UPDATE event_counter SET seq = seq + cardinality($1::bigint[]) WHERE id = 1 "
                                + "RETURNING seq), n AS (SELECT pg_notify('" + CHANNEL + "', '')) "
                                + "INSERT INTO event_log (" + COLUMNS + ") SELECT c.seq - cardinality($1::bigint[]) "
                                + "+ v.ord, v.at, v.type, v.owner, v.task_id, v.instance_id, v.run_id, v.step_id, "
                                + "v.payload FROM c, n, unnest($1::bigint[], $2::timestamptz[], $3::varchar[], "
                                + "$4::varchar[], $5::uuid[], $6::uuid[], $7::uuid[], $8::varchar[], $9::varchar[]) "
                                + "WITH ORDINALITY AS v(idx, at, type, owner, task_id, instance_id, run_id, step_id, "
                                + "payload, ord) RETURNING seq - (SELECT seq FROM c) + cardinality($1::bigint[]) - 1")
                .column(Long.class, Row::seq)
                .column(Instant.class, r -> r.event().at())
                .column(String.class, r -> r.event().type().name())
                .column(String.class, r -> r.event().owner())
                .column(UUID.class, r -> r.event().taskId())
                .column(UUID.class, r -> r.event().instanceId())
                .column(UUID.class, r -> r.event().runId())
                .column(String.class, r -> r.event().stepId())
                .column(String.class, Row::payload)
                .build();
    }

    /**
     * Appends {@code events}, in this order, to the log in the current transaction (or in one of its
     * own when there is none). Subscribers see them once that transaction commits.
     */
    public Mono<Void> append(List<LifecycleEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Mono<Void> append = dialect == SqlDialect.POSTGRESQL
                ? insert.execute(db, dialect, rows(events, 0)).then()
                : reserve(events.size()).flatMap(last -> insert.execute(db, dialect, rows(events, last - events.size() + 1))
                        .then());
        append = append.then(wakeAfterCommit());
        return tx.transactional(append);
    }

    /** Appends one event; see {@link #append(List)}. */
    public Mono<Void> append(LifecycleEvent event) {
        return append(List.of(event));
    }

    /**
     * Events after sequence {@code after} and up to {@code upTo} that pass {@code filter}, in
     * sequence order, at most {@code limit} of them.
     */
    public Flux<SequencedEvent> read(long after, long upTo, EventFilter filter, int limit) {
        List<Object> binds = new ArrayList<>(List.of(after, upTo));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM event_log WHERE seq > $1 AND seq <= $2");
        condition(sql, binds, "owner", filter.owner());
        condition(sql, binds, "task_id", filter.taskId());
        condition(sql, binds, "instance_id", filter.instanceId());
        condition(sql, binds, "run_id", filter.runId());
        if (!filter.types().isEmpty()) {
            sql.append(" AND type IN (").append(filter.types().stream()
                    .map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "))).append(')');
        }
        sql.append(" ORDER BY seq LIMIT ").append(limit);
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (int i = 0; i < binds.size(); i++) {
            spec = spec.bind(i, binds.get(i));
        }
        return spec.map(this::decode).all();
    }

    /** The sequence of the last committed event; 0 when there is none. */
    public Mono<Long> head() {
        return db.sql("SELECT seq FROM event_counter WHERE id = 1").map(r -> r.get(0, Long.class)).one();
    }

    /** Deletes the events recorded before {@code cutoff}; emits how many. */
    public Mono<Long> deleteBefore(Instant cutoff) {
        return db.sql("DELETE FROM event_log WHERE at < $1").bind(0, cutoff).fetch().rowsUpdated();
    }

    private Mono<Long> reserve(int count) {
        return db.sql("UPDATE event_counter SET seq = seq + $1 WHERE id = 1").bind(0, (long) count).then()
                .then(head());
    }

    private Mono<Void> wakeAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(wakeups::committed);
                    }
                }))
                .then();
    }

    private List<Row> rows(List<LifecycleEvent> events, long first) {
        List<Row> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            LifecycleEvent e = events.get(i);
            rows.add(new Row(first + i, e, e.payload().isEmpty() ? null : json.write(e.payload())));
        }
        return rows;
    }

    private SequencedEvent decode(Readable row) {
        String payload = row.get("payload", String.class);
        LifecycleEvent event = new LifecycleEvent(EventType.valueOf(row.get("type", String.class)),
                row.get("at", Instant.class), row.get("owner", String.class), row.get("task_id", UUID.class),
                row.get("instance_id", UUID.class), row.get("run_id", UUID.class), row.get("step_id", String.class),
                payload == null ? null : json.readMap(payload));
        return new SequencedEvent(row.get("seq", Long.class), event);
    }

    private static void condition(StringBuilder sql, List<Object> binds, String column, Object value) {
        if (value != null) {
            binds.add(value);
            sql.append(" AND ").append(column).append(" = $").append(binds.size());
        }
    }

    private record Row(long seq, LifecycleEvent event, String payload) {
    }
}
