package dev.taskflux.service.task;

import dev.taskflux.api.FireKind;
import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.storage.JsonCodec;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads instance history. */
@Component
public class InstanceQueries {

    private static final String COLUMNS = "id, definition_id, owner, handler, kind, fire_at, status, attempt, priority, "
            + "started_at, finished_at, result, error, lease_owner, due_at, attempts, created_at";

    private final DatabaseClient db;
    private final JsonCodec json;

    InstanceQueries(DatabaseClient db, JsonCodec json) {
        this.db = db;
        this.json = json;
    }

    /** The instance with {@code id}, if any. */
    public Mono<TaskInstance> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM task_instance WHERE id = $1").bind(0, id).map(this::instance).one();
    }

    /** A page of a definition's instances, latest fire first, optionally only in {@code status}. */
    public Flux<TaskInstance> history(UUID definitionId, InstanceStatus status, int page, int size) {
        if (page < 0 || size < 1 || size > TaskQuery.MAX_SIZE) {
            throw InvalidArgumentException.of(page < 0 ? "page" : "size",
                    page < 0 ? "must not be negative" : "must be between 1 and " + TaskQuery.MAX_SIZE);
        }
        String sql = "SELECT " + COLUMNS + " FROM task_instance WHERE definition_id = $1"
                + (status == null ? "" : " AND status = $4") + " ORDER BY fire_at DESC, created_at DESC LIMIT $2 OFFSET $3";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind(0, definitionId).bind(1, size)
                .bind(2, (long) page * size);
        return (status == null ? spec : spec.bind(3, status.name())).map(this::instance).all();
    }

    /** How many instances a definition has, optionally only in {@code status}. */
    public Mono<Long> count(UUID definitionId, InstanceStatus status) {
        String sql = "SELECT COUNT(*) AS n FROM task_instance WHERE definition_id = $1"
                + (status == null ? "" : " AND status = $2");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind(0, definitionId);
        return (status == null ? spec : spec.bind(1, status.name()))
                .map(row -> ((Number) row.get("n")).longValue()).one();
    }

    /** Instances in each state, optionally of one owner. */
    public Flux<java.util.Map.Entry<InstanceStatus, Long>> countByStatus(String owner) {
        String sql = "SELECT status, COUNT(*) AS n FROM task_instance" + (owner == null ? "" : " WHERE owner = $1")
                + " GROUP BY status";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
        return (owner == null ? spec : spec.bind(0, owner)).map(row -> java.util.Map.entry(
                InstanceStatus.valueOf(row.get("status", String.class)), ((Number) row.get("n")).longValue())).all();
    }

    private TaskInstance instance(Readable row) {
        String attempts = row.get("attempts", String.class);
        return new TaskInstance(row.get("id", UUID.class), row.get("definition_id", UUID.class),
                row.get("owner", String.class), row.get("handler", String.class),
                FireKind.valueOf(row.get("kind", String.class)), row.get("fire_at", Instant.class),
                InstanceStatus.valueOf(row.get("status", String.class)), row.get("attempt", Integer.class),
                row.get("priority", Integer.class), row.get("started_at", Instant.class),
                row.get("finished_at", Instant.class), json.readValue(row.get("result", String.class)),
                row.get("error", String.class), row.get("lease_owner", String.class), row.get("due_at", Instant.class),
                json.readAttempts(attempts), row.get("created_at", Instant.class));
    }

}
