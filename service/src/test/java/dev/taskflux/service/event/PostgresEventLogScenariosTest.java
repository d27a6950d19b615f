package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.support.DatabaseProfile;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/** On PostgreSQL the hub only polls hourly here, so events from another node must arrive by notification. */
@TestPropertySource(properties = "taskflux.events.poll-interval=1h")
class PostgresEventLogScenariosTest extends EventLogScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Autowired
    R2dbcProperties r2dbc;

    @Test
    void eventsCommittedByAnotherNodeArriveThroughNotifications() {
        ConnectionFactory otherNode = ConnectionFactories.get(io.r2dbc.spi.ConnectionFactoryOptions
                .parse(r2dbc.getUrl()).mutate()
                .option(io.r2dbc.spi.ConnectionFactoryOptions.USER, r2dbc.getUsername()).build());
        EventLog remote = new EventLog(DatabaseClient.create(otherNode),
                TransactionalOperator.create(new R2dbcTransactionManager(otherNode)), SqlDialect.POSTGRESQL,
                new EventWakeups());
        var live = hub.subscribe(ownerFilter(), -1).next().timeout(Duration.ofSeconds(15)).toFuture();
        remote.append(event()).block(BOUND);
        assertThat(live.join().event().owner()).isEqualTo(owner);
    }
}
