package dev.taskflux.service.support;

import io.r2dbc.spi.Connection;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plan PostgreSQL caches for a prepared statement once it stops planning each execution apart:
 * the plan a long-running node keeps using, made with whatever the tables held at the time.
 */
public final class GenericPlans {

    private GenericPlans() {
    }

    /**
     * The generic plan of {@code sql}, prepared on {@code connection} (with its settings as they are)
     * with the parameter types {@code parameters}, such as {@code "(uuid[], varchar)"}, and explained
     * for {@code arguments}, such as {@code "(ARRAY[...]::uuid[], 'node')"}; both empty for none.
     */
    public static Mono<String> of(Connection connection, String parameters, String sql, String arguments) {
        // Prepared from a DO block, so the client does not take $1 for a parameter of its own.
        return run(connection, "SET plan_cache_mode = force_generic_plan")
                .thenMany(run(connection, "DO $do$ BEGIN EXECUTE $q$PREPARE probe" + parameters + " AS " + sql
                        + "$q$; END $do$"))
                .thenMany(Flux.from(connection.createStatement("EXPLAIN EXECUTE probe" + arguments).execute())
                        .concatMap(result -> result.map((row, metadata) -> row.get(0, String.class))))
                .collect(Collectors.joining("\n"))
                .flatMap(plan -> run(connection, "DEALLOCATE probe").then(run(connection, "RESET plan_cache_mode"))
                        .thenReturn(plan));
    }

    /** Runs {@code sql}, which returns no rows, on {@code connection}. */
    public static Mono<Void> run(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).concatMap(result -> result.getRowsUpdated())
                .then();
    }
}
