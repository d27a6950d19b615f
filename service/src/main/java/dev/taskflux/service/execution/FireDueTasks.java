package dev.taskflux.service.execution;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.dependency.DependencyGate;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.task.TaskStore;
import dev.taskflux.service.trigger.FireSchedule;
import dev.taskflux.service.trigger.MisfirePlan;
import dev.taskflux.service.trigger.MisfirePlanner;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Materialises due fires: locks the active definitions due before the horizon, records one
 * instance per fire (the misfire policy decides which fires of a late definition run), and moves
 * each definition to its next fire, completing it when nothing is left. One transaction per batch.
 * Fires of a handler this node cannot run now (a remote handler without a worker here) are recorded
 * unclaimed, for a node that can.
 */
@Component
class FireDueTasks {

    private static final int MAX_FIRES_PER_ROUND = 1000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FireDueTasks.class);

    /**
     * The due query must walk the due index in fire order and stop after one batch. Without
     * statistics (a new database, or autovacuum off) PostgreSQL takes the due set for a few rows and
     * plans a bitmap scan instead, which reads and sorts every due definition on every round: a
     * backlog of 50,000 then costs each round a scan of the whole backlog.
     */
    private static final String WALK_DUE_INDEX = "SET LOCAL enable_bitmapscan = off";
    private static final String SELECT_DUE = "SELECT " + TaskStore.COLUMNS + " FROM task_definition "
            + "WHERE status = 'ACTIVE' AND next_fire_at <= $1 ORDER BY next_fire_at LIMIT $2 FOR UPDATE SKIP LOCKED";
    private static final RowBatch<Advance> ADVANCE = RowBatch.<Advance>of(
                    "UPDATE task_definition SET next_fire_at = $2, run_count = $3, status = $4, version = version + 1, "
                            + "updated_at = $5 WHERE id = $1",
                    "UPDATE task_definition d SET next_fire_at = v.next_fire_at, run_count = v.run_count, "
                            + "status = v.status, version = d.version + 1, updated_at = $5::timestamptz FROM unnest("
                            + "$1::uuid[], $2::timestamptz[], $3::bigint[], $4::varchar[]) "
                            + "AS v(id, next_fire_at, run_count, status) WHERE d.id = v.id AND d.id = ANY($1::uuid[]) "
                            + "RETURNING d.id")
            .column(UUID.class, Advance::id)
            .column(Instant.class, Advance::next)
            .column(Long.class, Advance::runCount)
            .column(String.class, a -> a.status().name())
            .shared(Instant.class, Advance::now)
            .reportingUnchanged()
            .joinedByKey()
            .build();

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final TaskStore tasks;
    private final InstanceInserts inserts;
    private final LifecycleEvents events;
    private final Clock clock;
    private final TaskfluxProperties.Scheduler settings;
    private final SqlDialect dialect;
    private final DependencyGate dependencies;
    private final HandlerRegistry handlers;
    private final Misfires misfires;

    FireDueTasks(DatabaseClient db, TransactionalOperator tx, TaskStore tasks, InstanceInserts inserts,
                 LifecycleEvents events, Clock clock, SqlDialect dialect, TaskfluxProperties properties,
                 DependencyGate dependencies, HandlerRegistry handlers, MeterRegistry registry) {
        this.dependencies = dependencies;
        this.handlers = handlers;
        this.dialect = dialect;
        this.inserts = inserts;
        this.db = db;
        this.tx = tx;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
        this.settings = properties.scheduler();
        this.misfires = new Misfires(registry, settings.misfireThreshold());
    }

    /**
     * Fires the definitions due before {@code now + lookahead}. New instances of definitions without
     * an instance limit are claimed by this node as they are recorded, saving the claim round trip:
     * up to {@code room.due()} of those due now, and up to {@code room.ahead()} of those due later,
     * which wait on timers rather than take a concurrency slot.
     */
    Mono<Fired> fire(Room room) {
        Instant now = clock.instant();
        Instant horizon = now.plus(settings.lookahead());
        List<LifecycleEvent> published = new ArrayList<>();
        Mono<Void> plan = dialect == SqlDialect.POSTGRESQL ? db.sql(WALK_DUE_INDEX).then() : Mono.empty();
        return tx.transactional(plan.then(db.sql(SELECT_DUE).bind(0, horizon).bind(1, settings.batchSize())
                        .map(tasks::definition).all().collectList()
                        .flatMap(due -> apply(due, now, room, published).map(claimed -> new Fired(due.size(), claimed)))
                        .flatMap(fired -> events.record(published).thenReturn(fired))));
    }

    /**
     * How many fire rounds may run at once while a backlog lasts: two on PostgreSQL, where each
     * round skips the definitions another has locked; one on the embedded database.
     */
    int lanes() {
        return dialect == SqlDialect.POSTGRESQL ? 2 : 1;
    }

    /**
     * What a fire round did.
     *
     * @param definitions definitions handled (a full batch means there may be more)
     * @param claimed     new instances this node claimed, to be started at their fire time
     */
    record Fired(int definitions, List<ClaimedInstance> claimed) {
    }

    private Mono<List<ClaimedInstance>> apply(List<TaskDefinition> due, Instant now, Room room,
                                              List<LifecycleEvent> published) {
        Room.Left left = room.left();
        List<NewInstance> instances = new ArrayList<>();
        Map<UUID, MisfirePlan> plans = new java.util.LinkedHashMap<>();
        int late = 0;
        for (TaskDefinition d : due) {
            if (d.nextFireAt() != null && MisfirePlanner.isMisfire(d.nextFireAt(), now, settings.misfireThreshold())) {
                late++;
            }
            MisfirePlan plan = plan(d, now);
            plans.put(d.id(), plan);
            boolean claimable = d.spec().concurrency().effectiveMaxInstances() == null
                    && d.spec().dependsOn().isEmpty() && handlers.available(d.spec().handler());
            for (Instant fire : plan.fires()) {
                boolean leased = claimable && left.take(fire.isAfter(now));
                instances.add(new NewInstance(UUID.randomUUID(), d, FireKind.SCHEDULED, fire, leased));
            }
        }
        misfires.record(late, now);
        return inserts.insert(instances, now).collectList().flatMap(recorded -> {
            List<Advance> advances = advances(due, plans, recorded, now, published);
            List<ClaimedInstance> claimed = recorded.stream().filter(NewInstance::leased).map(NewInstance::claimed)
                    .toList();
            return dependencies.hold(recorded).then(ADVANCE.execute(db, dialect, advances).then()).thenReturn(claimed);
        });
    }

    /**
     * Moves each definition past its planned fires, counting only the fires actually recorded: a
     * fire recorded before (by an earlier round, ahead of a reschedule) is neither counted nor
     * announced again.
     */
    private static List<Advance> advances(List<TaskDefinition> due, Map<UUID, MisfirePlan> plans,
                                          List<NewInstance> recorded, Instant now, List<LifecycleEvent> published) {
        Map<UUID, Long> fired = new java.util.HashMap<>();
        for (NewInstance i : recorded) {
            fired.merge(i.definition().id(), 1L, Long::sum);
            published.add(new LifecycleEvent(EventType.INSTANCE_PENDING, now, i.definition().spec().owner(),
                    i.definition().id(), i.id(), Map.of("fireAt", i.fireAt().toString())));
        }
        List<Advance> advances = new ArrayList<>();
        for (TaskDefinition d : due) {
            Instant next = plans.get(d.id()).nextFireAt().orElse(null);
            long runCount = d.runCount() + fired.getOrDefault(d.id(), 0L);
            TaskStatus status = next == null ? TaskStatus.COMPLETED : TaskStatus.ACTIVE;
            advances.add(new Advance(d.id(), next, runCount, status, now));
            if (status == TaskStatus.COMPLETED) {
                published.add(new LifecycleEvent(EventType.TASK_COMPLETED, now, d.spec().owner(), d.id(), null,
                        Map.of("runCount", runCount)));
            }
        }
        return advances;
    }


    /** The definition's fires; one that cannot be planned is completed rather than block every round. */
    private MisfirePlan plan(TaskDefinition d, Instant now) {
        try {
            MisfirePlan plan = MisfirePlanner.plan(d.spec(), d.nextFireAt(), d.runCount(), now,
                    settings.misfireThreshold(), settings.catchUpWindow(), settings.catchUpLimit());
            return withFiresBefore(now.plus(settings.lookahead()), d, plan);
        } catch (RuntimeException e) {
            log.error("Cannot compute the fires of task {}; completing it", d.id(), e);
            return new MisfirePlan(List.of(), java.util.Optional.empty());
        }
    }

    /**
     * The plan extended by every later fire before {@code horizon}, so a definition that fires more
     * often than the poll interval never falls behind.
     */
    private static MisfirePlan withFiresBefore(Instant horizon, TaskDefinition d, MisfirePlan plan) {
        List<Instant> fires = new ArrayList<>(plan.fires());
        java.util.Optional<Instant> next = plan.nextFireAt();
        while (next.isPresent() && !next.get().isAfter(horizon) && fires.size() < MAX_FIRES_PER_ROUND) {
            fires.add(next.get());
            next = FireSchedule.nextFire(d.spec(), next.get(), d.runCount() + fires.size());
        }
        return new MisfirePlan(fires, next);
    }

    private record Advance(UUID id, Instant next, long runCount, TaskStatus status, Instant now) {
    }
}
