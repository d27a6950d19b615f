package dev.taskflux.service.execution;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.FireKind;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.dependency.DependencyGate;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.task.TaskStore;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Claims due instances for this node with a lease on the database clock: highest priority first,
 * at most as many as this node has room for, counting those due now and those due later apart.
 * Instances of definitions that limit their concurrent instances are claimed only once due, when
 * {@link OverlapDecision} settles each of them. Instances of a handler this node cannot run now (a
 * remote handler without a worker here) are left for a node that can.
 */
@Component
class ClaimDueInstances {

    private static final String SELECT_CANDIDATES = "SELECT i.id, i.definition_id, i.kind, i.fire_at, i.due_at, "
            + "i.attempt, i.attempts FROM task_instance i "
            + "WHERE i.status IN ('PENDING', 'RETRYING') AND i.lease_owner IS NULL AND i.due_at <= $1 "
            + "AND i.due_at < " + DependencyGate.HELD_SQL + " %s"
            + "AND NOT EXISTS (SELECT 1 FROM task_definition d WHERE d.id = i.definition_id "
            + "AND d.overlap_policy = 'ALLOW' AND d.max_instances IS NOT NULL AND d.max_instances <= "
            + "(SELECT COUNT(*) FROM task_instance a WHERE a.definition_id = d.id AND a.lease_owner IS NOT NULL "
            + "AND a.status IN ('PENDING', 'RUNNING', 'RETRYING'))) "
            + "ORDER BY i.priority DESC, i.due_at LIMIT $2 FOR UPDATE SKIP LOCKED";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final TaskStore tasks;
    private final JsonCodec json;
    private final LifecycleEvents events;
    private final OverlapDecision overlap;
    private final Clock clock;
    private final String node;
    private final RowBatch<Candidate> lease;
    private final SqlDialect dialect;
    private final TaskfluxProperties.Scheduler settings;
    private final HandlerRegistry handlers;

    ClaimDueInstances(DatabaseClient db, TransactionalOperator tx, TaskStore tasks, JsonCodec json,
                      LifecycleEvents events, OverlapDecision overlap, Clock clock, NodeIdentity node,
                      SqlDialect dialect, TaskfluxProperties properties, HandlerRegistry handlers) {
        this.db = db;
        this.handlers = handlers;
        this.tx = tx;
        this.tasks = tasks;
        this.json = json;
        this.events = events;
        this.overlap = overlap;
        this.clock = clock;
        this.node = node.id();
        this.settings = properties.scheduler();
        this.dialect = dialect;
        long leaseMillis = settings.leaseDuration().toMillis();
        this.lease = RowBatch.<Candidate>of(
                        "UPDATE task_instance SET lease_owner = $2, lease_expires_at = " + dialect.nowPlusMillis("$3")
                                + " WHERE id = $1 AND status IN ('PENDING', 'RETRYING')",
                        "UPDATE task_instance t SET lease_owner = $2::varchar, lease_expires_at = now() + $3::bigint "
                                + "* interval '1 millisecond' FROM unnest($1::uuid[]) AS v(id) "
                                + "WHERE t.id = v.id AND t.status IN ('PENDING', 'RETRYING') RETURNING t.id")
                .column(UUID.class, Candidate::id)
                .shared(String.class, c -> this.node)
                .shared(Long.class, c -> leaseMillis)
                .reportingUnchanged()
                .build();
    }

    /**
     * Claims instances due before {@code now + lookahead}, in priority and due order: up to
     * {@code room.due()} of those due now, and up to {@code room.ahead()} of those due later, which
     * wait on timers rather than take a concurrency slot, as for new fires.
     */
    Mono<Claim> claim(Room room) {
        int limit = limit(room);
        if (limit <= 0) {
            return Mono.just(Claim.NONE);
        }
        Instant now = clock.instant();
        List<LifecycleEvent> published = new ArrayList<>();
        return tx.transactional(candidates(now.plus(settings.lookahead()), limit)
                        .map(this::candidate).all().collectList()
                        .flatMap(candidates -> candidates.isEmpty() ? Mono.just(Claim.NONE)
                                : definitions(candidates).flatMap(defs -> decide(candidates, defs, now, room,
                                        published)))
                        .flatMap(claim -> events.record(published).thenReturn(claim)));
    }

    /**
     * The most candidates one claim for {@code room} looks at: none while every concurrency slot is
     * taken, since the candidates due now, which come first, could not be taken.
     */
    int limit(Room room) {
        return room.due() <= 0 ? 0 : Math.min(Math.max(room.due(), room.ahead()), settings.batchSize());
    }

    private Mono<Claim> decide(List<Candidate> candidates, Map<UUID, TaskDefinition> defs, Instant now, Room room,
                               List<LifecycleEvent> published) {
        List<Candidate> free = new ArrayList<>();
        List<Candidate> limited = new ArrayList<>();
        Instant nextLimitedDue = null;
        Room.Left left = room.left();
        for (Candidate c : candidates) {
            TaskDefinition d = defs.get(c.definitionId());
            if (d == null) {
                continue;
            }
            boolean later = c.dueAt().isAfter(now);
            boolean limitedDefinition = d.spec().concurrency().effectiveMaxInstances() != null;
            if (limitedDefinition && later) {
                nextLimitedDue = nextLimitedDue == null || c.dueAt().isBefore(nextLimitedDue) ? c.dueAt()
                        : nextLimitedDue;
            } else if (left.take(later)) {
                (limitedDefinition ? limited : free).add(c);
            }
        }
        Instant wake = nextLimitedDue;
        return overlap.decide(limited, defs, now, published)
                .flatMap(admitted -> {
                    List<Candidate> claimed = new ArrayList<>(free);
                    claimed.addAll(admitted.admitted());
                    return lease.execute(db, dialect, claimed).collectList()
                            .map(leased -> new Claim(leased.stream()
                                    .map(c -> c.claimed(defs.get(c.definitionId()))).toList(),
                                    candidates.size(), wake, admitted.replaced()));
                });
    }

    /** The candidates query, leaving out the handlers this node cannot run now. */
    private DatabaseClient.GenericExecuteSpec candidates(Instant horizon, int limit) {
        List<String> unavailable = List.copyOf(handlers.unavailable());
        String excluded = unavailable.isEmpty() ? ""
                : "AND i.handler NOT IN (" + Sql.markers(3, unavailable.size()) + ") ";
        DatabaseClient.GenericExecuteSpec spec = db.sql(SELECT_CANDIDATES.formatted(excluded)).bind(0, horizon)
                .bind(1, limit);
        return unavailable.isEmpty() ? spec : Sql.bindList(spec, 2, unavailable);
    }

    private Mono<Map<UUID, TaskDefinition>> definitions(List<Candidate> candidates) {
        List<UUID> ids = candidates.stream().map(Candidate::definitionId).distinct().toList();
        String sql = "SELECT " + TaskStore.COLUMNS + " FROM task_definition WHERE id IN (" + Sql.markers(1, ids.size())
                + ")";
        return Sql.bindList(db.sql(sql), 0, ids).map(tasks::definition).all()
                .collect(Collectors.toMap(TaskDefinition::id, Function.identity()));
    }

    private Candidate candidate(Readable row) {
        String attempts = row.get("attempts", String.class);
        return new Candidate(row.get("id", UUID.class), row.get("definition_id", UUID.class),
                FireKind.valueOf(row.get("kind", String.class)), row.get("fire_at", Instant.class),
                row.get("due_at", Instant.class), row.get("attempt", Integer.class),
                json.readAttempts(attempts));
    }

    /** An instance that may be claimed. */
    record Candidate(UUID id, UUID definitionId, FireKind kind, Instant fireAt, Instant dueAt, int attempt,
                     List<Attempt> attempts) {

        ClaimedInstance claimed(TaskDefinition definition) {
            return new ClaimedInstance(id, definitionId, kind, fireAt, dueAt, attempt, definition.spec(), attempts);
        }
    }

    /**
     * What one claim round found.
     *
     * @param instances  claimed, to be started at their due time
     * @param candidates how many instances were looked at (a full batch means there may be more)
     * @param wakeAt     when the next instance of a limited definition becomes due, if any
     * @param replaced   running instances cancelled by REPLACE, to be stopped if they run here
     */
    record Claim(List<ClaimedInstance> instances, int candidates, Instant wakeAt, List<UUID> replaced) {
        static final Claim NONE = new Claim(List.of(), 0, null, List.of());
    }
}
