package dev.taskflux.service.storage;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Small helpers over R2DBC for what {@link DatabaseClient} does not do: one statement bound many
 * times in one call (the driver sends the bindings one after another; see {@link RowBatch} for a
 * single set-based statement), and {@code IN} lists of any length. Both drivers in use take
 * {@code $n} bind markers.
 */
public final class Sql {

    private Sql() {
    }

    /**
     * Runs {@code sql} once for each item, binding each with {@code binder}, on the connection of
     * the current transaction; emits the rows changed per item, in order.
     */
    public static <T> Flux<Long> batch(DatabaseClient db, String sql, Collection<T> items,
                                       BiConsumer<Binder, T> binder) {
        if (items.isEmpty()) {
            return Flux.empty();
        }
        return db.inConnectionMany(connection -> Flux.from(bindAll(connection, sql, items, binder).execute())
                .concatMap(Result::getRowsUpdated));
    }

    private static <T> Statement bindAll(Connection connection, String sql, Collection<T> items,
                                         BiConsumer<Binder, T> binder) {
        Statement statement = connection.createStatement(sql);
        boolean first = true;
        for (T item : items) {
            if (!first) {
                statement.add();
            }
            first = false;
            binder.accept(new Binder(statement), item);
        }
        return statement;
    }

    /** {@code $from, $from+1, ...} for {@code count} values, for an {@code IN (...)} list. */
    public static String markers(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "$" + i).collect(Collectors.joining(", "));
    }

    /** Binds {@code values} to the markers made by {@link #markers(int, int)} with {@code from = 1 + offset}. */
    public static DatabaseClient.GenericExecuteSpec bindList(DatabaseClient.GenericExecuteSpec spec, int offset,
                                                             List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            spec = spec.bind(offset + i, values.get(i));
        }
        return spec;
    }

    /** Positional binding that accepts nulls. */
    public static final class Binder {
        private final Statement statement;
        private int index;

        Binder(Statement statement) {
            this.statement = statement;
        }

        /** Binds the next marker to {@code value}, which may be null. */
        public Binder next(Object value, Class<?> type) {
            if (value == null) {
                statement.bindNull(index++, type);
            } else {
                statement.bind(index++, value);
            }
            return this;
        }

        /** Binds the next marker to a non-null value. */
        public Binder next(Object value) {
            statement.bind(index++, value);
            return this;
        }

        /** Binds the next marker to an instant, which may be null. */
        public Binder instant(Instant value) {
            return next(value, Instant.class);
        }

        /** Binds the next marker to a string, which may be null. */
        public Binder string(String value) {
            return next(value, String.class);
        }
    }

    /** Binds a possibly-null value by index on a {@link DatabaseClient} spec. */
    public static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, int index,
                                                                 Object value, Class<?> type) {
        return value == null ? spec.bindNull(index, type) : spec.bind(index, value);
    }

}
