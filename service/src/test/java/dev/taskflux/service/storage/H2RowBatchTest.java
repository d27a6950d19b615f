package dev.taskflux.service.storage;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.UUID;

class H2RowBatchTest extends RowBatchScenarios {

    H2RowBatchTest() {
        super(SqlDialect.H2);
    }

    @Override
    ConnectionFactoryOptions database() {
        return ConnectionFactoryOptions.parse("r2dbc:h2:mem:///rowbatch" + UUID.randomUUID().toString().replace("-", "")
                + "?options=MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    }
}
