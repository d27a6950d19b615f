package dev.taskflux.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.support.GenericPlans;
import dev.taskflux.service.support.TestPostgres;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresRowBatchTest extends RowBatchScenarios {

    PostgresRowBatchTest() {
        super(SqlDialect.POSTGRESQL);
    }

    @Override
    ConnectionFactoryOptions database() {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(db.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, db.username());
        if (db.password() != null && !db.password().isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, db.password());
        }
        return options.build();
    }

    /**
     * The set-based statement of a batch joined by key runs without nested loops or sequential scans
     * (here it changes a row only when both are off), and the connection plans with them again
     * afterwards.
     */
    @Test
    void aBatchJoinedByKeyIsPlannedWithoutNestedLoopsOrSequentialScansForItselfOnly() {
        RowBatch<UUID> batch = RowBatch.<UUID>of("UPDATE row_batch_probe SET n = 7 WHERE id = $1",
                        "UPDATE row_batch_probe t SET n = 7 FROM unnest($1::uuid[]) AS v(id) WHERE t.id = v.id "
                                + "AND current_setting('enable_nestloop') = 'off' AND current_setting('enable_seqscan') = 'off' "
                                + "RETURNING t.id")
                .column(UUID.class, id -> id)
                .joinedByKey()
                .build();

        String after = transaction().transactional(batch.execute(db(), SqlDialect.POSTGRESQL, List.of(one()))
                        .collectList()
                        .doOnNext(applied -> assertThat(applied).containsExactly(one()))
                        .then(db().sql("SELECT current_setting('enable_nestloop') || current_setting('enable_seqscan')")
                                .map(r -> r.get(0, String.class)).one()))
                .block();

        assertThat(after).isEqualTo("onon");
        assertThat(db().sql("SELECT n FROM row_batch_probe WHERE id = $1").bind(0, one())
                .map(r -> r.get(0, Integer.class)).one().block()).isEqualTo(7);
    }

    /**
     * A plan made while a history table is empty, and cached, still finds the batch's rows through
     * the key's index. Planned as usual it reads the whole table, and goes on doing so however large
     * the table grows.
     */
    @Test
    void aPlanMadeOnAnEmptyHistoryStillFindsTheRowsThroughTheKey() {
        db().sql("CREATE TABLE history_probe (id UUID PRIMARY KEY, owner VARCHAR(100) NOT NULL, "
                + "status VARCHAR(16) NOT NULL, fire_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ, "
                + "finished_at TIMESTAMPTZ, result VARCHAR)").then().block();

        String plan = RowBatch.plannedByKey(db(), c -> GenericPlans.of(c, "(uuid[])", "UPDATE history_probe t "
                        + "SET status = 'DONE' FROM unnest($1::uuid[]) AS v(id) WHERE t.id = v.id "
                        + "AND t.id = ANY($1::uuid[]) AND t.owner = 'me'", "(ARRAY['" + one() + "'::uuid])").flux())
                .single().block();

        assertThat(plan).contains("history_probe_pkey").doesNotContain("Seq Scan");
    }
}
