package dev.taskflux.service.execution;

import dev.taskflux.api.FireKind;
import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.SqlDialect;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Records new PENDING instances in one round trip. A scheduled fire that is already recorded is
 * left alone: the unique key on definition and fire time makes each fire happen once.
 */
@Component
public class InstanceInserts {

    private static final String COLUMNS = "id, definition_id, owner, handler, kind, fire_at, scheduled_fire_at, "
            + "priority, created_at, lease_owner, lease_expires_at, status, attempt, due_at";

    private final DatabaseClient db;
    private final SqlDialect dialect;
    private final RowBatch<Insert> insert;

    InstanceInserts(DatabaseClient db, SqlDialect dialect, NodeIdentity node, TaskfluxProperties properties) {
        this.db = db;
        this.dialect = dialect;
        long leaseMillis = properties.scheduler().leaseDuration().toMillis();
        this.insert = RowBatch.<Insert>of(
                        "INSERT INTO task_instance (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, "
                                + "CASE WHEN $5 = 'SCHEDULED' THEN $6 END, $7, $8, $9, " + dialect.nowPlusMillis("$10")
                                + ", 'PENDING', 0, $6) ON CONFLICT DO NOTHING",
                        "INSERT INTO task_instance (" + COLUMNS + ") SELECT v.id, v.definition_id, v.owner, v.handler, "
                                + "v.kind, v.fire_at, CASE WHEN v.kind = 'SCHEDULED' THEN v.fire_at END, v.priority, "
                                + "$8::timestamptz, v.lease_owner, now() + v.lease_ms * interval '1 millisecond', 'PENDING', 0, "
                                + "v.fire_at FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], "
                                + "$6::timestamptz[], $7::int[], $9::varchar[], $10::bigint[]) "
                                + "AS v(id, definition_id, owner, handler, kind, fire_at, priority, lease_owner, lease_ms) "
                                + "ON CONFLICT DO NOTHING RETURNING id")
                .column(UUID.class, r -> r.instance().id())
                .column(UUID.class, r -> r.instance().definition().id())
                .column(String.class, r -> r.instance().definition().spec().owner())
                .column(String.class, r -> r.instance().definition().spec().handler())
                .column(String.class, r -> r.instance().kind().name())
                .column(Instant.class, r -> r.instance().fireAt())
                .column(Integer.class, r -> r.instance().definition().spec().priority())
                .shared(Instant.class, Insert::now)
                .column(String.class, r -> r.instance().leased() ? node.id() : null)
                .column(Long.class, r -> r.instance().leased() ? leaseMillis : null)
                .reportingUnchanged()
                .build();
    }

    /**
     * Inserts {@code instances}, recorded at {@code now}, in the current transaction if any; those
     * marked leased are claimed by this node at once. Emits the instances actually recorded.
     */
    public Flux<NewInstance> insert(List<NewInstance> instances, Instant now) {
        return insert.execute(db, dialect, instances.stream().map(i -> new Insert(i, now)).toList())
                .map(Insert::instance);
    }

    private record Insert(NewInstance instance, Instant now) {
    }
}
