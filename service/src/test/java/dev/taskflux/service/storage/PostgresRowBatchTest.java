package dev.taskflux.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
     * The set-based statement of a batch joined by key runs without nested loops (here it changes a
     * row only when they are off), and the connection plans with them again afterwards.
     */
    @Test
    void aBatchJoinedByKeyIsPlannedWithoutNestedLoopsForItselfOnly() {
        RowBatch<UUID> batch = RowBatch.<UUID>of("UPDATE row_batch_probe SET n = 7 WHERE id = $1",
                        "UPDATE row_batch_probe t SET n = 7 FROM unnest($1::uuid[]) AS v(id) WHERE t.id = v.id "
                                + "AND current_setting('enable_nestloop') = 'off' RETURNING t.id")
                .column(UUID.class, id -> id)
                .joinedByKey()
                .build();

        String after = transaction().transactional(batch.execute(db(), SqlDialect.POSTGRESQL, List.of(one()))
                        .collectList()
                        .doOnNext(applied -> assertThat(applied).containsExactly(one()))
                        .then(db().sql("SHOW enable_nestloop").map(r -> r.get(0, String.class)).one()))
                .block();

        assertThat(after).isEqualTo("on");
        assertThat(db().sql("SELECT n FROM row_batch_probe WHERE id = $1").bind(0, one())
                .map(r -> r.get(0, Integer.class)).one().block()).isEqualTo(7);
    }
}
