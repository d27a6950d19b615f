package dev.taskflux.service.dependency;

import dev.taskflux.api.TaskDefinition;
import dev.taskflux.service.cluster.BackgroundLoop;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.execution.Dispatcher;
import dev.taskflux.service.task.TaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Lets held instances go once {@link DependencyJudge} allows: a released instance is due at its
 * fire time (or now, if that has passed) and the dispatcher is woken; a failed one is FAILED with
 * the reason. Runs every poll interval and whenever an instance ends or a task stops, so a
 * dependent starts right after its dependencies complete. Each change applies only while the
 * instance is still held, so nodes doing this at once never both act.
 */
@Component
class DependencyRelease extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(DependencyRelease.class);
    private static final Set<EventType> WAKING = EnumSet.of(EventType.INSTANCE_COMPLETED, EventType.INSTANCE_FAILED,
            EventType.INSTANCE_TIMED_OUT, EventType.INSTANCE_CANCELLED, EventType.TASK_CANCELLED,
            EventType.TASK_COMPLETED, EventType.TASK_DELETED);
    /**
     * Releases run at most this often. Ends arrive by the thousand each second on a busy node;
     * one look for held instances covers every end before it.
     */
    private static final Duration MIN_GAP = Duration.ofMillis(10);
    private static final String STILL_HELD = " WHERE id = $3 AND status = 'PENDING' AND due_at = $4";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final TaskStore tasks;
    private final DependencyJudge judge;
    private final LifecycleEvents events;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Scheduler scheduler;
    private final TaskfluxProperties.Scheduler settings;

    DependencyRelease(DatabaseClient db, TransactionalOperator tx, TaskStore tasks, DependencyJudge judge,
                      LifecycleEvents events, Dispatcher dispatcher, Clock clock, Scheduler taskfluxScheduler,
                      TaskfluxProperties properties) {
        this.db = db;
        this.tx = tx;
        this.tasks = tasks;
        this.judge = judge;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.scheduler = taskfluxScheduler;
        this.settings = properties.scheduler();
    }

    /** Judges up to a batch of held instances, oldest fire first; emits how many were released or failed. */
    Mono<Long> releaseDue() {
        return db.sql("SELECT id, definition_id, fire_at FROM task_instance WHERE status = 'PENDING' AND due_at = "
                        + DependencyGate.HELD_SQL + " ORDER BY fire_at LIMIT $1")
                .bind(0, settings.batchSize())
                .map(row -> new Held(row.get("id", UUID.class), row.get("definition_id", UUID.class),
                        row.get("fire_at", Instant.class)))
                .all()
                .concatMap(held -> tasks.find(held.definitionId())
                        .flatMap(d -> judge.judge(d, held.fireAt()).flatMap(verdict -> apply(held, d, verdict))))
                .filter(changed -> changed)
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        dispatcher.wake();
                    }
                });
    }

    private Mono<Boolean> apply(Held held, TaskDefinition d, DependencyVerdict verdict) {
        Instant now = clock.instant();
        return switch (verdict.kind()) {
            case WAIT -> Mono.just(false);
            case RUN -> update("UPDATE task_instance SET due_at = $1, error = $2" + STILL_HELD, held,
                    held.fireAt().isAfter(now) ? held.fireAt() : now, null);
            case FAIL -> tx.transactional(update("UPDATE task_instance SET status = 'FAILED', finished_at = $1, "
                    + "error = $2" + STILL_HELD, held, now, verdict.reason())
                    .flatMap(failed -> !failed ? Mono.just(false)
                            : events.record(new LifecycleEvent(EventType.INSTANCE_FAILED, now, d.spec().owner(), d.id(),
                                    held.id(), Map.of("status", "FAILED", "error", verdict.reason()))).thenReturn(true)));
        };
    }

    private Mono<Boolean> update(String sql, Held held, Instant at, String error) {
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind(0, at);
        spec = error == null ? spec.bindNull(1, String.class) : spec.bind(1, error);
        return spec.bind(2, held.id()).bind(3, DependencyGate.HELD).fetch().rowsUpdated().map(n -> n == 1);
    }

    @Override
    protected Disposable startLoop() {
        if (!settings.enabled()) {
            return null;
        }
        Duration every = settings.pollInterval();
        Flux<Object> ticks = Flux.merge(Flux.interval(every, every, scheduler),
                resubscribing(events::stream, every, scheduler).filter(e -> WAKING.contains(e.type())));
        return ticks.onBackpressureLatest()
                .concatMap(tick -> releaseDue().onErrorResume(e -> {
                    log.warn("Releasing instances held for their dependencies failed; retrying", e);
                    return Mono.empty();
                }).then(Mono.delay(MIN_GAP, scheduler)), 1)
                .subscribe();
    }

    private record Held(UUID id, UUID definitionId, Instant fireAt) {
    }
}
