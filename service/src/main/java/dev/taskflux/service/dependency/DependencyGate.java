package dev.taskflux.service.dependency;

import dev.taskflux.api.TaskSpecValidator;
import dev.taskflux.service.execution.NewInstance;
import dev.taskflux.service.storage.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the instances of tasks with dependencies out of the due set until their dependencies
 * allow them to run. A held instance stays PENDING with its due time moved to {@link #HELD}, far
 * beyond any claim horizon, so the claim query needs no extra condition and never sees it;
 * {@link DependencyRelease} later moves it back to its fire time or fails it.
 */
@Component
public class DependencyGate {

    /** The due time of an instance waiting for its dependencies. */
    public static final Instant HELD = TaskSpecValidator.MAX_INSTANT;
    /**
     * {@link #HELD} as an SQL literal. Queries that must leave held instances out, or find only
     * them, say so with this literal, which is what lets PostgreSQL use the partial indexes that
     * keep held instances apart.
     */
    public static final String HELD_SQL = "TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59+00'";

    private final DatabaseClient db;

    DependencyGate(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Holds those of {@code recorded} whose task has dependencies, in the current transaction if
     * any. Instances of tasks without dependencies are left as they are, at no cost.
     */
    public Mono<Void> hold(List<NewInstance> recorded) {
        List<UUID> held = recorded.stream().filter(i -> !i.definition().spec().dependsOn().isEmpty())
                .map(NewInstance::id).toList();
        if (held.isEmpty()) {
            return Mono.empty();
        }
        String sql = "UPDATE task_instance SET due_at = $1 WHERE id IN (" + Sql.markers(2, held.size()) + ")";
        return Sql.bindList(db.sql(sql).bind(0, HELD), 1, held).then();
    }
}
