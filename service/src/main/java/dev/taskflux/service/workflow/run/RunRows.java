package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.storage.JsonCodec;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads run and step rows into the run model. */
final class RunRows {

    /** The run columns, in the order {@link #run} reads them by name. */
    static final String RUN_COLUMNS = "id, workflow_id, workflow_version, workflow_name, owner, status, spec, inputs, "
            + "error, parent_run_id, parent_step_id, task_instance_id, created_at, started_at, finished_at, deadline";
    /** The step columns. */
    static final String STEP_COLUMNS = "run_id, step_id, type, status, attempts, output, error, progress_done, "
            + "progress_total, started_at, finished_at, wait_until, compensation";

    private final JsonCodec json;

    RunRows(JsonCodec json) {
        this.json = json;
    }

    /** A run row, without its steps yet. */
    RunStore.StoredRun run(Readable row) {
        WorkflowRun run = new WorkflowRun(row.get("id", UUID.class), row.get("workflow_id", UUID.class),
                row.get("workflow_version", Integer.class), row.get("workflow_name", String.class),
                row.get("owner", String.class), RunStatus.valueOf(row.get("status", String.class)),
                json.readMap(row.get("inputs", String.class)), List.of(), row.get("error", String.class),
                row.get("parent_run_id", UUID.class), row.get("task_instance_id", UUID.class),
                row.get("created_at", Instant.class), row.get("started_at", Instant.class),
                row.get("finished_at", Instant.class), row.get("deadline", Instant.class));
        return new RunStore.StoredRun(run, json.read(row.get("spec", String.class), WorkflowSpec.class),
                row.get("parent_step_id", String.class));
    }

    /** A step row. */
    StepRun step(Readable row) {
        Long done = row.get("progress_done", Long.class);
        String compensation = row.get("compensation", String.class);
        return new StepRun(row.get("step_id", String.class), StepType.valueOf(row.get("type", String.class)),
                StepStatus.valueOf(row.get("status", String.class)), json.readAttempts(row.get("attempts", String.class)),
                json.readValue(row.get("output", String.class)), row.get("error", String.class),
                done == null ? null : new StepRun.Progress(done, row.get("progress_total", Long.class)),
                row.get("started_at", Instant.class), row.get("finished_at", Instant.class),
                row.get("wait_until", Instant.class),
                compensation == null ? null : json.read(compensation, StepRun.Compensation.class));
    }

    /** {@code stored} with {@code steps}. */
    static RunStore.StoredRun withSteps(RunStore.StoredRun stored, List<StepRun> steps) {
        WorkflowRun r = stored.run();
        return new RunStore.StoredRun(new WorkflowRun(r.id(), r.workflowId(), r.workflowVersion(), r.workflowName(),
                r.owner(), r.status(), r.inputs(), steps, r.error(), r.parentRunId(), r.taskInstanceId(), r.createdAt(),
                r.startedAt(), r.finishedAt(), r.deadline()), stored.spec(), stored.parentStepId());
    }

    /** The inputs column of a run. */
    String inputs(Map<String, Object> inputs) {
        return json.write(inputs);
    }
}
