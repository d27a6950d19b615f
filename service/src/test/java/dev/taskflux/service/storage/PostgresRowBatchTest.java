package dev.taskflux.service.storage;

import dev.taskflux.service.support.TestPostgres;
import io.r2dbc.spi.ConnectionFactoryOptions;

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
}
