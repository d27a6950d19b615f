package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.RowBatch;
import dev.taskflux.service.storage.Sql;
import dev.taskflux.service.storage.SqlDialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs and steps in PostgreSQL or H2 through R2DBC; leases measured on the database clock. */
final class R2dbcRunStore implements RunStore {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SqlDialect dialect;
    private final JsonCodec json;
    private final RunRows rows;
    private final RunLeaseSql leases;
    private final RunRequestSql requests;
    private final LifecycleEvents events;
    private final RowBatch<StepRow> insertSteps;
    private final RowBatch<RunChange> updateSteps;
    private final RowBatch<RunChange> updateRuns;

    R2dbcRunStore(DatabaseClient db, TransactionalOperator tx, SqlDialect dialect, JsonCodec json,
            LifecycleEvents events, String node, Duration lease) {
        this.db = db;
        this.events = events;
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
        this.rows = new RunRows(json);
        this.leases = new RunLeaseSql(db, dialect, node, lease);
        this.requests = new RunRequestSql(db, json, node);
        this.insertSteps = RowBatch.<StepRow>of(
                        "INSERT INTO workflow_step (run_id, step_id, position, type, status) VALUES ($1, $2, $3, $4, 'PENDING')",
                        "INSERT INTO workflow_step (run_id, step_id, position, type, status) SELECT v.run_id, v.step_id, "
                                + "v.position, v.type, 'PENDING' FROM unnest($1::uuid[], $2::varchar[], $3::int[], "
                                + "$4::varchar[]) AS v(run_id, step_id, position, type) RETURNING run_id")
                .column(UUID.class, StepRow::runId)
                .column(String.class, StepRow::stepId)
                .column(Integer.class, StepRow::position)
                .column(String.class, StepRow::type)
                .build();
        this.updateSteps = RowBatch.<RunChange>of(
                        "UPDATE workflow_step SET status = $3, attempts = $4, output = $5, error = $6, progress_done = $7, "
                                + "progress_total = $8, started_at = $9, finished_at = $10, wait_until = $11, compensation = $12 "
                                + "WHERE run_id = $1 AND step_id = $2 AND EXISTS (SELECT 1 FROM workflow_run r "
                                + "WHERE r.id = $1 AND r.lease_owner = $13)",
                        "UPDATE workflow_step s SET status = v.status, attempts = v.attempts, output = v.output, "
                                + "error = v.error, progress_done = v.done, progress_total = v.total, started_at = v.started_at, "
                                + "finished_at = v.finished_at, wait_until = v.wait_until, compensation = v.compensation "
                                + "FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], "
                                + "$6::varchar[], $7::bigint[], $8::bigint[], $9::timestamptz[], $10::timestamptz[], "
                                + "$11::timestamptz[], $12::varchar[], $13::varchar[]) AS v(run_id, step_id, status, attempts, "
                                + "output, error, done, total, started_at, finished_at, wait_until, compensation, owner) "
                                + "WHERE s.run_id = v.run_id AND s.step_id = v.step_id AND s.run_id = ANY($1::uuid[]) "
                                + "AND EXISTS (SELECT 1 FROM workflow_run r "
                                + "WHERE r.id = v.run_id AND r.lease_owner = v.owner) RETURNING s.run_id")
                .column(UUID.class, RunChange::runId)
                .column(String.class, c -> c.step().stepId())
                .column(String.class, c -> c.step().status().name())
                .column(String.class, c -> c.step().attempts().isEmpty() ? null : json.write(c.step().attempts()))
                .column(String.class, c -> json.write(c.step().output()))
                .column(String.class, c -> c.step().error())
                .column(Long.class, c -> c.step().progress() == null ? null : c.step().progress().done())
                .column(Long.class, c -> c.step().progress() == null ? null : c.step().progress().total())
                .column(Instant.class, c -> c.step().startedAt())
                .column(Instant.class, c -> c.step().finishedAt())
                .column(Instant.class, c -> c.step().waitUntil())
                .column(String.class, c -> json.write(c.step().compensation()))
                .column(String.class, c -> node)
                .build();
        this.updateRuns = RowBatch.<RunChange>of(
                        "UPDATE workflow_run SET status = $2, error = $3, started_at = $4, finished_at = $5, deadline = $6 "
                                + "WHERE id = $1 AND lease_owner = $7",
                        "UPDATE workflow_run t SET status = v.status, error = v.error, started_at = v.started_at, "
                                + "finished_at = v.finished_at, deadline = v.deadline FROM unnest($1::uuid[], $2::varchar[], "
                                + "$3::varchar[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::varchar[]) "
                                + "AS v(id, status, error, started_at, finished_at, deadline, owner) "
                                + "WHERE t.id = v.id AND t.id = ANY($1::uuid[]) AND t.lease_owner = v.owner RETURNING t.id")
                .column(UUID.class, RunChange::runId)
                .column(String.class, c -> c.header().status().name())
                .column(String.class, c -> c.header().error())
                .column(Instant.class, c -> c.header().startedAt())
                .column(Instant.class, c -> c.header().finishedAt())
                .column(Instant.class, c -> c.header().deadline())
                .column(String.class, c -> node)
                .joinedByKey()
                .build();
    }

    @Override
    public Mono<Void> insert(StoredRun stored) {
        WorkflowRun run = stored.run();
        List<StepSpec> steps = stored.spec().steps();
        List<StepRow> stepRows = IntStream.range(0, steps.size())
                .mapToObj(i -> new StepRow(run.id(), steps.get(i).id(), i, steps.get(i).type().name())).toList();
        DatabaseClient.GenericExecuteSpec row = db.sql("INSERT INTO workflow_run (id, workflow_id, workflow_version, "
                        + "workflow_name, owner, status, spec, inputs, parent_run_id, parent_step_id, task_instance_id, "
                        + "created_at, lease_owner, lease_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                        + "$12, $13, " + dialect.nowPlusMillis("$14") + ")")
                .bind(0, run.id()).bind(1, run.workflowId()).bind(2, run.workflowVersion()).bind(3, run.workflowName())
                .bind(4, run.owner()).bind(5, run.status().name()).bind(6, json.write(stored.spec()))
                .bind(7, rows.inputs(run.inputs()));
        row = Sql.bindNullable(row, 8, run.parentRunId(), UUID.class);
        row = Sql.bindNullable(row, 9, stored.parentStepId(), String.class);
        row = Sql.bindNullable(row, 10, run.taskInstanceId(), UUID.class);
        row = row.bind(11, run.createdAt()).bind(12, leases.node()).bind(13, leases.leaseMillis());
        return tx.transactional(row.then().thenMany(insertSteps.execute(db, dialect, stepRows)).then());
    }

    @Override
    public Mono<Set<UUID>> write(List<RunChange> changes, List<LifecycleEvent> recorded) {
        List<RunChange> steps = changes.stream().filter(c -> c.step() != null).toList();
        List<RunChange> headers = changes.stream().filter(c -> c.header() != null).toList();
        return tx.transactional(updateSteps.execute(db, dialect, steps)
                .concatWith(updateRuns.execute(db, dialect, headers))
                .map(RunChange::runId)
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(applied -> events.record(recorded.stream().filter(e -> applied.contains(e.runId())).toList())
                        .thenReturn(applied)));
    }

    @Override
    public Mono<StoredRun> find(UUID runId) {
        return db.sql("SELECT " + RunRows.RUN_COLUMNS + " FROM workflow_run WHERE id = $1").bind(0, runId)
                .map(rows::run).one()
                .flatMap(stored -> steps(List.of(runId))
                        .map(steps -> RunRows.withSteps(stored, steps.getOrDefault(runId, List.of()))));
    }

    @Override
    public Flux<WorkflowRun> list(WorkflowRuns.RunQuery query) {
        RunFilter filter = RunFilter.of(query);
        int next = filter.values().size();
        String sql = "SELECT " + RunRows.RUN_COLUMNS + " FROM workflow_run" + filter.where()
                + " ORDER BY created_at DESC, id LIMIT $" + (next + 1) + " OFFSET $" + (next + 2);
        DatabaseClient.GenericExecuteSpec spec = Sql.bindList(db.sql(sql), 0, filter.values())
                .bind(next, query.limit()).bind(next + 1, query.offset());
        return spec.map(rows::run).all().collectList().flatMapMany(found -> steps(
                        found.stream().map(s -> s.run().id()).toList())
                .flatMapIterable(steps -> found.stream()
                        .map(s -> RunRows.withSteps(s, steps.getOrDefault(s.run().id(), List.of())).run()).toList()));
    }

    @Override
    public Mono<Long> count(WorkflowRuns.RunQuery query) {
        RunFilter filter = RunFilter.of(query);
        return Sql.bindList(db.sql("SELECT COUNT(*) AS n FROM workflow_run" + filter.where()), 0, filter.values())
                .map(row -> row.get("n", Long.class)).one();
    }

    @Override
    public Mono<UUID> childOf(UUID parentRunId, String stepId) {
        return db.sql("SELECT id FROM workflow_run WHERE parent_run_id = $1 AND parent_step_id = $2 "
                        + "ORDER BY created_at DESC LIMIT 1")
                .bind(0, parentRunId).bind(1, stepId).map(row -> row.get("id", UUID.class)).one();
    }

    @Override
    public Mono<List<UUID>> claimOrphans(int limit) {
        return tx.transactional(leases.claimOrphans(limit));
    }

    @Override
    public Mono<Boolean> claim(UUID runId) {
        return leases.claim(runId);
    }

    @Override
    public Mono<Set<UUID>> heartbeat(Set<UUID> local) {
        return leases.heartbeat(local);
    }

    @Override
    public Mono<Void> request(RunRequest request) {
        return requests.insert(request);
    }

    @Override
    public Mono<List<RunRequest>> pendingRequests() {
        return requests.pending();
    }

    @Override
    public Mono<Void> forgetRequests(List<UUID> ids) {
        return requests.forget(ids);
    }

    @Override
    public Mono<Long> expireOwnLeases() {
        return leases.expireOwn();
    }

    private Mono<Map<UUID, List<StepRun>>> steps(List<UUID> runIds) {
        if (runIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Sql.bindList(db.sql("SELECT " + RunRows.STEP_COLUMNS + " FROM workflow_step WHERE run_id IN ("
                        + Sql.markers(1, runIds.size()) + ") ORDER BY run_id, position"), 0, runIds)
                .map(row -> Map.entry(row.get("run_id", UUID.class), rows.step(row)))
                .all()
                .collect(LinkedHashMap::new, (Map<UUID, List<StepRun>> map, Map.Entry<UUID, StepRun> e) ->
                        map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }

    private record StepRow(UUID runId, String stepId, int position, String type) {
    }
}
