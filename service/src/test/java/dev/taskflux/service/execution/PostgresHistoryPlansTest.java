package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.support.DatabaseProfile;
import dev.taskflux.service.support.GenericPlans;
import dev.taskflux.service.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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
        String plan = db.inConnection(c -> Mono.usingWhen(Mono.from(c.beginTransaction()).thenReturn(c),
                        tx -> GenericPlans.run(c, RecoverExpiredLeases.ACTIVE_BY_INDEX)
                                .then(GenericPlans.of(c, "", recovery.selectExpired, "")),
                        tx -> c.rollbackTransaction(), (tx, error) -> c.rollbackTransaction(),
                        tx -> c.rollbackTransaction()))
                .block();

        assertThat(plan).contains("task_instance_active").doesNotContain("Seq Scan");
    }

    @Test
    void checkingWhichLeasesAreStillHeldFindsThemThroughTheKey() {
        String plan = RowBatch.plannedByKey(db, c -> GenericPlans.of(c, "(uuid[], varchar, bigint)",
                        LeaseKeeper.HELD_POSTGRESQL, "(" + PROBE_ID + ", 'node', 1000)").flux())
                .single().block();

        assertThat(plan).doesNotContain("Seq Scan").doesNotContain("Nested Loop").contains("Hash Join");
    }
}
