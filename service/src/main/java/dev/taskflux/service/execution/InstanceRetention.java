package dev.taskflux.service.execution;

import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Removes finished instances older than the retention age, in chunks so no transaction grows large. */
@Component
public class InstanceRetention {

    private static final int CHUNK = 5000;
    private static final String DELETE = "DELETE FROM task_instance WHERE id IN (SELECT id FROM task_instance "
            + "WHERE finished_at < $1 AND status NOT IN ('PENDING', 'RUNNING', 'RETRYING') LIMIT " + CHUNK + ")";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration age;

    InstanceRetention(DatabaseClient db, Clock clock, TaskfluxProperties properties) {
        this.db = db;
        this.clock = clock;
        this.age = properties.retention().instanceAge();
    }

    /** Removes what retention allows now; emits how many instances were removed. */
    public Mono<Long> purge() {
        java.time.Instant cutoff = clock.instant().minus(age);
        return db.sql(DELETE).bind(0, cutoff).fetch().rowsUpdated()
                .expand(n -> n >= CHUNK ? db.sql(DELETE).bind(0, cutoff).fetch().rowsUpdated() : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
