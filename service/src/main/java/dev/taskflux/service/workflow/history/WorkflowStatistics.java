package dev.taskflux.service.workflow.history;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Workflow statistics, overall and per definition: live definitions, runs by state, success rate
 * and average duration of finished runs (from start, or acceptance if it never started, to end).
 */
@Component
public class WorkflowStatistics {

    private final DatabaseClient db;
    private final String duration;

    WorkflowStatistics(DatabaseClient db, SqlDialect dialect) {
        this.db = db;
        this.duration = dialect.millisBetween("COALESCE(started_at, created_at)", "finished_at");
    }

    /**
     * The statistics of the runs of one owner's definitions, or of everybody's.
     *
     * @param definitions     live workflow definitions
     * @param runs            the runs in each state, over all definitions
     * @param total           every run
     * @param successRate     completed over completed and failed (cancelled runs do not count), {@code null} before any
     * @param averageDuration the mean duration of finished runs, {@code null} before any
     * @param workflows       the same per definition, most runs first
     */
    public record Stats(long definitions, Map<RunStatus, Long> runs, long total, Double successRate,
                        Duration averageDuration, List<PerWorkflow> workflows) {
    }

    /**
     * The statistics of one definition's runs (all its versions).
     *
     * @param workflowId      the definition
     * @param name            its name when its latest run started
     * @param runs            the runs in each state
     * @param total           every run
     * @param successRate     as in {@link Stats}
     * @param averageDuration as in {@link Stats}
     */
    public record PerWorkflow(UUID workflowId, String name, Map<RunStatus, Long> runs, long total, Double successRate,
                              Duration averageDuration) {
    }

    /** Current statistics; {@code owner} may be null for all owners. */
    public Mono<Stats> stats(String owner) {
        String where = owner == null ? "" : " WHERE owner = $1";
        List<Object> args = owner == null ? List.of() : List.of(owner);
        Mono<Long> definitions = Sql.bindList(db.sql("SELECT COUNT(*) AS n FROM workflow_definition"
                        + (owner == null ? " WHERE deleted_at IS NULL" : where + " AND deleted_at IS NULL")), 0, args)
                .map(row -> ((Number) row.get("n")).longValue()).one();
        Mono<List<Group>> groups = Sql.bindList(db.sql("SELECT workflow_id, MAX(workflow_name) AS name, status, "
                        + "COUNT(*) AS n, SUM(CASE WHEN finished_at IS NOT NULL THEN " + duration + " END) AS ms, "
                        + "COUNT(finished_at) AS finished FROM workflow_run" + where + " GROUP BY workflow_id, status"),
                        0, args)
                .map(row -> new Group(row.get("workflow_id", UUID.class), row.get("name", String.class),
                        RunStatus.valueOf(row.get("status", String.class)), ((Number) row.get("n")).longValue(),
                        row.get("ms") == null ? 0 : ((Number) row.get("ms")).doubleValue(),
                        ((Number) row.get("finished")).longValue()))
                .all().collectList();
        return Mono.zip(definitions, groups).map(t -> summarize(t.getT1(), t.getT2()));
    }

    private static Stats summarize(long definitions, List<Group> groups) {
        Tally all = new Tally();
        Map<UUID, Tally> byWorkflow = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (Group g : groups) {
            all.add(g);
            byWorkflow.computeIfAbsent(g.workflowId(), id -> new Tally()).add(g);
            names.put(g.workflowId(), g.name());
        }
        List<PerWorkflow> workflows = new ArrayList<>();
        byWorkflow.forEach((id, t) -> workflows.add(new PerWorkflow(id, names.get(id), t.runs, t.total,
                t.successRate(), t.averageDuration())));
        workflows.sort((a, b) -> Long.compare(b.total(), a.total()));
        return new Stats(definitions, all.runs, all.total, all.successRate(), all.averageDuration(), workflows);
    }

    private record Group(UUID workflowId, String name, RunStatus status, long count, double millis, long finished) {
    }

    /** Sums of groups of runs. */
    private static final class Tally {
        private final Map<RunStatus, Long> runs = new EnumMap<>(RunStatus.class);
        private long total;
        private double millis;
        private long finished;

        Tally() {
            for (RunStatus s : RunStatus.values()) {
                runs.put(s, 0L);
            }
        }

        void add(Group g) {
            runs.merge(g.status(), g.count(), Long::sum);
            total += g.count();
            millis += g.millis();
            finished += g.finished();
        }

        Double successRate() {
            long ok = runs.get(RunStatus.COMPLETED);
            long decided = ok + runs.get(RunStatus.FAILED);
            return decided == 0 ? null : (double) ok / decided;
        }

        Duration averageDuration() {
            return finished == 0 ? null : Duration.ofMillis(Math.round(millis / finished));
        }
    }
}
