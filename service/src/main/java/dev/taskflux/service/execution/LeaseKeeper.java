package dev.taskflux.service.execution;

import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.SqlDialect;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps alive the leases of the instances this node really holds, and notices the ones it lost: an
 * instance cancelled through another node, replaced, or recovered after this node was cut off is
 * no longer leased to it, so its local run is stopped. A lease this node holds in the database but
 * not in memory (its state write was lost) is not renewed, so it expires and is recovered.
 *
 * <p>On PostgreSQL a heartbeat reads which leases this node still holds, without locking them, and
 * rewrites only those granted more than half a heartbeat interval ago: a busy node holds thousands
 * of short-lived instances, and rewriting every lease locked rows the journal was about to write,
 * stalling every state change behind it. On H2 (one node) each heartbeat renews every lease it
 * still holds.
 */
@Component
class LeaseKeeper {

    private static final String ACTIVE = "status IN ('PENDING', 'RUNNING', 'RETRYING')";
    private static final String UNSTARTED = "status IN ('PENDING', 'RETRYING')";
    /** Planned {@linkplain RowBatch#plannedByKey by key}: as a nested loop it compares every id with every row. */
    static final String HELD_POSTGRESQL = "SELECT t.id, t.lease_expires_at < now() + $3::bigint "
            + "* interval '1 millisecond' AS due FROM task_instance t, unnest($1::uuid[]) AS v(id) "
            + "WHERE t.id = v.id AND t.id = ANY($1::uuid[]) AND t.lease_owner = $2::varchar AND t." + ACTIVE;

    private final DatabaseClient db;
    private final SqlDialect dialect;
    private final String node;
    private final String release;
    private final long renewBelowMillis;
    private final RowBatch<UUID> renew;
    private final RowBatch<ClaimedInstance> handBack;

    LeaseKeeper(DatabaseClient db, NodeIdentity node, SqlDialect dialect, TaskfluxProperties properties) {
        this.db = db;
        this.dialect = dialect;
        this.node = node.id();
        long leaseMillis = properties.scheduler().leaseDuration().toMillis();
        // leases granted within the last half heartbeat are left alone
        this.renewBelowMillis = leaseMillis - properties.scheduler().heartbeatInterval().toMillis() / 2;
        this.renew = RowBatch.<UUID>of(
                        "UPDATE task_instance SET lease_expires_at = " + dialect.nowPlusMillis("$3")
                                + " WHERE id = $1 AND lease_owner = $2 AND " + ACTIVE,
                        // rows a state change is writing are skipped, not waited for: renewal never
                        // deadlocks with the journal, and a skipped lease is renewed at the next heartbeat
                        "UPDATE task_instance t SET lease_expires_at = now() + $3::bigint * interval '1 millisecond' "
                                + "WHERE t.id IN (SELECT i.id FROM task_instance i WHERE i.id = ANY($1::uuid[]) "
                                + "AND i.lease_owner = $2::varchar AND i." + ACTIVE + " ORDER BY i.id "
                                + "FOR UPDATE SKIP LOCKED) RETURNING t.id")
                .column(UUID.class, id -> id)
                .shared(String.class, id -> this.node)
                .shared(Long.class, id -> leaseMillis)
                .build();
        this.handBack = RowBatch.<ClaimedInstance>of(
                        "UPDATE task_instance SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 "
                                + "AND lease_owner = $2 AND attempt = $3 AND " + UNSTARTED,
                        "UPDATE task_instance t SET lease_owner = NULL, lease_expires_at = NULL "
                                + "FROM unnest($1::uuid[], $3::int[]) AS v(id, attempt) WHERE t.id = v.id "
                                + "AND t.id = ANY($1::uuid[]) AND t.lease_owner = $2::varchar AND t.attempt = v.attempt "
                                + "AND t." + UNSTARTED + " RETURNING t.id")
                .column(UUID.class, ClaimedInstance::id)
                .shared(String.class, i -> this.node)
                .column(Integer.class, ClaimedInstance::attempt)
                .joinedByKey()
                .build();
        this.release = "UPDATE task_instance SET lease_expires_at = " + dialect.now() + " WHERE lease_owner = $1 AND "
                + ACTIVE;
    }

    /** Extends the leases of {@code local} that need it; emits the ids among them this node no longer holds. */
    Mono<Set<UUID>> heartbeat(Set<UUID> local) {
        List<UUID> ids = local.stream().sorted().toList();
        Mono<List<UUID>> held = dialect == SqlDialect.POSTGRESQL ? readAndRenew(ids)
                : renew.execute(db, dialect, ids).collectList();
        return held.map(stillHeld -> {
            Set<UUID> lost = new HashSet<>(local);
            stillHeld.forEach(lost::remove);
            return lost;
        });
    }

    /** Reads which of {@code ids} this node still holds (without locking them) and renews those running out. */
    private Mono<List<UUID>> readAndRenew(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(List.of());
        }
        return RowBatch.plannedByKey(db, connection -> Flux.from(connection.createStatement(HELD_POSTGRESQL)
                                .bind(0, ids.toArray(UUID[]::new)).bind(1, node).bind(2, renewBelowMillis).execute())
                        .concatMap(result -> result.map((row, metadata) -> new Lease(row.get("id", UUID.class),
                                Boolean.TRUE.equals(row.get("due", Boolean.class))))))
                .collectList()
                .flatMap(leases -> renew.execute(db, dialect, leases.stream().filter(Lease::due).map(Lease::id)
                                .sorted().toList()).then()
                        .thenReturn(leases.stream().map(Lease::id).toList()));
    }

    private record Lease(UUID id, boolean due) {
    }

    /**
     * Releases the leases of {@code instances}, which this node holds but has not started, so that
     * any node may claim them; one that has moved on since (started, cancelled, taken over) is left
     * alone. Emits how many were released.
     */
    Mono<Long> handBack(List<ClaimedInstance> instances) {
        List<ClaimedInstance> sorted = instances.stream().sorted(java.util.Comparator.comparing(ClaimedInstance::id))
                .toList();
        return handBack.execute(db, dialect, sorted).count();
    }

    /**
     * Lets every lease this node id holds expire now. A node with a stable id calls it at start-up:
     * whatever it held before a restart is recovered at once rather than after the lease duration.
     */
    Mono<Long> expireOwnLeases() {
        return db.sql(release).bind(0, node).fetch().rowsUpdated();
    }
}
