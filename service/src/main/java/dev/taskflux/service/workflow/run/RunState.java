package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.event.LifecycleEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The live state of one run on the node executing it: its header and every step, changed only
 * through the synchronized methods so {@link #snapshot()} is always consistent.
 */
final class RunState {

    private final WorkflowRun origin;
    private final WorkflowSpec spec;
    private final String parentStepId;
    private final Map<String, StepRun> steps = new LinkedHashMap<>();
    private RunStatus status;
    private String error;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant deadline;

    RunState(WorkflowRun run, WorkflowSpec spec, String parentStepId) {
        this.origin = run;
        this.spec = spec;
        this.parentStepId = parentStepId;
        run.steps().forEach(step -> steps.put(step.stepId(), step));
        this.status = run.status();
        this.error = run.error();
        this.startedAt = run.startedAt();
        this.finishedAt = run.finishedAt();
        this.deadline = run.deadline();
    }

    UUID id() {
        return origin.id();
    }

    WorkflowSpec spec() {
        return spec;
    }

    Map<String, Object> inputs() {
        return origin.inputs();
    }

    String owner() {
        return origin.owner();
    }

    UUID workflowId() {
        return origin.workflowId();
    }

    Instant createdAt() {
        return origin.createdAt();
    }

    String parentStepId() {
        return parentStepId;
    }

    /** The definition this run runs, as it was when the run started. */
    WorkflowDefinition definition() {
        return new WorkflowDefinition(origin.workflowId(), origin.workflowVersion(), origin.owner(), spec,
                origin.createdAt());
    }

    synchronized RunStatus status() {
        return status;
    }

    synchronized String error() {
        return error;
    }

    synchronized Instant deadline() {
        return deadline;
    }

    synchronized StepRun step(String stepId) {
        return steps.get(stepId);
    }

    /** Replaces step {@code stepId} by {@code change} applied to it; returns the new state. */
    synchronized StepRun change(String stepId, UnaryOperator<StepEdit> change) {
        StepRun changed = change.apply(StepEdit.of(steps.get(stepId))).build();
        steps.put(stepId, changed);
        return changed;
    }

    /** Sets the run's state, keeping the first start time and setting the end time for a final state. */
    synchronized void status(RunStatus value, String reason, Instant at) {
        status = value;
        if (reason != null) {
            error = reason;
        }
        if (value == RunStatus.RUNNING && startedAt == null) {
            startedAt = at;
        }
        if (value.isFinal()) {
            finishedAt = at;
        }
    }

    synchronized void deadline(Instant value) {
        deadline = value;
    }

    /**
     * What expressions and templates read as {@code steps}: every finished step by id as
     * {@code {"output": ..., "status": ...}}.
     */
    synchronized Map<String, Object> stepsView() {
        Map<String, Object> view = new HashMap<>();
        steps.forEach((id, step) -> {
            if (step.status().isFinal()) {
                Map<String, Object> entry = new HashMap<>();
                entry.put("output", step.output());
                entry.put("status", step.status().name());
                view.put(id, entry);
            }
        });
        return view;
    }

    /** A change writing the run's header as it is now, publishing {@code event} once written. */
    synchronized RunChange headerChange(LifecycleEvent event) {
        return new RunChange(origin.id(), null, new RunChange.Header(status, error, startedAt, finishedAt, deadline),
                event);
    }

    /** The run as it is now. */
    synchronized WorkflowRun snapshot() {
        return new WorkflowRun(origin.id(), origin.workflowId(), origin.workflowVersion(), origin.workflowName(),
                origin.owner(), status, origin.inputs(), List.copyOf(steps.values()), error, origin.parentRunId(),
                origin.taskInstanceId(), origin.createdAt(), startedAt, finishedAt, deadline);
    }

    /** Whether any step ended in {@code wanted}. */
    synchronized boolean any(StepStatus wanted) {
        return steps.values().stream().anyMatch(step -> step.status() == wanted);
    }
}
