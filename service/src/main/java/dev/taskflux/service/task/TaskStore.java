package dev.taskflux.service.task;

import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.storage.TransientFailures;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Task definition rows. Changes are optimistic: they name the version they replace. A plain
 * component rather than a repository proxy: R2DBC errors arrive as signals, which the proxy's
 * exception translation never sees, and the dispatcher maps every due row through this class.
 */
@Component
public class TaskStore {

    /** The columns {@link #definition(Readable)} reads. */
    public static final String COLUMNS = "id, spec, status, next_fire_at, run_count, version, created_at, updated_at";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonCodec json;
    private final SqlDialect dialect;

    TaskStore(DatabaseClient db, TransactionalOperator tx, JsonCodec json, SqlDialect dialect) {
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.dialect = dialect;
    }

    /** Inserts a new definition with its labels. */
    public Mono<TaskDefinition> insert(TaskDefinition d) {
        TaskSpec s = d.spec();
        return tx.transactional(insertRow(d).then(insertLabels(d.id(), s.labels()))).thenReturn(d);
    }

    private Mono<Void> insertRow(TaskDefinition d) {
        TaskSpec s = d.spec();
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO task_definition (id, name, owner, handler, "
                        + "spec, status, priority, overlap_policy, max_instances, next_fire_at, run_count, version, "
                        + "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .bind(0, d.id()).bind(1, s.name()).bind(2, s.owner()).bind(3, s.handler())
                .bind(4, json.write(TaskDocument.of(s))).bind(5, d.status().name()).bind(6, s.priority())
                .bind(7, s.concurrency().policy().name());
        spec = Sql.bindNullable(spec, 8, s.concurrency().effectiveMaxInstances(), Integer.class);
        spec = Sql.bindNullable(spec, 9, d.nextFireAt(), Instant.class);
        return spec.bind(10, d.runCount()).bind(11, d.version()).bind(12, d.createdAt()).bind(13, d.updatedAt())
                .then();
    }

    private Mono<Void> insertLabels(UUID id, Map<String, String> labels) {
        return Sql.batch(db, "INSERT INTO task_label (definition_id, label_key, label_value) VALUES ($1, $2, $3)",
                labels.entrySet(), (b, e) -> b.next(id).next(e.getKey()).next(e.getValue())).then();
    }

    /** The definition with {@code id}, if any. */
    public Mono<TaskDefinition> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM task_definition WHERE id = $1").bind(0, id)
                .map(this::definition).one();
    }

    /**
     * Replaces the definition whose version is {@code d.version() - 1} with {@code d}; emits
     * {@code false} when somebody else changed it first.
     */
    public Mono<Boolean> replace(TaskDefinition d, boolean labelsChanged) {
        TaskSpec s = d.spec();
        DatabaseClient.GenericExecuteSpec spec = db.sql("UPDATE task_definition SET name = $1, owner = $2, "
                        + "handler = $3, spec = $4, status = $5, priority = $6, overlap_policy = $7, "
                        + "max_instances = $8, next_fire_at = $9, run_count = $10, version = $11, updated_at = $12 "
                        + "WHERE id = $13 AND version = $14")
                .bind(0, s.name()).bind(1, s.owner()).bind(2, s.handler()).bind(3, json.write(TaskDocument.of(s)))
                .bind(4, d.status().name()).bind(5, s.priority()).bind(6, s.concurrency().policy().name());
        spec = Sql.bindNullable(spec, 7, s.concurrency().effectiveMaxInstances(), Integer.class);
        spec = Sql.bindNullable(spec, 8, d.nextFireAt(), Instant.class);
        Mono<Boolean> update = spec.bind(9, d.runCount()).bind(10, d.version()).bind(11, d.updatedAt())
                .bind(12, d.id()).bind(13, d.version() - 1)
                .fetch().rowsUpdated().map(n -> n == 1);
        if (!labelsChanged) {
            return update;
        }
        return tx.transactional(update.flatMap(ok -> !ok ? Mono.just(false)
                : db.sql("DELETE FROM task_label WHERE definition_id = $1").bind(0, d.id()).then()
                        .then(insertLabels(d.id(), s.labels())).thenReturn(true)));
    }

    /**
     * Deletes the definition, its labels and its history; emits whether it existed. The definition goes
     * first: deleting it waits for whoever holds it (a fire round recording its instances, a manual
     * run), so the history deleted after it includes what they recorded.
     */
    public Mono<Boolean> delete(UUID id) {
        return tx.transactional(db.sql("DELETE FROM task_definition WHERE id = $1").bind(0, id).fetch().rowsUpdated()
                        .flatMap(n -> db.sql("DELETE FROM task_instance WHERE definition_id = $1").bind(0, id).then()
                                .thenReturn(n > 0)))
                .retryWhen(TransientFailures.retry());
    }

    /**
     * Keeps the definition from being deleted until the current transaction ends, so that instances
     * recorded for it in that transaction are never left without it; emits whether it exists.
     */
    public Mono<Boolean> holdAgainstDelete(UUID id) {
        return db.sql("SELECT id FROM task_definition WHERE id = $1 " + dialect.keyLock()).bind(0, id)
                .map(row -> Boolean.TRUE).first().defaultIfEmpty(Boolean.FALSE);
    }

    /** One page of definitions matching {@code query}, newest first. */
    public Flux<TaskDefinition> list(TaskQuery query) {
        List<Object> args = new ArrayList<>();
        String where = query.where(args);
        args.add(query.size());
        args.add((long) query.page() * query.size());
        String sql = "SELECT " + COLUMNS + " FROM task_definition d" + where
                + " ORDER BY created_at DESC, id LIMIT $" + (args.size() - 1) + " OFFSET $" + args.size();
        return Sql.bindList(db.sql(sql), 0, args).map(this::definition).all();
    }

    /** How many definitions match {@code query}. */
    public Mono<Long> count(TaskQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) AS n FROM task_definition d" + query.where(args);
        return Sql.bindList(db.sql(sql), 0, args).map(row -> ((Number) row.get("n")).longValue()).one();
    }

    /** Active definitions with the earliest next fires. */
    public Flux<TaskDefinition> nextToFire(String owner, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM task_definition WHERE status = 'ACTIVE' AND next_fire_at IS NOT NULL"
                + (owner == null ? "" : " AND owner = $2") + " ORDER BY next_fire_at LIMIT $1";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind(0, limit);
        return (owner == null ? spec : spec.bind(1, owner)).map(this::definition).all();
    }

    /** The spec stored as {@code json}. */
    public TaskSpec definitionSpec(String json) {
        return this.json.read(json, TaskDocument.class).toSpec();
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    public TaskDefinition definition(Readable row) {
        TaskSpec spec = definitionSpec(row.get("spec", String.class));
        return new TaskDefinition(row.get("id", UUID.class), spec, TaskStatus.valueOf(row.get("status", String.class)),
                row.get("next_fire_at", Instant.class), row.get("run_count", Long.class),
                row.get("version", Long.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
