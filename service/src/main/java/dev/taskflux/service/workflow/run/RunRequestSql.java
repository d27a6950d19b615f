package dev.taskflux.service.workflow.run;

import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.Sql;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Requests to steer runs, stored by any node and taken by the node holding the run. */
final class RunRequestSql {

    private final DatabaseClient db;
    private final JsonCodec json;
    private final String node;

    RunRequestSql(DatabaseClient db, JsonCodec json, String node) {
        this.db = db;
        this.json = json;
        this.node = node;
    }

    Mono<Void> insert(RunRequest request) {
        DatabaseClient.GenericExecuteSpec insert = db.sql("INSERT INTO workflow_run_request (id, run_id, kind, "
                        + "step_id, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(0, request.id()).bind(1, request.runId()).bind(2, request.kind().name());
        insert = Sql.bindNullable(insert, 3, request.stepId(), String.class);
        insert = Sql.bindNullable(insert, 4, json.write(request.payload()), String.class);
        return insert.bind(5, request.createdAt()).then();
    }

    Mono<List<RunRequest>> pending() {
        return db.sql("SELECT q.id, q.run_id, q.kind, q.step_id, q.payload, q.created_at "
                        + "FROM workflow_run_request q JOIN workflow_run r ON r.id = q.run_id WHERE r.lease_owner = $1 "
                        // requests left for a run that ended go with it, by the run's retention
                        + "AND r." + RunLeaseSql.UNFINISHED + " ORDER BY q.created_at, q.id")
                .bind(0, node)
                .map(row -> new RunRequest(row.get("id", UUID.class), row.get("run_id", UUID.class),
                        RunRequest.Kind.valueOf(row.get("kind", String.class)), row.get("step_id", String.class),
                        json.readValue(row.get("payload", String.class)), row.get("created_at", Instant.class)))
                .all().collectList();
    }

    Mono<Void> forget(List<UUID> ids) {
        return ids.isEmpty() ? Mono.empty()
                : Sql.bindList(db.sql("DELETE FROM workflow_run_request WHERE id IN (" + Sql.markers(1, ids.size()) + ")"),
                        0, ids).then();
    }
}
