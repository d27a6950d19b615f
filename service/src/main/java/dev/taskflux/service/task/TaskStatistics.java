package dev.taskflux.service.task;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Counts of definitions and instances by state, success rate and the next fire. */
@Component
public class TaskStatistics {

    private final DatabaseClient db;
    private final InstanceQueries instances;

    TaskStatistics(DatabaseClient db, InstanceQueries instances) {
        this.db = db;
        this.instances = instances;
    }

    /**
     * Statistics, of one owner or of all.
     *
     * @param tasks       definitions by state
     * @param instances   instances by state
     * @param runs        instances in all
     * @param successRate completed over finished (completed, failed, timed out), {@code null} before any
     * @param nextFireAt  the earliest next fire of an active definition
     */
    public record Stats(Map<TaskStatus, Long> tasks, Map<InstanceStatus, Long> instances, long runs,
                        Double successRate, Instant nextFireAt) {
    }

    /** Current statistics; {@code owner} may be null for all owners. */
    public Mono<Stats> stats(String owner) {
        Mono<Map<TaskStatus, Long>> tasks = bind(db.sql("SELECT status, COUNT(*) AS n FROM task_definition"
                        + (owner == null ? "" : " WHERE owner = $1") + " GROUP BY status"), owner)
                .map(row -> Map.entry(TaskStatus.valueOf(row.get("status", String.class)),
                        ((Number) row.get("n")).longValue())).all()
                .collect(() -> zeros(TaskStatus.class), (m, e) -> m.put(e.getKey(), e.getValue()));
        Mono<Map<InstanceStatus, Long>> runs = instances.countByStatus(owner)
                .collect(() -> zeros(InstanceStatus.class), (m, e) -> m.put(e.getKey(), e.getValue()));
        Mono<Instant> next = bind(db.sql("SELECT MIN(next_fire_at) AS next FROM task_definition WHERE status = 'ACTIVE'"
                + (owner == null ? "" : " AND owner = $1")), owner)
                .map(row -> java.util.Optional.ofNullable(row.get("next", Instant.class))).one()
                .flatMap(Mono::justOrEmpty);
        return Mono.zip(tasks, runs, next.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .map(t -> {
                    Map<InstanceStatus, Long> byStatus = t.getT2();
                    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
                    long ok = byStatus.get(InstanceStatus.COMPLETED);
                    long finished = ok + byStatus.get(InstanceStatus.FAILED) + byStatus.get(InstanceStatus.TIMED_OUT);
                    return new Stats(t.getT1(), byStatus, total, finished == 0 ? null : (double) ok / finished,
                            t.getT3().orElse(null));
                });
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String owner) {
        return owner == null ? spec : spec.bind(0, owner);
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> map = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            map.put(value, 0L);
        }
        return map;
    }
}
