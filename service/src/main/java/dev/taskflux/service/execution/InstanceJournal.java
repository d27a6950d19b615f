package dev.taskflux.service.execution;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.storage.WriteBatches;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Writes the state changes of running instances in batches, one transaction per batch, each change
 * fenced by the lease and attempt it expects. Events are recorded in the batch's transaction, and
 * only for changes that applied. The start of an attempt waits briefly for what comes after it
 * ({@code taskflux.scheduler.start-hold}), so that a short run is written once rather than twice.
 */
@Component
class InstanceJournal implements Transitions, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InstanceJournal.class);
    private static final Duration MAX_WAIT = Duration.ofMillis(5);

    private final Sinks.Many<Transition> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final LifecycleEvents events;
    private final JsonCodec json;
    private final String node;
    private final Disposable writer;
    private final Scheduler thread = Schedulers.newSingle("taskflux-journal", true);
    private final java.util.concurrent.atomic.AtomicInteger backlog = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Map<UUID, Integer> unwritten = new java.util.concurrent.ConcurrentHashMap<>();
    private final SqlDialect dialect;
    private final RowBatch<Transition> update;
    private final HeldStarts starts;
    private final long startHoldNanos;
    private boolean releaseScheduled;

    InstanceJournal(DatabaseClient db, TransactionalOperator tx, LifecycleEvents events, JsonCodec json,
                    NodeIdentity node, SqlDialect dialect, TaskfluxProperties properties) {
        this.db = db;
        this.tx = tx;
        this.events = events;
        this.json = json;
        this.node = node.id();
        this.dialect = dialect;
        this.startHoldNanos = properties.scheduler().startHold().toNanos();
        this.starts = new HeldStarts(startHoldNanos);
        this.update = RowBatch.<Transition>of(
                        "UPDATE task_instance SET status = $2, attempt = $3, due_at = $4, started_at = COALESCE(started_at, $5), "
                                + "finished_at = $6, result = $7, error = $8, attempts = $9 WHERE id = $1 AND lease_owner = $10 "
                                + "AND attempt = $11 AND status IN ($12, $13)",
                        "UPDATE task_instance t SET status = v.status, attempt = v.attempt, due_at = v.due_at, "
                                + "started_at = COALESCE(t.started_at, v.started_at), finished_at = v.finished_at, "
                                + "result = v.result, error = v.error, attempts = v.attempts FROM unnest($1::uuid[], "
                                + "$2::varchar[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], "
                                + "$7::varchar[], $8::varchar[], $9::varchar[], $11::int[], $12::varchar[], "
                                + "$13::varchar[]) AS v(id, status, attempt, due_at, started_at, finished_at, result, error, "
                                + "attempts, expected_attempt, s1, s2) WHERE t.id = v.id AND t.id = ANY($1::uuid[]) "
                                + "AND t.lease_owner = $10::varchar "
                                + "AND t.attempt = v.expected_attempt AND t.status IN (v.s1, v.s2) RETURNING t.id")
                .column(UUID.class, Transition::id)
                .column(String.class, t -> t.status().name())
                .column(Integer.class, Transition::attempt)
                .column(Instant.class, Transition::dueAt)
                .column(Instant.class, Transition::startedAt)
                .column(Instant.class, Transition::finishedAt)
                .column(String.class, Transition::result)
                .column(String.class, Transition::error)
                .column(String.class, t -> json.write(t.attempts()))
                .shared(String.class, t -> this.node)
                .column(Integer.class, Transition::expectedAttempt)
                .column(String.class, t -> first(t.expectedStatus()))
                .column(String.class, t -> last(t.expectedStatus()))
                .reportingUnchanged()
                .joinedByKey()
                .build();
        // Recording only enqueues: batching and writing happen on the journal's own thread, never on the
        // timer threads that start instances on time.
        this.writer = WriteBatches.start(queue.asFlux(), properties.scheduler().batchSize(), MAX_WAIT, thread,
                this::write);
    }

    /**
     * Queues {@code transition}. A start is held back until the hold ends or something later happens
     * to its instance, which then follows it into the queue, so the two go out in order and usually
     * in one batch, merged into one update.
     */
    @Override
    public void record(Transition transition) {
        backlog.incrementAndGet();
        unwritten.merge(transition.id(), 1, Integer::sum);
        synchronized (queue) {
            Transition start = starts.release(transition.id());
            if (start != null) {
                queue.tryEmitNext(start);
            }
            if (transition.event() != EventType.INSTANCE_STARTED || startHoldNanos <= 0) {
                queue.tryEmitNext(transition);
            } else {
                starts.hold(transition, System.nanoTime());
                if (!releaseScheduled) {
                    scheduleRelease(startHoldNanos);
                }
            }
        }
    }

    /** Queues the starts whose hold has ended; comes back when the next one's ends. */
    private void releaseHeldStarts() {
        synchronized (queue) {
            long now = System.nanoTime();
            starts.releaseDue(now).forEach(queue::tryEmitNext);
            releaseScheduled = false;
            if (!starts.isEmpty()) {
                scheduleRelease(starts.nextRelease() - now);
            }
        }
    }

    private void scheduleRelease(long delayNanos) {
        try {
            thread.schedule(this::releaseHeldStarts, delayNanos, TimeUnit.NANOSECONDS);
            releaseScheduled = true;
        } catch (RejectedExecutionException stopped) {
            // The journal is shutting down; what is still held is lost like the rest of its queue.
        }
    }

    private Mono<Void> write(List<Transition> batch) {
        List<Transition> merged = new ArrayList<>(coalesce(batch).values());
        // One lock order for every writer of instance rows keeps concurrent batches from deadlocking.
        merged.sort(java.util.Comparator.comparing(Transition::id));
        return tx.transactional(update.execute(db, dialect, merged).map(Transition::id)
                        .collect(java.util.stream.Collectors.toSet())
                        .flatMap(applied -> events.record(eventsOf(batch, applied)).thenReturn(applied)))
                .retryWhen(Retry.backoff(5, Duration.ofMillis(100)))
                .doFinally(signal -> {
                    backlog.addAndGet(-batch.size());
                    batch.forEach(t -> unwritten.computeIfPresent(t.id(), (id, n) -> n > 1 ? n - 1 : null));
                })
                .onErrorResume(e -> {
                    log.error("Lost {} instance state changes; their leases will expire and be recovered", batch.size(), e);
                    return Mono.empty();
                })
                .then();
    }

    private static Map<UUID, Transition> coalesce(List<Transition> batch) {
        Map<UUID, Transition> merged = new LinkedHashMap<>();
        for (Transition t : batch) {
            merged.merge(t.id(), t, (earlier, later) -> later.after(earlier));
        }
        return merged;
    }

    private static List<LifecycleEvent> eventsOf(List<Transition> batch, java.util.Set<UUID> applied) {
        List<LifecycleEvent> changes = new ArrayList<>(batch.size());
        for (Transition t : batch) {
            if (applied.contains(t.id())) {
                changes.add(new LifecycleEvent(t.event(), t.at(), t.instance().owner(), t.instance().definitionId(),
                        t.id(), t.payload()));
            }
        }
        return changes;
    }

    private static String first(java.util.Set<InstanceStatus> statuses) {
        return statuses.iterator().next().name();
    }

    private static String last(java.util.Set<InstanceStatus> statuses) {
        Iterator<InstanceStatus> it = statuses.iterator();
        InstanceStatus last = it.next();
        while (it.hasNext()) {
            last = it.next();
        }
        return last.name();
    }

    /**
     * Instances with changes not yet written. Their leases are renewed until the changes land, so a
     * finished run whose outcome is still queued is not mistaken for a dead one.
     */
    java.util.Set<UUID> unwritten() {
        return java.util.Set.copyOf(unwritten.keySet());
    }

    /** State changes recorded but not yet written; the dispatcher claims less while they pile up. */
    int backlog() {
        return backlog.get();
    }

    @Override
    public void destroy() {
        synchronized (queue) {
            starts.releaseAll().forEach(queue::tryEmitNext);
            queue.tryEmitComplete();
        }
        writer.dispose();
        thread.dispose();
    }
}
