package dev.taskflux.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A batch tells which of its rows took effect, whether the database reports the changed rows or,
 * for batches that usually change them all, only the unchanged ones; shared values are bound once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RowBatchScenarios {

    private final SqlDialect dialect;
    private ConnectionFactory connections;
    private DatabaseClient db;

    private UUID one;
    private UUID two;
    private UUID locked;
    private UUID missing;

    RowBatchScenarios(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The options of a fresh database of this class's kind. */
    abstract ConnectionFactoryOptions database();

    @BeforeAll
    void connect() {
        connections = ConnectionFactories.get(database());
        db = DatabaseClient.create(connections);
        db.sql("CREATE TABLE row_batch_probe (id UUID PRIMARY KEY, n INT NOT NULL, owner VARCHAR(20) NOT NULL)")
                .then().block();
    }

    @BeforeEach
    void rows() {
        one = UUID.randomUUID();
        two = UUID.randomUUID();
        locked = UUID.randomUUID();
        missing = UUID.randomUUID();
        db.sql("INSERT INTO row_batch_probe (id, n, owner) VALUES ($1, 0, 'me'), ($2, 0, 'me'), ($3, 0, 'other')")
                .bind(0, one).bind(1, two).bind(2, locked).then().block();
    }

    @Test
    void reportingUnchangedRowsStillEmitsExactlyTheRowsThatChanged() {
        RowBatch<Change> batch = update().reportingUnchanged().build();

        List<Change> applied = batch.execute(db, dialect, changes()).collectList().block();

        assertThat(applied).extracting(Change::id).containsExactly(one, two);
        assertThat(n(one)).isEqualTo(1);
        assertThat(n(two)).isEqualTo(2);
        assertThat(n(locked)).isZero();
    }

    @Test
    void reportingChangedRowsEmitsTheSame() {
        RowBatch<Change> batch = update().build();

        assertThat(batch.execute(db, dialect, changes()).collectList().block()).extracting(Change::id)
                .containsExactly(one, two);
    }

    @Test
    void aBatchJoinedByKeyEmitsExactlyTheRowsThatChanged() {
        RowBatch<Change> batch = update().reportingUnchanged().joinedByKey().build();

        assertThat(batch.execute(db, dialect, changes()).collectList().block()).extracting(Change::id)
                .containsExactly(one, two);
        assertThat(n(one)).isEqualTo(1);
        assertThat(n(two)).isEqualTo(2);
        assertThat(n(locked)).isZero();
    }

    @Test
    void aBatchJoinedByKeyTakesPartInTheCurrentTransaction() {
        RowBatch<Change> batch = update().joinedByKey().build();
        TransactionalOperator tx = transaction();

        assertThat(tx.transactional(batch.execute(db, dialect, changes()).collectList()
                        .flatMap(applied -> Mono.<List<Change>>error(new IllegalStateException("roll back"))))
                .onErrorResume(IllegalStateException.class, e -> Mono.empty()).block()).isNull();

        assertThat(n(one)).isZero();
        assertThat(n(two)).isZero();
    }

    @Test
    void aBatchWhereNothingAppliesEmitsNothing() {
        RowBatch<Change> batch = update().reportingUnchanged().build();

        assertThat(batch.execute(db, dialect, List.of(new Change(locked, 5), new Change(missing, 6))).collectList()
                .block()).isEmpty();
        assertThat(n(locked)).isZero();
    }

    private List<Change> changes() {
        return List.of(new Change(one, 1), new Change(locked, 3), new Change(two, 2), new Change(missing, 4));
    }

    /** The database client of this class's database. */
    DatabaseClient db() {
        return db;
    }

    /** A transaction over this class's database. */
    TransactionalOperator transaction() {
        return TransactionalOperator.create(new R2dbcTransactionManager(connections));
    }

    /** The first row of the test table, which batches update. */
    UUID one() {
        return one;
    }

    private static RowBatch.Builder<Change> update() {
        return RowBatch.<Change>of("UPDATE row_batch_probe SET n = $2 WHERE id = $1 AND owner = $3",
                        "UPDATE row_batch_probe t SET n = v.n FROM unnest($1::uuid[], $2::int[]) AS v(id, n) "
                                + "WHERE t.id = v.id AND t.owner = $3::varchar RETURNING t.id")
                .column(UUID.class, Change::id)
                .column(Integer.class, Change::n)
                .shared(String.class, c -> "me");
    }

    private int n(UUID id) {
        return db.sql("SELECT n FROM row_batch_probe WHERE id = $1").bind(0, id).map(r -> r.get(0, Integer.class))
                .one().block();
    }

    record Change(UUID id, int n) {
    }
}
