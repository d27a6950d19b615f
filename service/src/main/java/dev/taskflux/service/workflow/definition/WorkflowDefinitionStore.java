package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Workflow definition rows: a head per definition pointing at its latest version, and every
 * version's spec. A new version names the one it follows, so concurrent edits cannot both win.
 */
@Repository
class WorkflowDefinitionStore {

    private static final String SELECT = "SELECT h.id, h.owner, v.version, v.spec, v.created_at "
            + "FROM workflow_definition h JOIN workflow_definition_version v ON v.definition_id = h.id ";
    private static final String LATEST = SELECT + "AND v.version = h.latest_version ";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final JsonCodec json;

    WorkflowDefinitionStore(DatabaseClient db, TransactionalOperator tx, JsonCodec json) {
        this.db = db;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Stores {@code d} as version 1 of a new definition.
     *
     * @throws ConflictException (as an error signal) when the owner has a live definition of that name
     */
    Mono<WorkflowDefinition> insert(WorkflowDefinition d) {
        Mono<Void> head = db.sql("INSERT INTO workflow_definition (id, owner, name, live_name, latest_version, "
                        + "created_at, updated_at) VALUES ($1, $2, $3, $3, $4, $5, $5)")
                .bind(0, d.id()).bind(1, d.owner()).bind(2, d.spec().name()).bind(3, d.version())
                .bind(4, d.createdAt()).then();
        return tx.transactional(head.then(insertVersion(d))).thenReturn(d)
                .onErrorMap(WorkflowDefinitionStore::isUniqueViolation, e -> nameTaken(d));
    }

    /**
     * Stores {@code d} as the version after {@code d.version() - 1} and moves the head to it; emits
     * {@code false} when that is no longer the latest version (somebody else edited it first) or
     * the definition was deleted.
     */
    Mono<Boolean> addVersion(WorkflowDefinition d) {
        Mono<Boolean> moved = db.sql("UPDATE workflow_definition SET latest_version = $1, name = $2, live_name = $2, "
                        + "updated_at = $3 WHERE id = $4 AND latest_version = $5 AND deleted_at IS NULL")
                .bind(0, d.version()).bind(1, d.spec().name()).bind(2, d.createdAt()).bind(3, d.id())
                .bind(4, d.version() - 1)
                .fetch().rowsUpdated().map(n -> n == 1);
        return tx.transactional(moved.flatMap(ok -> ok ? insertVersion(d).thenReturn(true) : Mono.just(false)))
                .onErrorMap(WorkflowDefinitionStore::isUniqueViolation, e -> nameTaken(d));
    }

    private Mono<Void> insertVersion(WorkflowDefinition d) {
        return db.sql("INSERT INTO workflow_definition_version (definition_id, version, spec, created_at) "
                        + "VALUES ($1, $2, $3, $4)")
                .bind(0, d.id()).bind(1, d.version()).bind(2, json.write(WorkflowDocument.of(d.owner(), d.spec())))
                .bind(3, d.createdAt()).then();
    }

    /** The latest version of the live definition {@code id}, if any. */
    Mono<WorkflowDefinition> latest(UUID id) {
        return db.sql(LATEST + "WHERE h.id = $1 AND h.deleted_at IS NULL").bind(0, id).map(this::definition).one();
    }

    /** The latest version of the owner's live definition called {@code name}, if any. */
    Mono<WorkflowDefinition> latestByName(String owner, String name) {
        return db.sql(LATEST + "WHERE h.owner = $1 AND h.live_name = $2").bind(0, owner).bind(1, name)
                .map(this::definition).one();
    }

    /** Version {@code version} of definition {@code id}, deleted or not (runs keep theirs readable). */
    Mono<WorkflowDefinition> version(UUID id, int version, boolean includeDeleted) {
        return db.sql(SELECT + "WHERE h.id = $1 AND v.version = $2" + (includeDeleted ? "" : " AND h.deleted_at IS NULL"))
                .bind(0, id).bind(1, version).map(this::definition).one();
    }

    /** One page of live definitions matching {@code query} at their latest version, newest first. */
    Flux<WorkflowDefinition> list(WorkflowQuery query) {
        List<Object> args = new ArrayList<>();
        String where = query.where(args);
        args.add(query.size());
        args.add((long) query.page() * query.size());
        String sql = LATEST + where + " ORDER BY h.created_at DESC, h.id LIMIT $" + (args.size() - 1)
                + " OFFSET $" + args.size();
        return Sql.bindList(db.sql(sql), 0, args).map(this::definition).all();
    }

    /** How many live definitions match {@code query}. */
    Mono<Long> count(WorkflowQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT COUNT(*) AS n FROM workflow_definition h" + query.where(args);
        return Sql.bindList(db.sql(sql), 0, args).map(row -> ((Number) row.get("n")).longValue()).one();
    }

    /** Marks the live definition {@code id} deleted and frees its name; emits whether it was live. */
    Mono<Boolean> markDeleted(UUID id, Instant now) {
        return db.sql("UPDATE workflow_definition SET deleted_at = $1, live_name = NULL, updated_at = $1 "
                        + "WHERE id = $2 AND deleted_at IS NULL")
                .bind(0, now).bind(1, id).fetch().rowsUpdated().map(n -> n == 1);
    }

    private WorkflowDefinition definition(Readable row) {
        WorkflowSpec spec = json.read(row.get("spec", String.class), WorkflowDocument.class).toSpec();
        return new WorkflowDefinition(row.get("id", UUID.class), row.get("version", Integer.class),
                row.get("owner", String.class), spec, row.get("created_at", Instant.class));
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof DataIntegrityViolationException || e instanceof R2dbcDataIntegrityViolationException;
    }

    private static ConflictException nameTaken(WorkflowDefinition d) {
        return new ConflictException(d.id(), "owner '" + d.owner() + "' already has a workflow named '"
                + d.spec().name() + "'");
    }
}
