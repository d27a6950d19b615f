package dev.taskflux.service.storage;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One statement applied to many rows in one round trip. On PostgreSQL the rows travel as one array
 * per column and a set-based statement ({@code unnest}) applies them together, which is far cheaper
 * than a statement per row; elsewhere the per-row statement is bound once per row and sent as a
 * batch. The first column is the row's key: the set-based statement must return it for each row
 * it changed, so both forms tell which rows took effect. A batch whose rows nearly all take effect
 * can {@linkplain Builder#reportingUnchanged() report the others instead}, so that on PostgreSQL
 * only the keys of the rows left unchanged come back over the wire, usually none.
 *
 * @param <T> the row type
 */
public final class RowBatch<T> {

    /**
     * PostgreSQL caches one plan per statement and, for array parameters, plans as if each held a
     * handful of values. For a statement that joins a table to the arrays by key, that plan may be a
     * nested loop rescanning every array for each matching row: quadratic in the batch, a quarter of
     * a second for 500 rows. It may also be a scan of the whole table, when the plan was made while
     * the table was small and no statistics say otherwise (a new database, or autovacuum off): the
     * cached plan never changes, so as the table grows every batch reads all of it, and a node
     * writing a few thousand changes a second falls further behind with every batch. Without nested
     * loops and sequential scans the plan finds the rows through the key's index and hashes one side,
     * whatever the batch size and however the table has grown since the plan was made.
     */
    private static final String PLAN_BY_KEY = "SET enable_nestloop = off; SET enable_seqscan = off";
    private static final String PLAN_AS_USUAL = "RESET enable_nestloop; RESET enable_seqscan";
    private static final Map<Class<?>, String> ARRAY_TYPES = Map.of(UUID.class, "uuid[]", String.class, "varchar[]",
            Long.class, "bigint[]");

    private final String perRow;
    private final String setBased;
    private final List<Column<T>> columns;

    private final boolean unchangedBack;
    private final boolean joinedByKey;

    private RowBatch(String perRow, String setBased, List<Column<T>> columns, boolean unchangedBack,
                     boolean joinedByKey) {
        this.perRow = perRow;
        this.columns = List.copyOf(columns);
        this.unchangedBack = unchangedBack;
        this.joinedByKey = joinedByKey;
        Column<T> key = columns.get(0);
        if (key.shared()) {
            throw new IllegalArgumentException("The first column is the key, one per row");
        }
        if (!unchangedBack) {
            this.setBased = setBased;
            return;
        }
        String keyArray = ARRAY_TYPES.get(key.type());
        if (keyArray == null) {
            throw new IllegalArgumentException("A batch reporting unchanged rows needs a UUID, String or Long key");
        }
        this.setBased = "WITH changed AS (" + setBased + ") SELECT k.id FROM unnest($1::" + keyArray + ") AS k(id) "
                + "WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c.id = k.id)";
    }

    /**
     * A batch whose per-row statement binds {@code $1..$n} to the columns in order, and whose
     * PostgreSQL statement binds them to arrays (or, for shared columns, to one value) and returns
     * the key of each changed row as {@code id}.
     */
    public static <T> Builder<T> of(String perRow, String setBased) {
        return new Builder<>(perRow, setBased);
    }

    /** Applies the statement to {@code rows} (in the current transaction, if any); emits the rows that changed. */
    public Flux<T> execute(DatabaseClient db, SqlDialect dialect, List<T> rows) {
        if (rows.isEmpty()) {
            return Flux.empty();
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            return setBased(db, rows);
        }
        return Sql.batch(db, perRow, rows, (binder, row) -> columns.forEach(c -> binder.next(c.value().apply(row), c.type())))
                .zipWithIterable(rows)
                .filter(applied -> applied.getT1() > 0)
                .map(applied -> applied.getT2());
    }

    private Flux<T> setBased(DatabaseClient db, List<T> rows) {
        Column<T> key = columns.get(0);
        Mono<Set<Object>> keys = joinedByKey ? plannedByKey(db, connection -> keys(connection, rows).flux()).single()
                : db.inConnection(connection -> keys(connection, rows));
        if (!unchangedBack) {
            return keys.flatMapMany(changed -> Flux.fromIterable(rows).filter(r -> changed.contains(key.value().apply(r))));
        }
        return keys.flatMapMany(unchanged -> unchanged.isEmpty() ? Flux.fromIterable(rows)
                : Flux.fromIterable(rows).filter(r -> !unchanged.contains(key.value().apply(r))));
    }

    /**
     * Runs {@code statements} on one PostgreSQL connection planned without nested loops or
     * sequential scans, then plans as usual again on it: for a query that joins a table to arrays
     * by key, as {@link Builder#joinedByKey()} does for a batch.
     */
    public static <R> Flux<R> plannedByKey(DatabaseClient db, Function<Connection, Flux<R>> statements) {
        return db.inConnectionMany(connection -> Flux.usingWhen(run(connection, PLAN_BY_KEY).thenReturn(PLAN_BY_KEY),
                set -> statements.apply(connection), set -> run(connection, PLAN_AS_USUAL),
                (set, error) -> run(connection, PLAN_AS_USUAL), set -> run(connection, PLAN_AS_USUAL)));
    }

    /** Runs the set-based statement on {@code connection}; emits the keys it returned. */
    private Mono<Set<Object>> keys(Connection connection, List<T> rows) {
        Statement statement = connection.createStatement(setBased);
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            Object value = column.shared() ? column.value().apply(rows.get(0)) : array(column, rows);
            if (value == null) {
                statement.bindNull(i, column.type());
            } else {
                statement.bind(i, value);
            }
        }
        Class<?> keyType = columns.get(0).type();
        return Flux.from(statement.execute())
                .concatMap(result -> result.map((row, metadata) -> row.get(0, keyType)))
                .collect(HashSet::new, Set::add);
    }

    private static Mono<Void> run(Connection connection, String sql) {
        return Flux.from(connection.createStatement(sql).execute()).concatMap(r -> r.getRowsUpdated()).then();
    }

    private static <T> Object array(Column<T> column, List<T> rows) {
        Object array = Array.newInstance(column.type(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Array.set(array, i, column.value().apply(rows.get(i)));
        }
        return array;
    }

    private record Column<T>(Class<?> type, Function<T, Object> value, boolean shared) {
    }

    /** Declares the columns, in bind order. */
    public static final class Builder<T> {
        private final String perRow;
        private final String setBased;
        private final List<Column<T>> columns = new ArrayList<>();
        private boolean unchangedBack;
        private boolean joinedByKey;

        private Builder(String perRow, String setBased) {
            this.perRow = perRow;
            this.setBased = setBased;
        }

        /** The next column: its Java type (the element type of the PostgreSQL array) and its value. */
        @SuppressWarnings("unchecked")
        public <V> Builder<T> column(Class<V> type, Function<T, ? extends V> value) {
            columns.add(new Column<>(type, (Function<T, Object>) value, false));
            return this;
        }

        /**
         * The next column, holding the same value for every row of one call: the PostgreSQL statement
         * binds it once, as a plain value of {@code type}, taken from the first row.
         */
        @SuppressWarnings("unchecked")
        public <V> Builder<T> shared(Class<V> type, Function<T, ? extends V> value) {
            columns.add(new Column<>(type, (Function<T, Object>) value, true));
            return this;
        }

        /**
         * On PostgreSQL, has the server send back the keys of the rows the statement left unchanged
         * rather than of those it changed: for batches whose rows nearly all take effect. The
         * set-based statement must then be a single statement (no {@code WITH} of its own) that
         * returns the key as {@code id}, and keys must be unique within a call.
         */
        public Builder<T> reportingUnchanged() {
            this.unchangedBack = true;
            return this;
        }

        /**
         * On PostgreSQL, plans the set-based statement without nested loops or sequential scans, for
         * a statement that joins a table to the arrays by key ({@code FROM unnest(...) AS v WHERE
         * t.id = v.id AND t.id = ANY($1)}): the rows are then found through the key's index and the
         * join hashes one side, instead of rescanning the arrays for each row or reading the whole
         * table. The settings hold for this statement only, on its connection.
         */
        public Builder<T> joinedByKey() {
            this.joinedByKey = true;
            return this;
        }

        /** The batch. */
        public RowBatch<T> build() {
            return new RowBatch<>(perRow, setBased, columns, unchangedBack, joinedByKey);
        }
    }
}
