package dev.taskflux.service.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Gives committed event batches their sequence numbers on PostgreSQL (migration V25). The batches
 * this node appends are numbered right after their transactions commit, the batches of many commits
 * in one numbering transaction; {@link #sweep()} numbers batches left unnumbered elsewhere, such as
 * by a node that stopped right after committing. Numbering transactions queue on the event counter,
 * so numbers become visible in order on every node.
 */
@Component
class EventNumbering implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventNumbering.class);
    /** Placeholder batches per numbering transaction at most. */
    static final int BATCHES_PER_CALL = 4096;
    /** How long a read waits for this node's numbering before it reads what is numbered. */
    private static final Duration FLUSH_LIMIT = Duration.ofSeconds(5);

    private final DatabaseClient db;
    private final EventWakeups wakeups;
    private final Queue<Long> committed = new ConcurrentLinkedQueue<>();
    /** Commits handed over so far; numbering has caught up with commit {@code n} once it emits n. */
    private final AtomicLong commits = new AtomicLong();
    private final Sinks.Many<Long> numberedUpTo = Sinks.many().replay().latest();
    private final Sinks.Many<Boolean> kicks = Sinks.many().multicast().directBestEffort();
    private final Disposable loop;

    EventNumbering(DatabaseClient db, EventWakeups wakeups) {
        this.db = db;
        this.wakeups = wakeups;
        numberedUpTo.tryEmitNext(0L);
        this.loop = kicks.asFlux().onBackpressureLatest().concatMap(kick -> numberCommitted(), 1).subscribe();
    }

    /** Hands over the placeholders of batches whose transaction has just committed. */
    void committed(List<Long> placeholders) {
        committed.addAll(placeholders);
        commits.incrementAndGet();
        kick();
    }

    /**
     * Completes once every batch handed over before the call is numbered, or after a few seconds if
     * the database cannot number them now (they are numbered later; readers then see them later).
     */
    Mono<Void> flush() {
        long upTo = commits.get();
        return numberedUpTo.asFlux().filter(n -> n >= upTo).next()
                .timeout(FLUSH_LIMIT, Mono.empty())
                .then();
    }

    /** Numbers every committed batch still waiting for its number, whoever appended it. */
    Mono<Void> sweep() {
        Mono<Integer> once = db.sql("SELECT event_batch_number_all(" + BATCHES_PER_CALL + ")")
                .map(r -> r.get(0, Integer.class)).one();
        return once.expand(numbered -> numbered == BATCHES_PER_CALL ? once : Mono.empty()).then();
    }

    private Mono<Void> numberCommitted() {
        long upTo = commits.get();
        List<Long> placeholders = new ArrayList<>();
        for (Long p = committed.poll(); p != null; p = committed.poll()) {
            placeholders.add(p);
        }
        return Flux.fromIterable(chunks(placeholders))
                .concatMap(this::number)
                .then(Mono.fromRunnable(() -> {
                    numberedUpTo.tryEmitNext(upTo);
                    if (!placeholders.isEmpty()) {
                        wakeups.committed();
                    }
                }));
    }

    private Mono<Integer> number(Long[] placeholders) {
        return db.sql("SELECT event_batch_number($1)").bind(0, placeholders)
                .map(r -> r.get(0, Integer.class)).one()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(r -> log.warn("Numbering committed events failed; retrying: {}",
                                r.failure().toString())));
    }

    private static List<Long[]> chunks(List<Long> placeholders) {
        List<Long[]> chunks = new ArrayList<>();
        for (int from = 0; from < placeholders.size(); from += BATCHES_PER_CALL) {
            chunks.add(placeholders.subList(from, Math.min(placeholders.size(), from + BATCHES_PER_CALL))
                    .toArray(Long[]::new));
        }
        return chunks;
    }

    private void kick() {
        synchronized (kicks) {
            kicks.tryEmitNext(Boolean.TRUE);
        }
    }

    @Override
    public void destroy() {
        loop.dispose();
    }
}
