package dev.taskflux.service.workflow.run;

import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The leases of workflow runs: a run executes on the node whose lease on it has not expired; a
 * node that stops renewing loses its runs to the others. Expiry is measured on the database clock.
 */
final class RunLeaseSql {

    /** Runs not yet ended, as an SQL condition on {@code status}. */
    static final String UNFINISHED = "status IN ('PENDING', 'RUNNING', 'PAUSED', 'COMPENSATING')";

    private final DatabaseClient db;
    private final SqlDialect dialect;
    private final String node;
    private final RowBatch<UUID> extend;
    private final String free;

    private final long leaseMillis;

    RunLeaseSql(DatabaseClient db, SqlDialect dialect, String node, Duration lease) {
        this.leaseMillis = lease.toMillis();
        this.db = db;
        this.dialect = dialect;
        this.node = node;
        this.free = "(lease_owner IS NULL OR lease_expires_at < " + dialect.now() + ")";
        // finished runs are still held, so a run that ends between two heartbeats is not taken for lost
        this.extend = RowBatch.<UUID>of(
                        "UPDATE workflow_run SET lease_expires_at = " + dialect.nowPlusMillis("$3")
                                + " WHERE id = $1 AND lease_owner = $2",
                        "UPDATE workflow_run t SET lease_expires_at = now() + $3::bigint * interval '1 millisecond' "
                                + "WHERE t.id = ANY($1::uuid[]) AND t.lease_owner = $2::varchar RETURNING t.id")
                .column(UUID.class, id -> id)
                .shared(String.class, id -> this.node)
                .shared(Long.class, id -> leaseMillis)
                .build();
    }

    String node() {
        return node;
    }

    long leaseMillis() {
        return leaseMillis;
    }

    Mono<Set<UUID>> heartbeat(Set<UUID> local) {
        List<UUID> ids = local.stream().sorted().toList();
        return extend.execute(db, dialect, ids).collect(HashSet<UUID>::new, Set::add).map(held -> {
            Set<UUID> lost = new HashSet<>(local);
            lost.removeAll(held);
            return lost;
        });
    }

    /** Selects and leases orphaned runs; call inside a transaction. */
    Mono<List<UUID>> claimOrphans(int limit) {
        return db.sql("SELECT id FROM workflow_run WHERE " + UNFINISHED + " AND " + free
                        + " ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED")
                .bind(0, limit).map(row -> row.get("id", UUID.class)).all().collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(ids)
                        : Sql.bindList(db.sql("UPDATE workflow_run SET lease_owner = $1, lease_expires_at = "
                                        + dialect.nowPlusMillis("$2") + " WHERE id IN (" + Sql.markers(3, ids.size()) + ")")
                                        .bind(0, node).bind(1, leaseMillis), 2, ids)
                                .then().thenReturn(ids));
    }

    Mono<Boolean> claim(UUID runId) {
        return db.sql("UPDATE workflow_run SET lease_owner = $1, lease_expires_at = " + dialect.nowPlusMillis("$2")
                        + " WHERE id = $3 AND " + UNFINISHED + " AND (" + free.substring(1, free.length() - 1)
                        + " OR lease_owner = $1)")
                .bind(0, node).bind(1, leaseMillis).bind(2, runId).fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Long> expireOwn() {
        return db.sql("UPDATE workflow_run SET lease_expires_at = " + dialect.now() + " WHERE lease_owner = $1 AND "
                + UNFINISHED).bind(0, node).fetch().rowsUpdated();
    }
}
