package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.support.DatabaseProfile;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Sinks;

/** On PostgreSQL the hub only polls hourly here, so events from another node must arrive by notification. */
@TestPropertySource(properties = "taskflux.events.poll-interval=1h")
class PostgresEventLogScenariosTest extends EventLogScenarios {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DatabaseProfile.POSTGRESQL.register(registry);
    }

    @Autowired
    R2dbcProperties r2dbc;

    private ConnectionFactory otherNode;

    @Test
    void eventsCommittedByAnotherNodeArriveThroughNotifications() {
        EventLog remote = new EventLog(DatabaseClient.create(otherNode()), remoteTx(), SqlDialect.POSTGRESQL,
                new EventWakeups());
        var live = hub.subscribe(ownerFilter(), -1).next().timeout(Duration.ofSeconds(15)).toFuture();
        remote.append(event()).block(BOUND);
        assertThat(live.join().event().owner()).isEqualTo(owner);
    }

    @Test
    void anOpenTransactionHoldsBackNoOtherAppendAndEventsAreNumberedInCommitOrder() throws Exception {
        TransactionalOperator remoteTx = remoteTx();
        EventLog remote = new EventLog(DatabaseClient.create(otherNode), remoteTx, SqlDialect.POSTGRESQL,
                new EventWakeups());
        LifecycleEvent first = event();
        LifecycleEvent second = event();
        Sinks.One<Boolean> commit = Sinks.one();
        CountDownLatch appended = new CountDownLatch(1);
        var open = remoteTx.transactional(remote.append(List.of(first, first))
                        .doOnSuccess(done -> appended.countDown())
                        .then(commit.asMono()))
                .toFuture();
        assertThat(appended.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

        log.append(second).block(BOUND);
        commit.tryEmitValue(Boolean.TRUE);
        open.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        List<SequencedEvent> logged = log.read(0, Long.MAX_VALUE, ownerFilter(), 10).collectList().block(BOUND);
        assertThat(logged).extracting(SequencedEvent::event).containsExactly(second, first, first);
        long start = logged.get(0).seq();
        assertThat(logged).extracting(SequencedEvent::seq).containsExactly(start, start + 1, start + 2);
    }

    private ConnectionFactory otherNode() {
        if (otherNode == null) {
            otherNode = ConnectionFactories.get(io.r2dbc.spi.ConnectionFactoryOptions.parse(r2dbc.getUrl()).mutate()
                    .option(io.r2dbc.spi.ConnectionFactoryOptions.USER, r2dbc.getUsername()).build());
        }
        return otherNode;
    }

    private TransactionalOperator remoteTx() {
        return TransactionalOperator.create(new R2dbcTransactionManager(otherNode()));
    }
}
