package dev.taskflux.service.execution;

import dev.taskflux.api.FireKind;
import dev.taskflux.service.storage.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records new PENDING instances in one round trip. A scheduled fire that is already recorded is
 * left alone: the unique key on definition and fire time makes each fire happen once.
 */
@Component
public class InstanceInserts {

    private static final String INSERT = "INSERT INTO task_instance (id, definition_id, owner, handler, kind, fire_at, "
            + "scheduled_fire_at, status, attempt, priority, due_at, created_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', 0, $8, $9, $10) ON CONFLICT DO NOTHING";

    private final DatabaseClient db;

    InstanceInserts(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts {@code instances}, recorded at {@code now}, in the current transaction if any. */
    public Mono<Void> insert(List<NewInstance> instances, Instant now) {
        return Sql.batch(db, INSERT, instances, (b, i) -> b.next(i.id()).next(i.definition().id())
                .next(i.definition().spec().owner()).next(i.definition().spec().handler()).next(i.kind().name())
                .next(i.fireAt()).instant(i.kind() == FireKind.SCHEDULED ? i.fireAt() : null)
                .next(i.definition().spec().priority()).next(i.fireAt()).next(now)).then();
    }
}
