package dev.taskflux.service.event;

import dev.taskflux.service.storage.SqlDialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * after it. Sequence numbers come from a one-row counter that each appending transaction holds while
 * it commits: events become visible in sequence order, across every node sharing the database. On
 * PostgreSQL the numbers are taken at commit by a deferred trigger (migration V24), so the counter
 * is held only for the commit itself; on H2 they are taken as the events are appended. The
 * events one transaction appends are stored together, a few hundred to a row, so recording them
 * costs the database one row per batch rather than one per event.
 */
@Component
public class EventLog {

    /** The PostgreSQL notification channel that tells other nodes new events were committed. */
    static final String CHANNEL = "taskflux_events";
    /** Events stored in one row at most. */
    static final int EVENTS_PER_ROW = 256;
    /** Rows read per query while scanning. */
    private static final int ROWS_PER_READ = 16;

    /**
     * Placeholder sequences, negative and as long as each batch: PostgreSQL numbers the batches when
     * the transaction commits (migration V24), holding the counter only for the commit itself.
     */
    private static final String APPEND_POSTGRESQL = "WITH n AS (SELECT pg_notify('" + CHANNEL + "', '')) "
            + "INSERT INTO event_batch (first_seq, last_seq, recorded_at, events) "
            + "SELECT p.first_seq, p.first_seq + p.last_offset - p.first_offset, p.recorded_at, p.events FROM n, "
            + "(SELECT -nextval('event_batch_pending') * " + EVENTS_PER_ROW + " AS first_seq, v.* FROM "
            + "unnest($1::int[], $2::int[], $3::timestamptz[], $4::varchar[]) "
            + "AS v(first_offset, last_offset, recorded_at, events)) p ORDER BY p.first_offset";
    private static final String INSERT = "INSERT INTO event_batch (first_seq, last_seq, recorded_at, events) "
            + "VALUES ($1, $2, $3, $4)";
    /** A row holding sequence {@code after + 1} begins at most {@link #EVENTS_PER_ROW} - 1 before it. */
    private static final String SCAN = "SELECT first_seq, events FROM event_batch WHERE first_seq > $1 - "
            + EVENTS_PER_ROW + " AND last_seq > $1 AND first_seq <= $2 ORDER BY first_seq LIMIT " + ROWS_PER_READ;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SqlDialect dialect;
    private final EventWakeups wakeups;

    EventLog(DatabaseClient db, TransactionalOperator tx, SqlDialect dialect, EventWakeups wakeups) {
        this.db = db;
        this.tx = tx;
        this.dialect = dialect;
        this.wakeups = wakeups;
    }

    /**
     * Appends {@code events}, in this order, to the log in the current transaction (or in one of its
     * own when there is none). Subscribers see them once that transaction commits.
     */
    public Mono<Void> append(List<LifecycleEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<Row> rows = rows(events);
        Mono<Void> append = dialect == SqlDialect.POSTGRESQL ? appendInOneStatement(rows)
                : reserve(events.size()).flatMap(last -> Flux.fromIterable(rows)
                        .concatMap(row -> db.sql(INSERT).bind(0, last - events.size() + row.firstOffset())
                                .bind(1, last - events.size() + row.lastOffset()).bind(2, row.recordedAt())
                                .bind(3, row.events()).then())
                        .then());
        return tx.transactional(append.then(wakeAfterCommit()));
    }

    /** Appends one event; see {@link #append(List)}. */
    public Mono<Void> append(LifecycleEvent event) {
        return append(List.of(event));
    }

    /**
     * Events after sequence {@code after} and up to {@code upTo} that pass {@code filter}, in
     * sequence order, at most {@code limit} of them. Fewer than {@code limit} means none is left.
     */
    public Flux<SequencedEvent> read(long after, long upTo, EventFilter filter, int limit) {
        if (after >= upTo) {
            return Flux.empty();
        }
        return scan(after, upTo)
                .expand(page -> page.more() ? scan(page.scannedTo(), upTo) : Mono.empty())
                .concatMapIterable(Page::events)
                .filter(e -> filter.test(e.event()))
                .take(limit, true);
    }

    /** The sequence of the last committed event; 0 when there is none. */
    public Mono<Long> head() {
        return db.sql("SELECT seq FROM event_counter WHERE id = 1").map(r -> r.get(0, Long.class)).one();
    }

    /** Deletes the events recorded before {@code cutoff} (whole stored batches); emits how many. */
    public Mono<Long> deleteBefore(Instant cutoff) {
        Mono<Long> count = db.sql("SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) FROM event_batch "
                + "WHERE recorded_at < $1").bind(0, cutoff).map(r -> ((Number) r.get(0)).longValue()).one();
        return tx.transactional(count.flatMap(n -> db.sql("DELETE FROM event_batch WHERE recorded_at < $1")
                .bind(0, cutoff).then().thenReturn(n)));
    }

    private Mono<Void> appendInOneStatement(List<Row> rows) {
        return db.sql(APPEND_POSTGRESQL)
                .bind(0, rows.stream().map(Row::firstOffset).toArray(Integer[]::new))
                .bind(1, rows.stream().map(Row::lastOffset).toArray(Integer[]::new))
                .bind(2, rows.stream().map(Row::recordedAt).toArray(Instant[]::new))
                .bind(3, rows.stream().map(Row::events).toArray(String[]::new))
                .then();
    }

    private Mono<Page> scan(long after, long upTo) {
        return db.sql(SCAN).bind(0, after).bind(1, upTo)
                .map(r -> new StoredBatch(r.get("first_seq", Long.class), r.get("events", String.class)))
                .all().collectList()
                .map(batches -> page(batches, after, upTo));
    }

    private static Page page(List<StoredBatch> batches, long after, long upTo) {
        List<SequencedEvent> events = new ArrayList<>();
        long scannedTo = after;
        for (StoredBatch batch : batches) {
            List<LifecycleEvent> stored = EventBatchJson.read(batch.events());
            for (int i = 0; i < stored.size(); i++) {
                long seq = batch.firstSeq() + i;
                if (seq > after && seq <= upTo) {
                    events.add(new SequencedEvent(seq, stored.get(i)));
                }
            }
            scannedTo = Math.min(upTo, batch.firstSeq() + stored.size() - 1);
        }
        return new Page(events, scannedTo, batches.size() == ROWS_PER_READ && scannedTo < upTo);
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

    /** {@code events} cut into stored rows; offsets count from 1 within the append. */
    private static List<Row> rows(List<LifecycleEvent> events) {
        List<Row> rows = new ArrayList<>(events.size() / EVENTS_PER_ROW + 1);
        for (int from = 0; from < events.size(); from += EVENTS_PER_ROW) {
            List<LifecycleEvent> part = events.subList(from, Math.min(events.size(), from + EVENTS_PER_ROW));
            rows.add(new Row(from + 1, from + part.size(), recordedAt(part), EventBatchJson.write(part)));
        }
        return rows;
    }

    /** When a stored batch counts as recorded, for retention: the time of its latest event. */
    static Instant recordedAt(List<LifecycleEvent> batch) {
        Instant latest = batch.get(0).at();
        for (LifecycleEvent e : batch) {
            latest = e.at().isAfter(latest) ? e.at() : latest;
        }
        return latest;
    }

    private record Row(int firstOffset, int lastOffset, Instant recordedAt, String events) {
    }

    private record StoredBatch(long firstSeq, String events) {
    }

    /** Events read by one scan, how far it got, and whether rows may be left before its end. */
    private record Page(List<SequencedEvent> events, long scannedTo, boolean more) {
    }
}
