package dev.taskflux.service.dependency;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskStatus;
import dev.taskflux.service.task.TaskStore;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides what the dependencies of a held instance allow. An instance of task B fired at T
 * depends on the runs of each dependency A fired since B's previous instance (B's latest instance
 * fired before T; for B's first instance, every run of A): it runs once each A has completed such
 * a run, fails when the latest such run of some A ended without completing (failed, timed out or
 * cancelled, after its retries; fires skipped by an overlap policy do not count), and also fails when some A has no such run and never will
 * (deleted, cancelled, or completed its schedule). Otherwise it waits.
 */
@Component
class DependencyJudge {

    private final DatabaseClient db;
    private final TaskStore tasks;

    DependencyJudge(DatabaseClient db, TaskStore tasks) {
        this.db = db;
        this.tasks = tasks;
    }

    /** The verdict for an instance of {@code dependent} fired at {@code fireAt}. */
    Mono<DependencyVerdict> judge(TaskDefinition dependent, Instant fireAt) {
        return previousFire(dependent.id(), fireAt).flatMap(since -> Flux.fromIterable(dependent.spec().dependsOn())
                .concatMap(dep -> judge(dep, since.orElse(null)))
                .reduce(DependencyVerdict.RUN, DependencyVerdict::and));
    }

    private Mono<java.util.Optional<Instant>> previousFire(UUID definitionId, Instant fireAt) {
        return db.sql("SELECT MAX(fire_at) AS since FROM task_instance WHERE definition_id = $1 AND fire_at < $2")
                .bind(0, definitionId).bind(1, fireAt)
                .map(row -> java.util.Optional.ofNullable(row.get("since", Instant.class))).one();
    }

    private Mono<DependencyVerdict> judge(UUID dependency, Instant since) {
        String window = since == null ? "" : " AND fire_at > $2";
        Mono<Boolean> completed = bind(db.sql("SELECT id FROM task_instance WHERE definition_id = $1" + window
                + " AND status = 'COMPLETED' LIMIT 1"), dependency, since).map(row -> true).one().hasElement();
        Mono<DependencyVerdict> latest = bind(db.sql("SELECT id, status, error FROM task_instance WHERE definition_id = $1"
                + window + " AND status <> 'SKIPPED' ORDER BY fire_at DESC LIMIT 1"), dependency, since)
                .map(row -> verdict(InstanceStatus.valueOf(row.get("status", String.class)), () -> DependencyVerdict.fail("dependency task " + dependency + " instance " + row.get("id", UUID.class)
                                + " ended " + row.get("status", String.class) + error(row.get("error", String.class)))))
                .one()
                .switchIfEmpty(Mono.defer(() -> withoutRuns(dependency)));
        return completed.flatMap(done -> done ? Mono.just(DependencyVerdict.RUN) : latest);
    }

    // the latest run may have completed since the query for a completed run, which ran first
    private static DependencyVerdict verdict(InstanceStatus latest, java.util.function.Supplier<DependencyVerdict> failed) {
        if (latest == InstanceStatus.COMPLETED) {
            return DependencyVerdict.RUN;
        }
        return latest.isFinal() ? failed.get() : DependencyVerdict.WAIT;
    }

    /** A dependency with no run in the window: wait for one unless none will come. */
    private Mono<DependencyVerdict> withoutRuns(UUID dependency) {
        return tasks.find(dependency)
                .map(d -> d.status() == TaskStatus.ACTIVE || d.status() == TaskStatus.PAUSED ? DependencyVerdict.WAIT
                        : DependencyVerdict.fail(willNotRun(d)))
                .defaultIfEmpty(DependencyVerdict.fail("dependency task " + dependency + " was deleted"));
    }

    private static String willNotRun(TaskDefinition d) {
        return "dependency task " + d.id() + " is " + d.status() + " and will not run again";
    }

    private static String error(String error) {
        return error == null ? "" : ": " + error;
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, UUID dependency,
            Instant since) {
        spec = spec.bind(0, dependency);
        return since == null ? spec : spec.bind(1, since);
    }
}
