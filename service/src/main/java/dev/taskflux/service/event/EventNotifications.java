package dev.taskflux.service.event;

import dev.taskflux.service.storage.SqlDialect;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * On PostgreSQL, listens on a connection of its own for the notifications other nodes send when they
 * commit events, and wakes this node's tailer, so subscribers here see events made there at once. The
 * log stays the source of truth: a missed notification only delays delivery until the next poll.
 */
@Component
class EventNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);

    private final ConnectionFactory connections;
    private final SqlDialect dialect;
    private final EventWakeups wakeups;
    private volatile Disposable listening;

    EventNotifications(ConnectionFactory connections, SqlDialect dialect, EventWakeups wakeups) {
        this.connections = connections;
        this.dialect = dialect;
        this.wakeups = wakeups;
    }

    @Override
    public void start() {
        if (dialect != SqlDialect.POSTGRESQL) {
            listening = Mono.never().subscribe();
            return;
        }
        ConnectionFactory direct = connections instanceof ConnectionPool pool ? pool.unwrap() : connections;
        listening = Flux.usingWhen(Mono.from(direct.create()), this::listen, Connection::close)
                .doOnSubscribe(s -> wakeups.wake())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10))
                        .doBeforeRetry(r -> log.warn("Listening for event notifications failed; reconnecting: {}",
                                r.failure().toString())))
                .subscribe(n -> wakeups.wake());
    }

    private Flux<Object> listen(Connection connection) {
        PostgresqlConnection pg = (PostgresqlConnection) connection;
        return pg.createStatement("LISTEN " + EventLog.CHANNEL).execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(pg.getNotifications().cast(Object.class)
                        .concatWith(Mono.error(new IllegalStateException("the notification connection closed"))));
    }

    @Override
    public void stop() {
        Disposable running = listening;
        if (running != null) {
            running.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }
}
