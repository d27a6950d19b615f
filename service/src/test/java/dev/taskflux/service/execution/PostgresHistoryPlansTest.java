package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.IntegrationTest;
import io.r2dbc.spi.Connection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queries a node repeats every few seconds over the instance history keep to the rows they
 * need when their plan was made, and cached, while the history was nearly empty and had no
 * statistics. Planned as usual, such a plan reads the whole history, and goes on doing so however
 * large it grows.
 */
class PostgresHistoryPlansTest extends IntegrationTest {

    private static final String PROBE_ID = "ARRAY['00000000-0000-0000-0000-000000000001'::uuid]";

    @Autowired
    DatabaseClient db;

    @Autowired
    RecoverExpiredLeases recovery;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Test
    void recoveringExpiredLeasesReadsTheActiveInstancesIndex() {
        String plan = db.inConnectionMany(c -> Flux.usingWhen(Mono.from(c.beginTransaction()).thenReturn(c),
                        tx -> run(c, RecoverExpiredLeases.ACTIVE_BY_INDEX)
                                .thenMany(genericPlan(c, "", recovery.selectExpired, "")),
                        tx -> c.rollbackTransaction(), (tx, error) -> c.rollbackTransaction(),
                        tx -> c.rollbackTransaction()))
                .collect(Collectors.joining("\n")).block();

        assertThat(plan).contains("task_instance_active").doesNotContain("Seq Scan");
    }

    @Test
    void checkingWhichLeasesAreStillHeldFindsThemThroughTheKey() {
        String plan = RowBatch.plannedByKey(db, c -> genericPlan(c, "(uuid[], varchar, bigint)",
                        LeaseKeeper.HELD_POSTGRESQL, "(" + PROBE_ID + ", 'node', 1000)"))
                .collect(Collectors.joining("\n")).block();

        assertThat(plan).doesNotContain("Seq Scan").doesNotContain("Nested Loop").contains("Hash Join");
    }

    /** The generic plan of {@code sql}, prepared with {@code parameters} and explained with {@code arguments}. */
    private static Flux<String> genericPlan(Connection c, String parameters, String sql, String arguments) {
        // Prepared from a DO block, so the client does not take $1 for a parameter of its own.
        return run(c, "SET plan_cache_mode = force_generic_plan")
                .thenMany(run(c, "DO $do$ BEGIN EXECUTE $q$PREPARE probe" + parameters + " AS " + sql
                        + "$q$; END $do$"))
                .thenMany(Flux.from(c.createStatement("EXPLAIN EXECUTE probe" + arguments).execute())
                        .concatMap(result -> result.map((row, metadata) -> row.get(0, String.class))))
                .concatWith(run(c, "DEALLOCATE probe").then(run(c, "RESET plan_cache_mode")).then(Mono.empty()));
    }

    private static Mono<Void> run(Connection c, String sql) {
        return Flux.from(c.createStatement(sql).execute()).concatMap(result -> result.getRowsUpdated()).then();
    }
}
