package dev.taskflux.service.execution;

import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.storage.SqlDialect;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps this node's leases alive and notices the ones it lost: an instance cancelled through
 * another node, replaced, or recovered after this node was cut off is no longer leased to it, so
 * its local run is stopped.
 */
@Component
class LeaseKeeper {

    private static final String ACTIVE = "status IN ('PENDING', 'RUNNING', 'RETRYING')";

    private final DatabaseClient db;
    private final String node;
    private final String extend;
    private final String release;
    private final long leaseMillis;

    LeaseKeeper(DatabaseClient db, NodeIdentity node, SqlDialect dialect, TaskfluxProperties properties) {
        this.db = db;
        this.node = node.id();
        this.leaseMillis = properties.scheduler().leaseDuration().toMillis();
        this.extend = "UPDATE task_instance SET lease_expires_at = " + dialect.nowPlusMillis("$1")
                + " WHERE lease_owner = $2 AND " + ACTIVE;
        this.release = "UPDATE task_instance SET lease_expires_at = " + dialect.now() + " WHERE lease_owner = $1 AND "
                + ACTIVE;
    }

    /** Extends every lease of this node; emits the ids among {@code local} that it no longer holds. */
    Mono<Set<UUID>> heartbeat(Set<UUID> local) {
        return db.sql(extend).bind(0, leaseMillis).bind(1, node).then()
                .then(db.sql("SELECT id FROM task_instance WHERE lease_owner = $1 AND " + ACTIVE).bind(0, node)
                        .map(row -> row.get("id", UUID.class)).all().collect(java.util.stream.Collectors.toSet()))
                .map(held -> {
                    Set<UUID> lost = new HashSet<>(local);
                    lost.removeAll(held);
                    return lost;
                });
    }

    /**
     * Lets every lease this node id holds expire now. A node with a stable id calls it at start-up:
     * whatever it held before a restart is recovered at once rather than after the lease duration.
     */
    Mono<Long> expireOwnLeases() {
        return db.sql(release).bind(0, node).fetch().rowsUpdated();
    }
}
