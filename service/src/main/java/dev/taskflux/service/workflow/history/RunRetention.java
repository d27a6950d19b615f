package dev.taskflux.service.workflow.history;

import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Removes finished workflow runs (and their steps) that finished longer ago than the retention
 * age, in chunks so no transaction grows large. A finished child run is kept while its parent
 * run is unfinished, because the parent's SUB_WORKFLOW step may still look for it.
 */
@Component
public class RunRetention {

    private static final int CHUNK = 1000;
    private static final String FINAL = "('COMPLETED', 'FAILED', 'CANCELLED')";
    private static final String DELETE = "DELETE FROM workflow_run WHERE id IN (SELECT r.id FROM workflow_run r "
            + "WHERE r.finished_at < $1 AND r.status IN " + FINAL + " AND (r.parent_run_id IS NULL OR NOT EXISTS "
            + "(SELECT 1 FROM workflow_run p WHERE p.id = r.parent_run_id AND p.status NOT IN " + FINAL + ")) "
            + "LIMIT " + CHUNK + ")";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration age;

    RunRetention(DatabaseClient db, Clock clock, TaskfluxProperties properties) {
        this.db = db;
        this.clock = clock;
        this.age = properties.retention().workflowRunAge();
    }

    /** Removes what retention allows now; emits how many runs were removed. */
    public Mono<Long> purge() {
        Instant cutoff = clock.instant().minus(age);
        return db.sql(DELETE).bind(0, cutoff).fetch().rowsUpdated()
                .expand(n -> n >= CHUNK ? db.sql(DELETE).bind(0, cutoff).fetch().rowsUpdated() : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
